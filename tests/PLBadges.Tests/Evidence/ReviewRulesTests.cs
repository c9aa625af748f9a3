using PLBadges.Evidence.Reviewing;

namespace PLBadges.Tests.Evidence;

public sealed class ReviewRulesTests
{
    [Fact]
    public void Cohens_kappa_matches_a_hand_worked_example()
    {
        // 50 items: both yes 20, first yes & second no 5, first no & second yes 10, both no 15.
        // po = 35/50 = 0.70; first says yes 25/50, second 30/50; pe = 0.5*0.6 + 0.5*0.4 = 0.50;
        // kappa = (0.70 - 0.50) / (1 - 0.50) = 0.40.
        var pairs = Enumerable.Repeat((true, true), 20)
            .Concat(Enumerable.Repeat((true, false), 5))
            .Concat(Enumerable.Repeat((false, true), 10))
            .Concat(Enumerable.Repeat((false, false), 15)).ToList();
        var agreement = Agreement.Of(pairs);
        Assert.Equal(50, agreement.Items);
        Assert.Equal(70.0, agreement.PercentAgreement, 6);
        Assert.Equal(0.40, agreement.Kappa!.Value, 6);
    }

    [Fact]
    public void Kappa_is_one_for_perfect_agreement_below_zero_for_systematic_disagreement_and_undefined_when_chance_is_certain()
    {
        Assert.Equal(1.0, Agreement.Of([(true, true), (false, false), (true, true)]).Kappa!.Value, 6);
        Assert.True(Agreement.Of([(true, false), (false, true)]).Kappa < 0);
        Assert.Null(Agreement.Of([(true, true), (true, true)]).Kappa); // both always "met": agreement by chance is certain
        Assert.Equal(0, Agreement.Of([]).Items);
    }

    [Fact]
    public void The_decision_is_pass_only_when_every_criterion_is_met()
    {
        Assert.Equal(Decision.Pass, ReviewService.Decide([true, true, true]));
        Assert.Equal(Decision.NotYet, ReviewService.Decide([true, false, true]));
        Assert.Equal(Decision.NotYet, ReviewService.Decide([])); // nothing scored is not a pass
    }

    [Fact]
    public void The_second_review_sample_is_stable_and_near_the_percentage()
    {
        var policy = new ReviewPolicy { SecondReviewPercent = 20 };
        var ids = Enumerable.Range(0, 5000).Select(_ => Guid.NewGuid()).ToList();
        var sampled = ids.Count(id => ReviewPolicies.NeedsSecondReview(policy, Guid.Empty, id, 1));
        Assert.InRange(sampled, 850, 1150);
        Assert.All(ids.Take(50), id => Assert.Equal(ReviewPolicies.NeedsSecondReview(policy, Guid.Empty, id, 1), ReviewPolicies.NeedsSecondReview(policy, Guid.Empty, id, 1)));
        Assert.DoesNotContain(ids, id => ReviewPolicies.NeedsSecondReview(new ReviewPolicy(), Guid.Empty, id, 1));

        var always = Guid.NewGuid();
        Assert.True(ReviewPolicies.NeedsSecondReview(new ReviewPolicy { SecondReviewMicroCredentials = [always] }, always, Guid.NewGuid(), 1));
    }
}
