using PLBadges.Recognition.Rules;

namespace PLBadges.Tests.Recognition;

/// <summary>The recognition rules against hand-worked cases from real kinds of programme.</summary>
public sealed class RecognitionRuleTests
{
    private static readonly DateOnly CycleStart = new(2025, 7, 1);

    /// <summary>One state: every recognised micro-credential is 6 of the 60 points needed to renew, every 5 years.</summary>
    private static readonly RenewalRules Points = new("points", 60, 5, UnitBasis.PerCredential, 6, null, false, null, false, null, ApprovalBy.State);

    /// <summary>Another: 90 clock hours per five years, at most 30 of them from micro-credentials; coaching counts, up to 15.</summary>
    private static readonly RenewalRules ClockHours = new("clock hours", 90, 5, UnitBasis.CredentialHours, 0, 30, true, 15, false, null, ApprovalBy.District);

    private static LearningItem Credential(string id, decimal hours, bool recognised = true, DateOnly? on = null) =>
        new(id, ItemKind.MicroCredential, id, hours, on ?? new DateOnly(2026, 3, 1), recognised);

    [Fact]
    public void Each_recognised_micro_credential_is_six_points_and_an_unrecognised_one_nothing()
    {
        var outcome = RecognitionRules.Renewal(Points, [Credential("a", 10), Credential("b", 25), Credential("c", 10, recognised: false)], CycleStart, CycleSoFar.None);
        Assert.Equal([6m, 6m, 0m], outcome.Items.Select(i => i.Units));
        Assert.Equal(12, outcome.Granted);
        Assert.Equal(48, outcome.StillNeeded);
        Assert.Contains("Not recognized", outcome.Items[2].Reason);
    }

    [Fact]
    public void Micro_credential_hours_are_capped_per_cycle_across_applications()
    {
        // 10 + 15 fit under the cap of 30; the next 12 earns only 5; an earlier decision's 20 leaves room for 10 only.
        var first = RecognitionRules.Renewal(ClockHours, [Credential("a", 10), Credential("b", 15), Credential("c", 12)], CycleStart, CycleSoFar.None);
        Assert.Equal([10m, 15m, 5m], first.Items.Select(i => i.Units));
        Assert.Contains("at most 30 clock hours from micro-credentials", first.Items[2].Reason);
        Assert.Equal(60, first.StillNeeded);

        var later = RecognitionRules.Renewal(ClockHours, [Credential("d", 12), Credential("e", 4)], CycleStart, new CycleSoFar(20, 0, 0));
        Assert.Equal([10m, 0m], later.Items.Select(i => i.Units));
        Assert.Equal(30, later.TotalInCycle);
    }

    [Fact]
    public void Coaching_hours_count_only_where_the_state_allows_and_up_to_its_cap()
    {
        var coaching = new LearningItem("coaching", ItemKind.CoachingHours, "Coaching cycles", 18, new DateOnly(2026, 1, 10), true);
        var academy = new LearningItem("academy", ItemKind.AcademyHours, "Academy", 12, new DateOnly(2026, 1, 10), true);
        var counted = RecognitionRules.Renewal(ClockHours, [coaching, academy], CycleStart, CycleSoFar.None);
        Assert.Equal([15m, 0m], counted.Items.Select(i => i.Units));
        Assert.Contains("does not count academy attendance", counted.Items[1].Reason);

        var notCounted = RecognitionRules.Renewal(Points, [coaching], CycleStart, CycleSoFar.None);
        Assert.Equal(0, notCounted.Granted);
        Assert.Contains("does not count coaching hours", notCounted.Items[0].Reason);
    }

    [Theory]
    [InlineData("2025-06-30", 0)]  // the day before the cycle
    [InlineData("2025-07-01", 6)]  // its first day
    [InlineData("2030-06-30", 6)]  // its last day
    [InlineData("2030-07-01", 0)]  // the next cycle's first day
    public void Only_learning_earned_inside_the_cycle_counts(string earned, decimal units) =>
        Assert.Equal(units, RecognitionRules.Renewal(Points, [Credential("a", 10, on: DateOnly.Parse(earned))], CycleStart, CycleSoFar.None).Granted);

    [Theory]
    [InlineData("2026-06-30", 1)]
    [InlineData("2026-07-01", 2)]  // the new rules apply from their effective date
    [InlineData("2027-07-01", 2)]
    [InlineData("2019-01-01", null)] // before any programme
    public void The_rules_in_effect_on_the_day_decide(string day, int? version)
    {
        RulesVersion<RenewalRules>[] versions =
        [
            new(1, new DateOnly(2020, 1, 1), new DateOnly(2026, 7, 1), Points),
            new(2, new DateOnly(2026, 7, 1), null, Points with { UnitsPerCredential = 5 }),
        ];
        Assert.Equal(version, Versions.InEffect(versions, DateOnly.Parse(day))?.Number);
    }

    [Fact]
    public void A_credential_counts_once_and_a_pathway_through_its_micro_credentials_only()
    {
        var pathway = new LearningItem("p", ItemKind.Pathway, "Executive functioning", 40, new DateOnly(2026, 3, 1), true);
        var outcome = RecognitionRules.Renewal(ClockHours, [Credential("a", 10), Credential("a", 10), pathway], CycleStart, CycleSoFar.None);
        Assert.Equal([10m, 0m, 0m], outcome.Items.Select(i => i.Units));
        Assert.Contains("Already counted", outcome.Items[1].Reason);
        Assert.Contains("through its micro-credentials", outcome.Items[2].Reason);
    }

    [Fact]
    public void A_cycle_of_no_years_is_refused_rather_than_looped_on() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RecognitionRules.CycleStart(new DateOnly(2020, 1, 1), 0, new DateOnly(2026, 1, 1)));

    [Fact]
    public void An_advancement_missing_one_pathway_is_not_met_and_says_which()
    {
        Guid udl = Guid.NewGuid(), ef = Guid.NewGuid(), mtss = Guid.NewGuid(), screening = Guid.NewGuid();
        var rules = new AdvancementRules("Inclusive practice endorsement", [udl, ef, mtss], [screening], ApprovalBy.State);
        var missing = RecognitionRules.Advancement(rules, [udl, ef], [screening]);
        Assert.False(missing.Met);
        Assert.Equal([mtss], missing.MissingPathways);
        Assert.Empty(missing.MissingMicroCredentials);
        Assert.True(RecognitionRules.Advancement(rules, [udl, ef, mtss], [screening]).Met);
    }

    [Theory]
    [InlineData("2020-09-01", "2026-11-23", "2025-09-01")]
    [InlineData("2020-09-01", "2025-08-31", "2020-09-01")]
    [InlineData("2020-09-01", "2020-09-01", "2020-09-01")]
    [InlineData("2020-02-29", "2030-03-01", "2030-02-28")] // from the first day each time: 2025-02-28, then 2030-02-28, no drift
    public void The_renewal_cycle_is_counted_in_whole_cycles_from_licensure(string licensed, string day, string start) =>
        Assert.Equal(DateOnly.Parse(start), RecognitionRules.CycleStart(DateOnly.Parse(licensed), 5, DateOnly.Parse(day)));
}
