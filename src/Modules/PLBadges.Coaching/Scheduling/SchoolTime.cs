namespace PLBadges.Coaching.Scheduling;

/// <summary>One period of a school's bell schedule on one weekday, in the school's local time.</summary>
internal sealed class BellPeriod
{
    public Guid Id { get; set; }

    public Guid SchoolId { get; set; }

    public DayOfWeek Weekday { get; set; }

    public required string Name { get; set; }

    public TimeOnly Start { get; set; }

    public TimeOnly End { get; set; }
}

/// <summary>A day without school (holiday, in-service day, snow day).</summary>
internal sealed class SchoolClosure
{
    public Guid SchoolId { get; set; }

    public DateOnly Date { get; set; }

    public string Reason { get; set; } = "";
}

/// <summary>A teacher's planning period (by its name in the school's bell schedule), or another free slot they add.</summary>
internal sealed class FreeTime
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public Guid SchoolId { get; set; }

    public DayOfWeek Weekday { get; set; }

    public TimeOnly Start { get; set; }

    public TimeOnly End { get; set; }

    /// <summary>The bell period's name when this is a planning period; the teacher's own words otherwise.</summary>
    public required string Label { get; set; }

    public bool IsPlanningPeriod { get; set; }
}
