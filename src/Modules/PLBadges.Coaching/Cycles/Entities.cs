namespace PLBadges.Coaching.Cycles;

public enum CycleState
{
    Planned,
    Active,
    Completed,
    Cancelled,
}

/// <summary>The usual order of a cycle's meetings.</summary>
public enum MeetingKind
{
    Planning,
    Visit,
    Debrief,
    FollowUp,
}

/// <summary>What happens in a classroom visit.</summary>
public enum VisitStyle
{
    Observation,
    CoTeaching,
    ModelledLesson,
}

public enum MeetingState
{
    Scheduled,
    Cancelled,
}

/// <summary>One coach and one teacher (or a small group of one school's teachers) around a goal.</summary>
internal sealed class CoachingCycle
{
    public Guid Id { get; set; }

    public Guid DistrictId { get; set; }

    public Guid SchoolId { get; set; }

    public Guid CoachId { get; set; }

    public required string Goal { get; set; }

    /// <summary>The micro-credential the goal supports (its slug), when there is one.</summary>
    public string? MicroCredentialSlug { get; set; }

    public string? FocusArea { get; set; }

    public CycleState State { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class CycleTeacher
{
    public Guid CycleId { get; set; }

    public Guid TeacherId { get; set; }
}

/// <summary>Every change of a cycle and its meetings, for the record.</summary>
internal sealed class CycleChange
{
    public Guid Id { get; set; }

    public Guid CycleId { get; set; }

    public Guid? MeetingId { get; set; }

    public Guid? ById { get; set; }

    public DateTime At { get; set; }

    public required string What { get; set; }
}

/// <summary>
/// A meeting of a cycle. Its Uid (the id) never changes; Sequence rises with each reschedule or
/// cancellation, as iCalendar needs, and reminders carry the Sequence they were made for.
/// </summary>
internal sealed class Meeting
{
    public Guid Id { get; set; }

    public Guid CycleId { get; set; }

    public Guid SchoolId { get; set; }

    public MeetingKind Kind { get; set; }

    public VisitStyle? Style { get; set; }

    public DateTime StartUtc { get; set; }

    public DateTime EndUtc { get; set; }

    public string Location { get; set; } = "";

    public MeetingState State { get; set; }

    public int Sequence { get; set; }

    /// <summary>True when the coach placed it outside the teacher's planning (or teaching) time.</summary>
    public bool OutsideUsualTime { get; set; }

    public string? Notes { get; set; }

    public DateTime? NotesAt { get; set; }

    public bool NotesShared { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public TimeSpan Duration => EndUtc - StartUtc;
}

/// <summary>Who is in a meeting, with the meeting's times copied so that "is this person free" is one indexed query.</summary>
internal sealed class MeetingAttendee
{
    public Guid MeetingId { get; set; }

    public Guid PersonId { get; set; }

    public Guid SchoolId { get; set; }

    public DateTime StartUtc { get; set; }

    public DateTime EndUtc { get; set; }

    public bool Active { get; set; }
}

/// <summary>An agreed next step, with its owner and due date.</summary>
internal sealed class NextStep
{
    public Guid Id { get; set; }

    public Guid CycleId { get; set; }

    public Guid? MeetingId { get; set; }

    public required string Text { get; set; }

    public Guid OwnerId { get; set; }

    public DateOnly Due { get; set; }

    public DateTime? DoneAt { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// A reminder that is due at a time: the truth of what to send lives here, and the sweep sends
/// what is due. A reschedule or cancellation removes the unsent ones of the meeting's old Sequence.
/// </summary>
internal sealed class Reminder
{
    public Guid Id { get; set; }

    public Guid MeetingId { get; set; }

    public Guid PersonId { get; set; }

    public int Sequence { get; set; }

    public int MinutesBefore { get; set; }

    public DateTime DueAt { get; set; }

    public DateTime? SentAt { get; set; }
}

/// <summary>A person's calendar settings: the secret of their feed (hashed) and whether they want reminders.</summary>
internal sealed class CalendarSettings
{
    public Guid PersonId { get; set; }

    public string? FeedTokenHash { get; set; }

    public bool Reminders { get; set; } = true;

    public DateTime UpdatedAt { get; set; }
}
