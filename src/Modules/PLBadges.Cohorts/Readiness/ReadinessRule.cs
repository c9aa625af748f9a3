using PLBadges.Abstractions.Values;

namespace PLBadges.Cohorts.Readiness;

/// <summary>Where a school stands on the way to its device rollout.</summary>
public enum ReadinessState
{
    NotStarted,
    AtRisk,
    OnTrack,

    /// <summary>A stored value (the rollout date) is one no form would take today: the school is shown as needing it corrected, not judged on it.</summary>
    NeedsFix,
}

/// <summary>The four roles of a school's leadership team in an academy.</summary>
public enum TeamRole
{
    Principal,
    AssistantPrincipal,
    InstructionalCoach,
    TeacherLeader,
}

/// <summary>What readiness is judged from, for one school, on one day.</summary>
public sealed record SchoolFacts(
    DateOnly Today,
    DateOnly? RolloutDate,
    bool InAcademy,
    DateOnly? AcademyBegan,
    IReadOnlyCollection<TeamRole> TeamRoles,
    int SessionsHeld,
    int AttendancesPossible,
    int Attended,
    int LearningRequired,
    int LearningEarned,
    int Teachers,
    int TeachersEngaged);

/// <summary>The judgement: the state, every reason for it, and the figures the dashboard shows.</summary>
public sealed record ReadinessJudgement(ReadinessState State, IReadOnlyList<string> Reasons, int? MonthsUntilRollout, IReadOnlyList<TeamRole> MissingRoles,
    double? AttendanceShare, double? LearningShare, double? EngagedShare, bool Overdue);

/// <summary>
/// The readiness rule, written once and shown on the dashboard as <see cref="Describe"/> says it:
/// not started (no academy, or none of its sessions held yet); at risk (started, but late for the
/// year-ahead rule, a missing team role, attendance under the required share, or required
/// learning still unearned with less than six months to go); on track otherwise.
/// </summary>
public static class ReadinessRule
{
    /// <summary>Months before rollout within which all the team's required learning should be earned.</summary>
    public const int LearningDueMonths = 6;

    public static string[] Describe(int leadMonths, double attendanceShare) =>
    [
        $"Not started: the school's leadership team is in no academy, or none of its academy's sessions has been held yet. It is marked overdue once the rollout is fewer than {leadMonths} months away.",
        $"At risk: the academy has started, but it began fewer than {leadMonths} months before the rollout, or the leadership team lacks one of its four roles, or the team attended less than {attendanceShare:P0} of the sessions held, or the rollout is fewer than {LearningDueMonths} months away and the team has not earned all its required learning.",
        "On track: the academy has started and none of the at-risk conditions holds.",
    ];

    public static ReadinessJudgement Judge(SchoolFacts facts, int leadMonths, double attendanceShare)
    {
        if (facts.RolloutDate is { } stored && !YearAhead.IsUsable(stored))
        {
            // A date saved before the form checked its range (year 1, say): judging by it would mislead, and its arithmetic overflows.
            return new(ReadinessState.NeedsFix, [$"Its rollout date ({stored:d MMMM yyyy}) needs a fix: a rollout date must be {FieldRanges.Of(DateField.RolloutDate).Describe()}. Correct it on the school's page."],
                null, [], null, null, null, false);
        }

        int? months = facts.RolloutDate is { } rollout ? YearAhead.WholeMonthsBetween(facts.Today, rollout) : null;
        var missing = Enum.GetValues<TeamRole>().Where(r => !facts.TeamRoles.Contains(r)).ToList();
        double? attendance = facts.AttendancesPossible > 0 ? (double)facts.Attended / facts.AttendancesPossible : null;
        double? learning = facts.LearningRequired > 0 ? (double)facts.LearningEarned / facts.LearningRequired : null;
        double? engaged = facts.Teachers > 0 ? (double)facts.TeachersEngaged / facts.Teachers : null;
        var reasons = new List<string>();

        if (!facts.InAcademy || facts.SessionsHeld == 0)
        {
            reasons.Add(facts.InAcademy ? "Its academy has not held a session yet." : "Its leadership team is in no academy.");
            var overdue = facts.RolloutDate is { } date && facts.Today > YearAhead.LatestStart(date, leadMonths);
            if (overdue)
            {
                reasons.Add($"The academy should have begun by {YearAhead.LatestStart(facts.RolloutDate!.Value, leadMonths):d MMMM yyyy}, {leadMonths} months before the rollout.");
            }

            return new(ReadinessState.NotStarted, reasons, months, missing, attendance, learning, engaged, overdue);
        }

        if (facts.RolloutDate is { } due && facts.AcademyBegan is { } began && !YearAhead.BeganInTime(began, due, leadMonths))
        {
            reasons.Add($"Its academy began {YearAhead.WholeMonthsBetween(began, due)} months before the rollout; the rule asks for {leadMonths}.");
        }

        if (missing.Count > 0)
        {
            reasons.Add($"The leadership team has no {string.Join(", ", missing.Select(Label))}.");
        }

        if (attendance is { } share && share < attendanceShare)
        {
            reasons.Add($"The team attended {share:P0} of the sessions held; the academy asks for {attendanceShare:P0}.");
        }

        if (months is { } left && left < LearningDueMonths && facts.LearningEarned < facts.LearningRequired)
        {
            reasons.Add($"The rollout is {left} months away and the team has earned {facts.LearningEarned} of {facts.LearningRequired} required credentials.");
        }

        return reasons.Count > 0
            ? new(ReadinessState.AtRisk, reasons, months, missing, attendance, learning, engaged, false)
            : new(ReadinessState.OnTrack, ["Every condition is met."], months, missing, attendance, learning, engaged, false);
    }

