using Microsoft.EntityFrameworkCore;
using PLBadges.Data;
using PLBadges.Evidence.Submissions;

namespace PLBadges.Evidence.Reviewing;

/// <summary>How often two raters agree, and how much more than chance (Cohen's kappa).</summary>
public sealed record Agreement(int Items, double PercentAgreement, double? Kappa)
{
    /// <summary>
    /// Two raters' yes/no calls on the same items. Kappa = (po - pe) / (1 - pe), where po is the
    /// share they agree on and pe the agreement chance alone would give from each rater's share of
    /// "yes". When chance agreement is already certain (both always say the same one thing) kappa is
    /// undefined, and null.
    /// </summary>
    public static Agreement Of(IReadOnlyCollection<(bool First, bool Second)> pairs)
    {
        if (pairs.Count == 0)
        {
            return new Agreement(0, 0, null);
        }

        double n = pairs.Count;
        var observed = pairs.Count(p => p.First == p.Second) / n;
        var firstYes = pairs.Count(p => p.First) / n;
        var secondYes = pairs.Count(p => p.Second) / n;
        var chance = firstYes * secondYes + (1 - firstYes) * (1 - secondYes);
        double? kappa = chance >= 1 ? null : (observed - chance) / (1 - chance);
        return new Agreement(pairs.Count, observed * 100, kappa);
    }
}

public sealed record AgreementRow(string Label, Agreement Criteria, int Submissions, int DecisionsAgreed);

/// <summary>
/// Agreement between the two independent reviews of an attempt, criterion by criterion, per
/// micro-credential and per coach, so a district can see where its reviewers need calibrating.
/// </summary>
public sealed class AgreementReport(PLBadgesDbContext db)
{
    public async Task<(IReadOnlyList<AgreementRow> ByMicroCredential, IReadOnlyList<(Guid CoachId, AgreementRow Row)> ByCoach)> ForDistrictAsync(Guid districtId, CancellationToken cancellationToken)
    {
        var reviews = await (from r in db.Set<Review>().AsNoTracking().Include(r => r.Scores)
                             join s in db.Set<Submission>().AsNoTracking() on r.SubmissionId equals s.Id
                             where s.DistrictId == districtId && r.Status == ReviewStatus.Completed && r.Kind != ReviewKind.Lead
                             select new { Review = r, s.Title, s.MicroCredentialId }).ToListAsync(cancellationToken);
        var pairs = reviews.GroupBy(x => (x.Review.SubmissionId, x.Review.Attempt))
            .Select(g => g.OrderBy(x => x.Review.Kind).ThenBy(x => x.Review.CompletedAt).ToList())
            .Where(g => g.Count >= 2)
            .Select(g => (First: g[0], Second: g[1]))
            .ToList();

        List<(bool, bool)> Criteria(IEnumerable<(Review First, Review Second)> items) =>
            items.SelectMany(p => p.First.Scores.Join(p.Second.Scores, a => (a.Part, a.Criterion), b => (b.Part, b.Criterion), (a, b) => (a.Met, b.Met))).ToList();

        AgreementRow Row(string label, IReadOnlyList<(Review First, Review Second)> items) =>
            new(label, Agreement.Of(Criteria(items)), items.Count, items.Count(p => p.First.Decision == p.Second.Decision));

        var byCredential = pairs.GroupBy(p => p.First.MicroCredentialId)
            .Select(g => Row(g.First().First.Title, g.Select(p => (p.First.Review, p.Second.Review)).ToList()))
            .OrderBy(r => r.Label).ToList();
        var coaches = pairs.SelectMany(p => new[] { p.First.Review.ReviewerId, p.Second.Review.ReviewerId }).Distinct();
        var byCoach = coaches.Select(coach => (coach, Row("", pairs
                // The coach is always the first rater of their own row, so "yes" rates compare them with their partners.
                .Where(p => p.First.Review.ReviewerId == coach || p.Second.Review.ReviewerId == coach)
                .Select(p => p.First.Review.ReviewerId == coach ? (p.First.Review, p.Second.Review) : (p.Second.Review, p.First.Review)).ToList())))
            .ToList();
        return (byCredential, byCoach);
    }
}
