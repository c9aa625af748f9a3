using PLBadges.Cohorts.Academy;
using PLBadges.Cohorts.Roadmap;
using PLBadges.Cohorts.Waves;

namespace PLBadges.Tests.Cohorts;

public sealed class WaveRuleTests
{
    [Theory]
    [InlineData(TechnologyComfort.Confident, 3, 1)]
    [InlineData(TechnologyComfort.Comfortable, 3, 2)]
    [InlineData(TechnologyComfort.Beginning, 3, 2)]
    [InlineData(TechnologyComfort.New, 3, 3)]
    [InlineData(TechnologyComfort.Comfortable, 2, 1)] // two waves: the comfortable go first with the confident
    [InlineData(TechnologyComfort.Beginning, 2, 2)]
    [InlineData(TechnologyComfort.New, 1, 1)]         // one wave: everyone in it
    [InlineData(TechnologyComfort.Comfortable, 4, 2)]
    [InlineData(TechnologyComfort.Beginning, 4, 3)]
    public void The_self_assessment_suggests_earlier_waves_for_the_more_confident(TechnologyComfort comfort, int waves, int suggested) =>
        Assert.Equal(suggested, WavePlacement.Suggest(comfort, waves));

    [Fact]
    public void With_no_wave_there_is_no_suggestion() => Assert.Null(WavePlacement.Suggest(TechnologyComfort.Confident, 0));

    [Theory]
    [InlineData(1, 2, true, null)]
    [InlineData(1, 3, true, null)]
    [InlineData(2, 2, true, "earlier wave")]
    [InlineData(3, 2, true, "earlier wave")]
    [InlineData(1, 2, false, "completed a pathway")]
    [InlineData(null, 2, true, "one of the district's waves")]
    public void A_peer_coach_comes_from_an_earlier_wave_and_holds_a_pathway(int? theirs, int target, bool pathway, string? refusal)
    {
        var answer = PeerCoachRule.Refusal(theirs, target, pathway);
        if (refusal == null)
        {
            Assert.Null(answer);
        }
        else
        {
            Assert.Contains(refusal, answer);
        }
    }

    [Theory]
    [InlineData(4, 5, 0.8, 1, 1, true)]   // exactly 80%
    [InlineData(3, 5, 0.8, 1, 1, false)]  // 60%
    [InlineData(5, 6, 0.8, 0, 0, true)]   // 4.8 rounds up to 5
    [InlineData(4, 6, 0.8, 0, 0, false)]
    [InlineData(5, 5, 0.8, 1, 2, false)]  // every session, but one required credential missing
    [InlineData(0, 0, 0.8, 0, 0, false)]  // no programme yet: nothing to complete
    [InlineData(1, 1, 1.0, 0, 0, true)]
    public void A_member_completes_with_the_required_share_of_all_sessions_and_all_required_learning(int attended, int sessions, double share, int held, int required, bool completes) =>
        Assert.Equal(completes, CompletionRule.Completes(attended, sessions, share, held, required));

    [Theory]
    [InlineData("2026-12-01", null, MilestoneState.Overdue)]
    [InlineData("2026-12-02", null, MilestoneState.DueSoon)]  // due today: not yet overdue
    [InlineData("2027-01-01", null, MilestoneState.DueSoon)]  // 30 days ahead
    [InlineData("2027-01-02", null, MilestoneState.Upcoming)]
    [InlineData("2026-01-01", "2026-02-01", MilestoneState.Done)]
    public void Milestones_are_overdue_the_day_after_they_are_due(string due, string? done, MilestoneState state) =>
        Assert.Equal(state, MilestoneRule.StateOf(DateOnly.Parse(due), done == null ? null : DateOnly.Parse(done), new DateOnly(2026, 12, 2)));

    [Fact]
    public void The_roadmap_template_runs_from_year_0_to_year_3_in_order()
    {
        var months = RoadmapTemplate.Milestones.Select(m => m.Month).ToList();
        Assert.Equal(months.Order(), months);
        Assert.Equal([0, 1, 2, 3], RoadmapTemplate.Milestones.Select(m => RoadmapTemplate.YearOf(m.Month)).Distinct());
        Assert.All(RoadmapTemplate.Milestones, m => Assert.False(string.IsNullOrWhiteSpace(m.Owner)));
        Assert.Contains(RoadmapTemplate.Milestones, m => m.Link == TemplateLink.FirstAcademy && m.Month < 12); // the academy in year 0, a year ahead of devices
    }

    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid();

    [Fact]
    public void Each_members_requirement_counts_per_member_and_a_teams_once_per_team()
    {
        (Guid, RequirementScope)[] required = [(A, RequirementScope.EachMember), (B, RequirementScope.EachMember), (C, RequirementScope.Team)];
        IReadOnlySet<Guid>[] team = [new HashSet<Guid> { A, C }, new HashSet<Guid> { A }, new HashSet<Guid>()];
        Assert.Equal((7, 3), RequiredLearning.OfTeam(required, team)); // 2 × 3 members + 1 for the team; A twice, C once
        Assert.Equal((0, 0), RequiredLearning.OfTeam(required, []));
    }

    [Fact]
    public void A_teams_requirement_is_met_for_everyone_once_a_teammate_holds_it()
    {
        (Guid, RequirementScope)[] required = [(A, RequirementScope.EachMember), (C, RequirementScope.Team)];
        Assert.Equal([A, C], RequiredLearning.LeftFor(required, new HashSet<Guid>(), []));
        Assert.Equal([A], RequiredLearning.LeftFor(required, new HashSet<Guid>(), [new HashSet<Guid> { C }]));
        Assert.Equal([A], RequiredLearning.LeftFor(required, new HashSet<Guid>(), [new HashSet<Guid> { A, C }])); // a teammate's A is not mine
        Assert.Empty(RequiredLearning.LeftFor(required, new HashSet<Guid> { A, C }, []));
    }
}
