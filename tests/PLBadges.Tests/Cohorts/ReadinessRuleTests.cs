using PLBadges.Cohorts.Readiness;

namespace PLBadges.Tests.Cohorts;

public sealed class ReadinessRuleTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly TeamRole[] FullTeam = Enum.GetValues<TeamRole>();

    private static SchoolFacts Facts(
        DateOnly? rollout = null, bool inAcademy = true, DateOnly? began = null, IReadOnlyCollection<TeamRole>? roles = null, int held = 2,
        int possible = 8, int attended = 8, int required = 4, int earned = 0, int teachers = 20, int engaged = 5) =>
        new(Today, rollout ?? new DateOnly(2028, 2, 1), inAcademy, began ?? new DateOnly(2026, 10, 1), roles ?? FullTeam, held, possible, attended, required, earned, teachers, engaged);

    [Theory]
    [InlineData("2026-02-01", "2027-02-01", 12, true)]   // exactly twelve months ahead is in time
    [InlineData("2026-02-02", "2027-02-01", 12, false)]  // a day later is late
    [InlineData("2026-02-02", "2027-02-01", 11, true)]   // the district shortened its lead time
    [InlineData("2026-02-01", "2027-02-01", 18, false)]  // ... or lengthened it
    [InlineData("2026-02-01", "2027-05-01", 12, true)]   // the rollout moved later: still in time
    [InlineData("2026-02-01", "2026-11-01", 12, false)]  // the rollout moved earlier: now late
    [InlineData("2025-02-28", "2026-03-31", 12, true)]   // the 31st: the latest start is 31 March 2025, so 28 Feb is in time
    public void The_year_ahead_rule_at_its_edges(string began, string rollout, int lead, bool inTime) =>
        Assert.Equal(inTime, YearAhead.BeganInTime(DateOnly.Parse(began), DateOnly.Parse(rollout), lead));

    [Theory]
    [InlineData("2026-12-02", "2027-12-02", 12)]
    [InlineData("2026-12-02", "2027-12-01", 11)]
    [InlineData("2026-12-02", "2026-12-31", 0)]
    [InlineData("2026-12-02", "2026-11-01", -1)]
    [InlineData("2026-12-02", "2026-11-05", 0)]
    [InlineData("2026-01-31", "2026-02-28", 1)]   // month ends clamp, as DateOnly.AddMonths does
    public void Whole_months_count_only_complete_months(string from, string to, int months) =>
        Assert.Equal(months, YearAhead.WholeMonthsBetween(DateOnly.Parse(from), DateOnly.Parse(to)));

    [Fact]
    public void A_school_in_no_academy_has_not_started_and_is_overdue_once_inside_the_lead_time()
    {
        var early = ReadinessRule.Judge(Facts(rollout: new DateOnly(2028, 6, 1), inAcademy: false, held: 0), 12, 0.8);
        Assert.Equal(ReadinessState.NotStarted, early.State);
        Assert.False(early.Overdue);
        Assert.Equal(17, early.MonthsUntilRollout);

        var late = ReadinessRule.Judge(Facts(rollout: new DateOnly(2027, 8, 1), inAcademy: false, held: 0), 12, 0.8);
        Assert.Equal(ReadinessState.NotStarted, late.State);
        Assert.True(late.Overdue);
        Assert.Contains(late.Reasons, r => r.Contains("1 August 2026"));
    }

    [Fact]
    public void An_academy_with_no_session_held_yet_has_not_started()
    {
        var judged = ReadinessRule.Judge(Facts(held: 0, possible: 0, attended: 0), 12, 0.8);
        Assert.Equal(ReadinessState.NotStarted, judged.State);
        Assert.Null(judged.AttendanceShare);
    }

    [Fact]
    public void A_started_school_meeting_every_condition_is_on_track()
    {
        // Began 1 Oct 2026 for a rollout on 1 Feb 2028 (16 months); full team; 8 of 8 attendances; 13 whole months left (2 Dec to 1 Feb, less a day).
        var judged = ReadinessRule.Judge(Facts(), 12, 0.8);
        Assert.Equal(ReadinessState.OnTrack, judged.State);
        Assert.Equal(13, judged.MonthsUntilRollout);
        Assert.Equal(1.0, judged.AttendanceShare);
        Assert.Equal(0.25, judged.EngagedShare);
        Assert.Empty(judged.MissingRoles);
    }

    [Fact]
    public void Each_at_risk_condition_is_given_as_a_reason()
    {
        // Began 1 Oct 2026 for a rollout on 1 Jul 2027 (9 months): late; no assistant principal;
        // 5 of 8 attendances (62%) under 80%; 7 months left, so learning is not yet due.
        var judged = ReadinessRule.Judge(Facts(rollout: new DateOnly(2027, 7, 1), roles: [TeamRole.Principal, TeamRole.InstructionalCoach, TeamRole.TeacherLeader], attended: 5), 12, 0.8);
        Assert.Equal(ReadinessState.AtRisk, judged.State);
        Assert.Equal([TeamRole.AssistantPrincipal], judged.MissingRoles);
        Assert.Equal(3, judged.Reasons.Count);
        Assert.Contains(judged.Reasons, r => r.Contains("began 9 months before the rollout"));
        Assert.Contains(judged.Reasons, r => r.Contains("assistant principal"));
        Assert.Contains(judged.Reasons, r => r.Contains("62"));
    }

    [Fact]
    public void Unearned_learning_counts_only_inside_the_last_six_months()
    {
        var sevenMonths = Facts(rollout: new DateOnly(2027, 7, 2), began: new DateOnly(2026, 6, 1), earned: 3);
        Assert.Equal(ReadinessState.OnTrack, ReadinessRule.Judge(sevenMonths, 12, 0.8).State);

        var fiveMonths = sevenMonths with { RolloutDate = new DateOnly(2027, 5, 2) };
        var judged = ReadinessRule.Judge(fiveMonths, 11, 0.8);
        Assert.Equal(ReadinessState.AtRisk, judged.State);
        Assert.Contains(judged.Reasons, r => r.Contains("3 of 4"));
        Assert.Equal(ReadinessState.OnTrack, ReadinessRule.Judge(fiveMonths with { LearningEarned = 4 }, 11, 0.8).State);
    }

    [Fact]
    public void Attendance_exactly_at_the_required_share_is_enough()
    {
        Assert.Equal(ReadinessState.OnTrack, ReadinessRule.Judge(Facts(possible: 10, attended: 8), 12, 0.8).State);
        Assert.Equal(ReadinessState.AtRisk, ReadinessRule.Judge(Facts(possible: 10, attended: 7), 12, 0.8).State);
    }

    [Fact]
    public void The_suggested_cohort_is_the_latest_that_begins_in_time_or_else_the_earliest_to_come()
    {
        var cohorts = new[] { ("spring", new DateOnly(2027, 3, 1)), ("autumn", new DateOnly(2027, 9, 1)), ("past", new DateOnly(2026, 9, 1)) }
            .Select(c => new Tuple<string, DateOnly>(c.Item1, c.Item2)).ToList();
        Assert.Equal("autumn", YearAhead.Suggest(cohorts, c => c.Item2, new DateOnly(2028, 10, 1), 12, Today)!.Item1);
        Assert.Equal("spring", YearAhead.Suggest(cohorts, c => c.Item2, new DateOnly(2028, 4, 1), 12, Today)!.Item1);
        Assert.Equal("spring", YearAhead.Suggest(cohorts, c => c.Item2, new DateOnly(2027, 6, 1), 12, Today)!.Item1); // none in time: the earliest to come
        Assert.Null(YearAhead.Suggest(cohorts.Take(0), c => c.Item2, new DateOnly(2027, 6, 1), 12, Today));
    }

    [Fact]
    public void A_stored_rollout_date_outside_the_planning_range_is_shown_as_needing_a_fix()
    {
        // A year-1 date saved before the form checked its range: judging by it would throw in the date arithmetic.
        var judged = ReadinessRule.Judge(Facts(rollout: new DateOnly(1, 1, 1)), 12, 0.8);

        Assert.Equal(ReadinessState.NeedsFix, judged.State);
        Assert.Equal("Needs a fix", ReadinessRule.Label(judged.State));
        Assert.Contains(judged.Reasons, r => r.Contains("needs a fix") && r.Contains("2000"));
        Assert.Null(judged.MonthsUntilRollout);
    }

    [Fact]
    public void The_year_ahead_arithmetic_takes_any_two_dates()
    {
        Assert.Equal(DateOnly.MinValue, YearAhead.LatestStart(new DateOnly(1, 6, 1), 12));
        Assert.Equal(new DateOnly(1, 6, 1), YearAhead.LatestStart(new DateOnly(2, 6, 1), 12));
        Assert.Equal(-24_311, YearAhead.WholeMonthsBetween(new DateOnly(2026, 12, 2), new DateOnly(1, 1, 1)));
        Assert.Equal(95_676, YearAhead.WholeMonthsBetween(new DateOnly(2026, 12, 2), new DateOnly(9999, 12, 31)));
    }
}
