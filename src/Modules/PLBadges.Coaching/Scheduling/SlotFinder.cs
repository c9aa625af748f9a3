using PLBadges.Abstractions.Values;
using PLBadges.Coaching.Cycles;

namespace PLBadges.Coaching.Scheduling;

/// <summary>A free stretch of a school day, in the school's local time.</summary>
public sealed record LocalWindow(DayOfWeek Weekday, TimeOnly Start, TimeOnly End, string Label);

/// <summary>Time a person is taken, and at which school (a meeting elsewhere needs travel time around it).</summary>
public sealed record BusyTime(DateTime StartUtc, DateTime EndUtc, Guid SchoolId);

/// <summary>A proposed meeting time.</summary>
public sealed record Slot(DateTime StartUtc, DateTime EndUtc, string Label);

/// <summary>
/// One school's time: its zone, bell schedule and days without school. Converts local school times
/// to UTC through the zone's rules, so a week with a daylight-saving change places meetings at the
/// same clock time on both sides of it.
/// </summary>
public sealed class SchoolCalendar(Guid schoolId, TimeZoneInfo zone, IReadOnlyList<LocalWindow> periods, IReadOnlySet<DateOnly> closures)
{
    public Guid SchoolId { get; } = schoolId;

    public TimeZoneInfo Zone { get; } = zone;

    public IReadOnlyList<LocalWindow> Periods { get; } = periods;

    public bool IsSchoolDay(DateOnly date) => !closures.Contains(date) && Periods.Any(p => p.Weekday == date.DayOfWeek);

    public string? ClosureReason(DateOnly date) => closures.Contains(date) ? "the school is closed that day" : Periods.Any(p => p.Weekday == date.DayOfWeek) ? null : "there is no school that day";

    /// <summary>A local school time as UTC, by the site's one clock-change rule (<see cref="ZoneTime"/>).</summary>
    public DateTime ToUtc(DateOnly date, TimeOnly time) => ZoneTime.ToUtc(date, time, Zone).Utc;

    public bool IsValidLocal(DateOnly date, TimeOnly time) => !Zone.IsInvalidTime(date.ToDateTime(time, DateTimeKind.Unspecified));

    public DateTime ToLocal(DateTime utc) => ZoneTime.ToLocal(utc, Zone);

    /// <summary>
    /// Reads a date and two times typed in the school's local time (HTML date and time inputs) as UTC.
    /// Returns why it cannot, or null. A time a clock change skips or repeats is resolved by <see cref="ZoneTime"/>'s rule.
    /// </summary>
    public string? ReadLocalRange(string? date, string? start, string? end, out DateTime startUtc, out DateTime endUtc)
    {
        (startUtc, endUtc) = (default, default);
        string[] times = ["HH:mm", "HH:mm:ss"];
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
            || !TimeOnly.TryParseExact(start, times, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var from)
            || !TimeOnly.TryParseExact(end, times, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var to))
        {
            return "Give the date, the start time and the end time.";
        }

        if (FieldRanges.Check(DateField.CoachingMeeting, day) is { } outside)
        {
            return outside;
        }

        (startUtc, endUtc) = (ToUtc(day, from), ToUtc(day, to));
        return null;
    }

    /// <summary>The school day a number of school days after a date (used for "two school days after the visit").</summary>
    public DateOnly AddSchoolDays(DateOnly date, int days)
    {
        var day = date;
        for (var guard = 0; days > 0 && guard < 366; guard++)
        {
            day = day.AddDays(1);
            if (IsSchoolDay(day))
            {
                days--;
            }
        }

        return day;
    }
}

/// <summary>What "suggest times" needs to know; everything is read before, so the search is pure.</summary>
public sealed record SlotQuery(
    SchoolCalendar School,
    MeetingKind Kind,
    TimeSpan Duration,
    DateTime FromUtc,
    IReadOnlyList<IReadOnlyList<LocalWindow>> TeachersFreeTime,
    IReadOnlyList<BusyTime> Busy,
    TimeSpan TravelGap,
    int Count = 5,
    int Days = 28);

/// <summary>
/// Finds the next times a meeting fits: planning conferences, debriefs and follow-ups inside every
/// teacher's planning time, classroom visits in a period the teachers teach; never over anyone's
/// other meetings, with a travel gap around meetings at another school; only on school days.
/// At most one suggestion per window, so the choices spread across the days ahead.
/// </summary>
public static class SlotFinder
{
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(15);

