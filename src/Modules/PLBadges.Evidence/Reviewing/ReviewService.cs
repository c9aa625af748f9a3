using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Events;
using PLBadges.Abstractions.Rules;
using PLBadges.Data;
using PLBadges.Evidence.Contracts;
using PLBadges.Evidence.Notifications;
using PLBadges.Evidence.Submissions;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Evidence.Reviewing;

/// <summary>One criterion as a coach scored it: met or not yet (null while unscored), and a comment.</summary>
public sealed record ScoreInput(int Part, int Criterion, bool? Met, string? Comment);

/// <summary>A coach's side of a submission: claim, score, decide, release. Each step is one transaction.</summary>
public sealed class ReviewService(
    PLBadgesDbContext db,
    EvidenceAccess access,
    ReviewQueue queue,
    ReviewPolicies policies,
    IMicroCredentialCatalog catalog,
    IEventOutbox events,
    DecisionMessages messages,
    TimeProvider clock)
{
    public const int MaxCommentLength = 4000;

    /// <summary>Claims the submission for the signed-in coach, if the queue offers it to them.</summary>
    public async Task<Guid> ClaimAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        var me = access.PersonId ?? throw new RuleException("Sign in to review.");
        var claimable = await queue.ClaimableAsync(cancellationToken);
        if (claimable == null || !await claimable.AnyAsync(s => s.Id == submissionId, cancellationToken))
        {
            throw new RuleException("That submission is not in your queue now: another coach may have claimed it, or it was withdrawn.");
        }

        var submission = await db.Set<Submission>().FirstAsync(s => s.Id == submissionId, cancellationToken);
        var policy = await policies.ForAsync(submission.DistrictId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var earlier = await db.Set<Review>().AnyAsync(r => r.SubmissionId == submission.Id && r.Attempt == submission.Attempt && r.Kind != ReviewKind.Lead
            && (r.Status == ReviewStatus.Completed || (r.Status == ReviewStatus.Claimed && r.ClaimExpiresAt > now)), cancellationToken);
        var review = new Review
        {
            Id = Guid.NewGuid(),
            SubmissionId = submission.Id,
            Attempt = submission.Attempt,
            ReviewerId = me,
            Kind = submission.AwaitingLead ? ReviewKind.Lead : earlier ? ReviewKind.Second : ReviewKind.First,
            Status = ReviewStatus.Claimed,
            ClaimedAt = now,
            ClaimExpiresAt = now.AddHours(policy.ClaimHours),
        };
        db.Add(review);
        if (submission.State == SubmissionState.Submitted)
        {
            SubmissionService.Record(db, clock, submission, SubmissionState.InReview, Actor.Reviewer, me, "Claimed");
        }
        else
        {
            submission.Revision++; // two coaches taking the last slot at once: one of them loses
        }

        await ReviewSeats.CountAsync(db, clock, submission, cancellationToken);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RuleException("Another coach claimed that submission a moment ago. Choose another from the queue.");
        }

        return review.Id;
    }

    /// <summary>The coach's own review, with its scores; null when it is not theirs.</summary>
    internal async Task<Review?> OwnReviewAsync(Guid reviewId, CancellationToken cancellationToken) =>
        access.PersonId is { } me
            ? await db.Set<Review>().Include(r => r.Scores).FirstOrDefaultAsync(r => r.Id == reviewId && r.ReviewerId == me, cancellationToken)
            : null;

    /// <summary>Saves scores and feedback; with <paramref name="decide"/>, records the decision the scores give.</summary>
    internal async Task<Decision?> SaveAsync(Review review, IReadOnlyList<ScoreInput> scores, string? feedback, bool decide, CancellationToken cancellationToken)
    {
        var submission = await db.Set<Submission>().FirstAsync(s => s.Id == review.SubmissionId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (review.Status != ReviewStatus.Claimed || submission.Attempt != review.Attempt || submission.State != SubmissionState.InReview)
        {
            throw new RuleException(review.Status == ReviewStatus.Completed
                ? "You already recorded a decision on this review."
                : "This claim is no longer yours (it lapsed or was released). Claim the submission again from the queue if it is still waiting.");
        }

        var version = await catalog.VersionAsync(submission.VersionId, cancellationToken)
            ?? throw new InvalidOperationException($"Submission {submission.Id} refers to a version that does not exist.");
        var criteria = version.Content.Submission.SelectMany((part, p) => part.Rubric.Select((_, c) => (Part: p, Criterion: c))).ToList();
        foreach (var score in scores)
        {
            if (!criteria.Contains((score.Part, score.Criterion)))
            {
                throw new RuleException("A score was sent for a criterion that is not in this rubric.");
            }

            if ((score.Comment?.Length ?? 0) > MaxCommentLength)
            {
                throw new RuleException($"A comment can be at most {MaxCommentLength:N0} characters.", $"comment-{score.Part}-{score.Criterion}");
            }
        }

        if ((feedback?.Length ?? 0) > SubmissionService.MaxAnswerLength)
        {
            throw new RuleException($"Feedback can be at most {SubmissionService.MaxAnswerLength:N0} characters.", "feedback");
        }

        review.Feedback = feedback?.Trim() ?? "";
        review.Scores.Clear();
        foreach (var score in scores.Where(s => s.Met != null))
        {
            review.Scores.Add(new CriterionScore { ReviewId = review.Id, Part = score.Part, Criterion = score.Criterion, Met = score.Met!.Value, Comment = score.Comment?.Trim() ?? "" });
        }

        Decision? decision = null;
        if (decide)
        {
            var problems = new List<string>();
            var unscored = criteria.Count(c => !review.Scores.Any(s => s.Part == c.Part && s.Criterion == c.Criterion));
            if (unscored > 0) problems.Add($"{unscored} criteria still need “met” or “not yet”");
            if (review.Scores.Any(s => !s.Met && string.IsNullOrWhiteSpace(s.Comment))) problems.Add("each “not yet” needs a comment saying what met would look like");
            if (string.IsNullOrWhiteSpace(review.Feedback)) problems.Add("the feedback for the teacher is empty");
            if (problems.Count > 0)
            {
                // The scores are kept (a review is worked on over several sittings); only the decision is refused,
                // at the first field that needs the coach (the review form's names: met-{part}-{criterion}, comment-…, feedback).
                await SaveScoresAsync(submission, cancellationToken);
                var field = criteria.Where(c => !review.Scores.Any(s => s.Part == c.Part && s.Criterion == c.Criterion)).Select(c => $"met-{c.Part}-{c.Criterion}").FirstOrDefault()
                    ?? review.Scores.Where(s => !s.Met && string.IsNullOrWhiteSpace(s.Comment)).OrderBy(s => s.Part).ThenBy(s => s.Criterion).Select(s => $"comment-{s.Part}-{s.Criterion}").FirstOrDefault()
                    ?? "feedback";
                throw new RuleException("Your scores are saved, but before deciding: " + string.Join("; ", problems) + ".", field);
            }

            decision = Decide(review.Scores.Select(s => s.Met));
            review.Decision = decision;
            review.Status = ReviewStatus.Completed;
            review.CompletedAt = now;
            await ConcludeAsync(submission, review, cancellationToken);
            await ReviewSeats.CountAsync(db, clock, submission, cancellationToken);
        }

        await SaveScoresAsync(submission, cancellationToken);
        return decision;
    }

    private async Task SaveScoresAsync(Submission submission, CancellationToken cancellationToken)
    {
        submission.Revision++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RuleException("The submission changed while you were scoring (another review finished). Reload the page; your work on it is not lost until you do.");
        }
    }

    /// <summary>Pass only when every criterion is met.</summary>
    public static Decision Decide(IEnumerable<bool> met)
    {
        var all = met.ToList();
        return all.Count > 0 && all.All(m => m) ? Decision.Pass : Decision.NotYet;
    }

    /// <summary>After a review completes: decide the submission, wait for the second review, or call a lead coach.</summary>
    private async Task ConcludeAsync(Submission submission, Review review, CancellationToken cancellationToken)
    {
        if (review.Kind == ReviewKind.Lead)
        {
            await FinishAsync(submission, review.Decision!.Value, review.ReviewerId, cancellationToken);
            return;
        }

        var others = await db.Set<Review>().AsNoTracking()
            .Where(r => r.SubmissionId == submission.Id && r.Attempt == submission.Attempt && r.Kind != ReviewKind.Lead && r.Status == ReviewStatus.Completed && r.Id != review.Id)
            .Select(r => r.Decision).ToListAsync(cancellationToken);
        var decisions = others.Append(review.Decision).ToList();
        if (decisions.Count < submission.ReviewsRequired)
        {
            return; // the second reviewer has yet to finish
        }

        if (decisions.Distinct().Count() == 1)
        {
            await FinishAsync(submission, review.Decision!.Value, review.ReviewerId, cancellationToken);
        }
        else
        {
            submission.AwaitingLead = true;
        }
    }

    private async Task FinishAsync(Submission submission, Decision decision, Guid reviewerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        SubmissionService.Record(db, clock, submission, decision == Decision.Pass ? SubmissionState.Passed : SubmissionState.NotYet, Actor.Reviewer, reviewerId);
        submission.DecidedAt = now;
        submission.AwaitingLead = false;
        if (decision == Decision.Pass)
        {
            events.Add(new MicroCredentialPassed(submission.Id, submission.TeacherId, submission.DistrictId, submission.SchoolId, submission.MicroCredentialId, submission.VersionId, submission.Attempt, now));
        }

        var policy = await policies.ForAsync(submission.DistrictId, cancellationToken);
        await messages.DecisionAsync(submission, decision, SubmissionStateMachine.CanResubmit(submission.Attempt, policy.MaxAttempts), cancellationToken);
    }

    /// <summary>Gives a claim back to the queue.</summary>
    internal async Task ReleaseAsync(Review review, CancellationToken cancellationToken)
    {
        if (review.Status != ReviewStatus.Claimed)
        {
            throw new RuleException("This review is not claimed now.");
        }

        var submission = await db.Set<Submission>().FirstAsync(s => s.Id == review.SubmissionId, cancellationToken);
        review.Status = ReviewStatus.Released;
        await ReturnToQueueIfIdleAsync(db, clock, submission, review, Actor.Reviewer, review.ReviewerId, "Claim released", cancellationToken);
        submission.Revision++;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// After a claim ends (released or lapsed): recounts the attempt's seats, and an attempt that no
    /// open or finished review holds any more goes back to "submitted".
    /// </summary>
    internal static async Task ReturnToQueueIfIdleAsync(PLBadgesDbContext db, TimeProvider clock, Submission submission, Review ending, Actor actor, Guid? byId, string note, CancellationToken cancellationToken)
    {
        await ReviewSeats.CountAsync(db, clock, submission, cancellationToken);
        if (submission.ReviewsHeld == 0 && submission.State == SubmissionState.InReview && submission.Attempt == ending.Attempt)
        {
            SubmissionService.Record(db, clock, submission, SubmissionState.Submitted, actor, byId, note);
        }
    }
}
