using Microsoft.EntityFrameworkCore;
using PLBadges.Data;
using PLBadges.Evidence.Submissions;

namespace PLBadges.Evidence.Reviewing;

/// <summary>
/// The one place that keeps <see cref="Submission.ReviewsHeld"/> and <see cref="Submission.ClaimsLapseAt"/>
/// true to the reviews. Called by every step that changes a review or starts an attempt, before
/// that step saves, so the figures commit (or fail) with the change itself.
/// </summary>
internal static class ReviewSeats
{
    public static async Task CountAsync(PLBadgesDbContext db, TimeProvider clock, Submission submission, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // Load this attempt's reviews into the tracker; entries it already tracks keep their pending
        // edits, and reviews added in this step are there too.
        await db.Set<Review>().Where(r => r.SubmissionId == submission.Id && r.Attempt == submission.Attempt).LoadAsync(cancellationToken);
        var reviews = db.Set<Review>().Local.Where(r => r.SubmissionId == submission.Id && r.Attempt == submission.Attempt).ToList();
        foreach (var expired in reviews.Where(r => r.Status == ReviewStatus.Claimed && r.ClaimExpiresAt <= now))
        {
            expired.Status = ReviewStatus.Lapsed; // it lapsed already; say so now rather than at the next sweep
        }

        submission.ReviewsHeld = reviews.Count(r => r.Status is ReviewStatus.Completed or ReviewStatus.Claimed);
        submission.ClaimsLapseAt = reviews.Where(r => r.Status == ReviewStatus.Claimed).Min(r => (DateTime?)r.ClaimExpiresAt);
    }
}