    public static IReadOnlyList<Slot> Suggest(SlotQuery query)
    {
        var slots = new List<Slot>();
        if (query.Duration <= TimeSpan.Zero)
        {
            return slots;
        }

        var school = query.School;
        var firstDay = DateOnly.FromDateTime(school.ToLocal(query.FromUtc));
        for (var d = 0; d < query.Days && slots.Count < query.Count; d++)
        {
            var date = firstDay.AddDays(d);
            if (!school.IsSchoolDay(date))
            {
                continue;
            }

            foreach (var window in WindowsOn(query, date.DayOfWeek))
            {
                if (FirstFit(query, date, window) is { } slot)
                {
                    slots.Add(slot);
                    if (slots.Count == query.Count)
                    {
                        break;
                    }
                }
            }
        }

        return slots;
    }

    /// <summary>The windows where a meeting of this kind belongs on a weekday, earliest first.</summary>
    public static IReadOnlyList<LocalWindow> WindowsOn(SlotQuery query, DayOfWeek weekday) =>
        UsualWindows(query.School, query.Kind, query.TeachersFreeTime, weekday);

    public static IReadOnlyList<LocalWindow> UsualWindows(SchoolCalendar school, MeetingKind kind, IReadOnlyList<IReadOnlyList<LocalWindow>> teachersFreeTime, DayOfWeek weekday)
    {
        var free = teachersFreeTime.Select(t => t.Where(w => w.Weekday == weekday).ToList()).ToList();
        if (kind == MeetingKind.Visit)
        {
            // A period every teacher of the cycle teaches: one that overlaps none of their free time.
            return school.Periods.Where(p => p.Weekday == weekday && free.All(t => !t.Any(w => w.Start < p.End && p.Start < w.End)))
                .OrderBy(p => p.Start).ToList();
        }

        if (free.Count == 0)
        {
            return [];
        }

        // Planning time all the teachers share.
        IEnumerable<LocalWindow> shared = free[0];
        foreach (var other in free.Skip(1))
        {
            shared = shared.SelectMany(a => other.Where(b => a.Start < b.End && b.Start < a.End)
                .Select(b => new LocalWindow(weekday, Max(a.Start, b.Start), Min(a.End, b.End), a.Label))).ToList();
        }

        return shared.OrderBy(w => w.Start).ToList();
    }

    /// <summary>Is a meeting at this time inside the usual time for its kind?</summary>
    public static bool IsUsualTime(SchoolCalendar school, MeetingKind kind, IReadOnlyList<IReadOnlyList<LocalWindow>> teachersFreeTime, DateTime startUtc, DateTime endUtc)
    {
        var start = school.ToLocal(startUtc);
        var end = school.ToLocal(endUtc);
        if (start.Date != end.Date)
        {
            return false;
        }

        var from = TimeOnly.FromDateTime(start);
        var to = TimeOnly.FromDateTime(end);
        return UsualWindows(school, kind, teachersFreeTime, start.DayOfWeek).Any(w => w.Start <= from && to <= w.End);
    }

    /// <summary>Does anything the people are busy with overlap this time (with travel time for another school)?</summary>
    public static bool Clashes(IEnumerable<BusyTime> busy, Guid schoolId, DateTime startUtc, DateTime endUtc, TimeSpan travelGap) =>
        busy.Any(b =>
        {
            var gap = b.SchoolId == schoolId ? TimeSpan.Zero : travelGap;
            return b.StartUtc < endUtc + gap && startUtc - gap < b.EndUtc;
        });

    private static Slot? FirstFit(SlotQuery query, DateOnly date, LocalWindow window)
    {
        for (var start = window.Start; start.Add(query.Duration) <= window.End && start.Add(query.Duration) > start; start = start.Add(Step))
        {
            if (!query.School.IsValidLocal(date, start))
            {
                continue;
            }

            var startUtc = query.School.ToUtc(date, start);
            var endUtc = startUtc + query.Duration;
            if (startUtc < query.FromUtc || Clashes(query.Busy, query.School.SchoolId, startUtc, endUtc, query.TravelGap))
            {
                continue;
            }

            return new Slot(startUtc, endUtc, window.Label);
        }

        return null;
    }

    private static TimeOnly Max(TimeOnly a, TimeOnly b) => a > b ? a : b;

    private static TimeOnly Min(TimeOnly a, TimeOnly b) => a < b ? a : b;
}
