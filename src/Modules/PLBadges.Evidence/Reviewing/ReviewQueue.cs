using Microsoft.EntityFrameworkCore;
using PLBadges.Data;
using PLBadges.Evidence.Submissions;

namespace PLBadges.Evidence.Reviewing;

public sealed record QueueFilter(Guid? Pathway = null, Guid? MicroCredential = null, Guid? School = null, int? Attempt = null);

public sealed record QueueItem(Guid SubmissionId, string Title, Guid PathwayId, Guid MicroCredentialId, Guid? SchoolId, int Attempt, DateTime SubmittedAt, bool SecondReview, bool AwaitingLead);

/// <summary>A micro-credential the queue's filter can offer.</summary>
public sealed record QueueChoice(Guid Id, string Title, Guid PathwayId);

/// <summary>One page of the queue, its total under the filter, and what the filters can offer (micro-credentials and schools waiting).</summary>
public sealed record QueuePage(IReadOnlyList<QueueItem> Items, int Total, IReadOnlyList<QueueChoice> MicroCredentials, IReadOnlyList<Guid> Schools);

/// <summary>
/// The submissions a coach may claim now, oldest first: in a district they review for, not their
/// own, not from their own school where the district says so, not one they already reviewed, and
/// with a review slot free (a lapsed claim frees its slot). Disagreements go to lead coaches.
/// </summary>
public sealed class ReviewQueue(PLBadgesDbContext db, EvidenceAccess access, TimeProvider clock)
{
    public const int PageSize = 50;

    internal async Task<IQueryable<Submission>?> ClaimableAsync(CancellationToken cancellationToken)
    {
        if (access.PersonId is not { } me)
        {
            return null;
        }

        var reach = await access.ReviewerReachAsync(cancellationToken);
        if (reach.IsEmpty)
        {
            return null;
        }

        var districts = reach.Districts.ToList();
        var everywhere = reach.Everywhere;
        var policies = await db.Set<ReviewPolicy>().AsNoTracking()
            .Where(p => everywhere || districts.Contains(p.DistrictId)).ToListAsync(cancellationToken);
        var leadIn = policies.Where(p => p.LeadCoaches.Contains(me)).Select(p => p.DistrictId).ToList();
        var excludeOwnIn = policies.Where(p => p.ExcludeOwnSchool).Select(p => p.DistrictId).ToList();
        var ownSchools = reach.OwnSchools.ToList();
        var now = clock.GetUtcNow().UtcDateTime;

        // Each rule is added only when it can exclude something, so the common case (one district,
        // no own-school rule, no lead role) is a plain indexed query without parameter lists.
        // Seats come from the row (ReviewSeats keeps them): a seat is free when fewer reviews hold
        // one than the attempt needs, or when an open claim has passed its time.
        var query = db.Set<Submission>().AsNoTracking()
            .Where(s => s.State == SubmissionState.Submitted || s.State == SubmissionState.InReview)
            .Where(s => s.TeacherId != me);
        if (!everywhere)
        {
            query = districts.Count == 1 ? query.Where(s => s.DistrictId == districts[0]) : query.Where(s => districts.Contains(s.DistrictId));
        }

        if (excludeOwnIn.Count > 0 && ownSchools.Count > 0)
        {
            query = query.Where(s => !(s.SchoolId != null && excludeOwnIn.Contains(s.DistrictId) && ownSchools.Contains(s.SchoolId.Value)));
        }

        query = leadIn.Count == 0
            ? query.Where(s => !s.AwaitingLead && (s.ReviewsHeld < s.ReviewsRequired || s.ClaimsLapseAt <= now))
            : query.Where(s => (!s.AwaitingLead && (s.ReviewsHeld < s.ReviewsRequired || s.ClaimsLapseAt <= now))
                || (s.AwaitingLead && leadIn.Contains(s.DistrictId) && (s.ReviewsHeld <= s.ReviewsRequired || s.ClaimsLapseAt <= now)));

        // Not one this coach holds or finished for this attempt: few (their open claims, and first
        // reviews still waiting for a second), found from their side by index and left out by id.
        var mine = await (from r in db.Set<Review>()
                          join s in db.Set<Submission>() on r.SubmissionId equals s.Id
                          where r.ReviewerId == me && r.Attempt == s.Attempt
                              && (s.State == SubmissionState.Submitted || s.State == SubmissionState.InReview)
                              && (r.Status == ReviewStatus.Completed || (r.Status == ReviewStatus.Claimed && r.ClaimExpiresAt > now))
                          select s.Id).Distinct().ToListAsync(cancellationToken);
        return mine.Count == 0 ? query : query.Where(s => !mine.Contains(s.Id));
    }