    public static string Label(TeamRole role) => role switch
    {
        TeamRole.Principal => "principal",
        TeamRole.AssistantPrincipal => "assistant principal",
        TeamRole.InstructionalCoach => "instructional coach",
        _ => "teacher leader",
    };

    public static string Label(ReadinessState state) => state switch
    {
        ReadinessState.NotStarted => "Not started",
        ReadinessState.AtRisk => "At risk",
        ReadinessState.NeedsFix => "Needs a fix",
        _ => "On track",
    };
}

/// <summary>The year-ahead rule: a school's academy begins at least the lead time (12 months unless the district says otherwise) before its devices arrive.</summary>
public static class YearAhead
{
    public const int DefaultLeadMonths = 12;

    /// <summary>True for a rollout date in the planning range (<see cref="FieldRanges"/>); one stored before the range was checked may not be.</summary>
    public static bool IsUsable(DateOnly rollout) => FieldRanges.Of(DateField.RolloutDate).Contains(rollout);

    /// <summary>The last day the academy may begin: the rollout date, lead months earlier (the 31st becomes the month's last day); never before the first day a date can hold.</summary>
    public static DateOnly LatestStart(DateOnly rollout, int leadMonths) =>
        (rollout.Year * 12) + rollout.Month - 1 - leadMonths < 12 ? DateOnly.MinValue : rollout.AddMonths(-leadMonths);

    /// <summary>True when the academy began on or before the latest start: exactly twelve months ahead is in time.</summary>
    public static bool BeganInTime(DateOnly began, DateOnly rollout, int leadMonths) => began <= LatestStart(rollout, leadMonths);

    /// <summary>Whole months from one day to a later one (negative once the later day has passed). Pure arithmetic, so any two dates will do.</summary>
    public static int WholeMonthsBetween(DateOnly from, DateOnly to)
    {
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month;

        // from.AddMonths(months) falls in to's month, on from's day or that month's last day, whichever is earlier.
        var landed = Math.Min(from.Day, DateTime.DaysInMonth(to.Year, to.Month));
        if (to >= from && landed > to.Day)
        {
            months--;
        }
        else if (to < from && landed < to.Day)
        {
            months++;
        }

        return months;
    }

    /// <summary>
    /// The cohort that fits a school's date: of those beginning in time, the latest (the least
    /// waiting); when none does, the earliest still to begin, which the caller shows as late.
    /// </summary>
    public static T? Suggest<T>(IEnumerable<T> cohorts, Func<T, DateOnly?> begins, DateOnly rollout, int leadMonths, DateOnly today)
        where T : class
    {
        var dated = cohorts.Select(c => (Cohort: c, Begins: begins(c))).Where(c => c.Begins is { } b && b >= today).ToList();
        return dated.Where(c => BeganInTime(c.Begins!.Value, rollout, leadMonths)).OrderByDescending(c => c.Begins).Select(c => c.Cohort).FirstOrDefault()
            ?? dated.OrderBy(c => c.Begins).Select(c => c.Cohort).FirstOrDefault();
    }
}
