using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PLBadges.Abstractions.Files;
using PLBadges.Abstractions.Jobs;
using PLBadges.Data;
using PLBadges.Evidence.Artifacts;
using PLBadges.Evidence.Reviewing;

namespace PLBadges.Evidence.Submissions;

/// <summary>
/// At the end of a district's retention period, removes the evidence (answers, files and links) of
/// finished submissions: passed, withdrawn, or "not yet" with every attempt used. The submission,
/// its transitions, its reviews and feedback, and the log of who viewed it stay on record, marked
/// with the day the evidence went. The clock runs from the submission's last change. Each
/// submission is purged in its own transaction, files after the commit; a second run finds nothing.
/// </summary>
public sealed class EvidenceRetention(PLBadgesDbContext db, ReviewPolicies policies, IFileStore store, TimeProvider clock, ILogger<EvidenceRetention> logger) : IRecurringWork
{
    private const int Batch = 200;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var oldest = now.AddYears(-ReviewPolicy.MinRetentionYears);
        var districts = await Finished(db.Set<Submission>()).Where(s => s.UpdatedAt < oldest)
            .Select(s => s.DistrictId).Distinct().ToListAsync(cancellationToken);
        foreach (var district in districts)
        {
            var policy = await policies.ForAsync(district, cancellationToken);
            var cutoff = now.AddYears(-policy.RetentionYears);
            while (true)
            {
                var due = await Finished(db.Set<Submission>())
                    .Where(s => s.DistrictId == district && s.UpdatedAt < cutoff)
                    .Where(s => s.State != SubmissionState.NotYet || s.Attempt >= policy.MaxAttempts)
                    .OrderBy(s => s.UpdatedAt).Take(Batch).ToListAsync(cancellationToken);
                foreach (var submission in due)
                {
                    await PurgeAsync(submission, now, cancellationToken);
                }

                db.ChangeTracker.Clear();
                if (due.Count < Batch)
                {
                    break;
                }
            }
        }
    }

    private static IQueryable<Submission> Finished(IQueryable<Submission> submissions) =>
        submissions.Where(s => s.PurgedAt == null
            && (s.State == SubmissionState.Passed || s.State == SubmissionState.Withdrawn || s.State == SubmissionState.NotYet));

    private async Task PurgeAsync(Submission submission, DateTime now, CancellationToken cancellationToken)
    {
        var keys = await db.Set<Artifact>().Where(a => a.SubmissionId == submission.Id && a.StorageKey != null)
            .Select(a => a.StorageKey!).ToListAsync(cancellationToken);
        await db.InTransactionAsync(async ct =>
        {
            await db.Set<Answer>().Where(a => a.SubmissionId == submission.Id).ExecuteDeleteAsync(ct);
            await db.Set<Artifact>().Where(a => a.SubmissionId == submission.Id).ExecuteDeleteAsync(ct);
            submission.PurgedAt = now;
        }, cancellationToken);

        foreach (var key in keys)
        {
            try
            {
                await store.DeleteAsync(key, cancellationToken);
            }
            catch (IOException problem)
            {
                logger.LogWarning(problem, "The file {Key} of purged submission {Submission} could not be deleted", key, submission.Id);
            }
        }

        logger.LogInformation("Evidence of submission {Submission} removed at the end of the retention period", submission.Id);
    }
}