    /// <summary>
    /// One page of the queue with its total and the filters' choices. The total and the choices
    /// come from one grouped query over the whole queue; the page from one ordered, limited query.
    /// </summary>
    public async Task<QueuePage> PageAsync(QueueFilter filter, int page, CancellationToken cancellationToken)
    {
        if (await ClaimableAsync(cancellationToken) is not { } query)
        {
            return new QueuePage([], 0, [], []);
        }

        var groups = await query
            .GroupBy(s => new { s.MicroCredentialId, s.PathwayId, s.SchoolId, s.Attempt })
            .Select(g => new { g.Key.MicroCredentialId, g.Key.PathwayId, g.Key.SchoolId, g.Key.Attempt, Title = g.Max(s => s.Title), Count = g.Count() })
            .ToListAsync(cancellationToken);
        var total = groups
            .Where(g => (filter.Pathway == null || g.PathwayId == filter.Pathway) && (filter.MicroCredential == null || g.MicroCredentialId == filter.MicroCredential)
                && (filter.School == null || g.SchoolId == filter.School) && (filter.Attempt == null || g.Attempt == filter.Attempt))
            .Sum(g => g.Count);
        var credentials = groups.GroupBy(g => (g.MicroCredentialId, g.PathwayId))
            .Select(g => new QueueChoice(g.Key.MicroCredentialId, g.Max(x => x.Title)!, g.Key.PathwayId)).OrderBy(c => c.Title).ToList();
        var schools = groups.Where(g => g.SchoolId != null).Select(g => g.SchoolId!.Value).Distinct().ToList();

        if (filter.Pathway is { } pathway) query = query.Where(s => s.PathwayId == pathway);
        if (filter.MicroCredential is { } credential) query = query.Where(s => s.MicroCredentialId == credential);
        if (filter.School is { } school) query = query.Where(s => s.SchoolId == school);
        if (filter.Attempt is { } attempt) query = query.Where(s => s.Attempt == attempt);
        var items = total == 0 ? [] : await query.OrderBy(s => s.SubmittedAt).ThenBy(s => s.Id)
            .Skip(Math.Max(0, page - 1) * PageSize).Take(PageSize)
            .Select(s => new QueueItem(s.Id, s.Title, s.PathwayId, s.MicroCredentialId, s.SchoolId, s.Attempt, s.SubmittedAt!.Value, s.ReviewsRequired > 1, s.AwaitingLead))
            .ToListAsync(cancellationToken);
        return new QueuePage(items, total, credentials, schools);
    }

    /// <summary>The coach's claims still open, soonest to lapse first.</summary>
    internal async Task<IReadOnlyList<(Review Review, Submission Submission)>> MyClaimsAsync(CancellationToken cancellationToken)
    {
        var me = access.PersonId ?? Guid.Empty;
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await (from r in db.Set<Review>().AsNoTracking()
                          join s in db.Set<Submission>().AsNoTracking() on r.SubmissionId equals s.Id
                          where r.ReviewerId == me && r.Status == ReviewStatus.Claimed && r.ClaimExpiresAt > now && r.Attempt == s.Attempt
                          orderby r.ClaimExpiresAt
                          select new { r, s }).ToListAsync(cancellationToken);
        return rows.Select(x => (x.r, x.s)).ToList();
    }
}
