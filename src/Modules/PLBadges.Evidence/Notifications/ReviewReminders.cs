using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Jobs;
using PLBadges.Abstractions.Notifications;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Evidence.Reviewing;
using PLBadges.Evidence.Submissions;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Evidence.Notifications;

/// <summary>
/// Once a day, each coach with new submissions in their districts gets one email listing them.
/// The key (coach, day) makes a second run on the same day, or a run after a restart, send nothing more.
/// </summary>
public sealed class ReviewDigest(PLBadgesDbContext db, IEmailOutbox mail, IPeopleDirectory people, IOrganizationDirectory organizations, TimeProvider clock) : IRecurringWork
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var day = DateOnly.FromDateTime(now);
        var since = now.AddDays(-1);
        var waiting = await db.Set<Submission>().AsNoTracking()
            .Where(s => s.State == SubmissionState.Submitted || s.State == SubmissionState.InReview)
            .Select(s => new { s.Id, s.DistrictId, s.TeacherId, s.Title, s.SubmittedAt }).ToListAsync(cancellationToken);
        foreach (var district in waiting.GroupBy(s => s.DistrictId))
        {
            var fresh = district.Where(s => s.SubmittedAt >= since).ToList();
            if (fresh.Count == 0)
            {
                continue;
            }

            var reach = await organizations.WithDescendantsAsync([district.Key], cancellationToken);
            foreach (var coach in await people.WithRoleAsync(Role.Coach, reach, cancellationToken))
            {
                var mine = fresh.Where(s => s.TeacherId != coach.Id).ToList();
                if (!coach.IsActive || mine.Count == 0)
                {
                    continue;
                }

                await mail.QueueAsync(EvidenceEmails.Digest, coach.Email, new Dictionary<string, object?>
                {
                    ["name"] = coach.DisplayName,
                    ["count"] = mine.Count,
                    ["waiting"] = district.Count(s => s.TeacherId != coach.Id),
                    ["items"] = mine.OrderBy(s => s.SubmittedAt).Select(s => s.Title).ToList(),
                    ["path"] = "/review",
                }, district.Key, $"evidence.digest:{coach.Id}:{day:yyyy-MM-dd}", cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// A submission waiting past the district's target reminds its coaches and district admins, once
/// per person and attempt, by email and inside the site.
/// </summary>
public sealed class OverdueReminders(PLBadgesDbContext db, IEmailOutbox mail, IInbox inbox, IPeopleDirectory people, IOrganizationDirectory organizations, TimeProvider clock) : IRecurringWork
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var policies = await db.Set<ReviewPolicy>().AsNoTracking().ToDictionaryAsync(p => p.DistrictId, cancellationToken);
        var shortest = policies.Values.Select(p => p.TargetDays).Append(new ReviewPolicy().TargetDays).Min();
        var candidates = await db.Set<Submission>().AsNoTracking()
            .Where(s => (s.State == SubmissionState.Submitted || s.State == SubmissionState.InReview) && s.SubmittedAt < now.AddDays(-shortest))
            .ToListAsync(cancellationToken);
        foreach (var district in candidates.GroupBy(s => s.DistrictId))
        {
            var target = policies.GetValueOrDefault(district.Key)?.TargetDays ?? new ReviewPolicy().TargetDays;
            var late = district.Where(s => s.SubmittedAt < now.AddDays(-target)).ToList();
            if (late.Count == 0)
            {
                continue;
            }

            var info = await organizations.GetAsync(district.Key, cancellationToken);
            var reach = await organizations.WithDescendantsAsync([district.Key], cancellationToken);
            var recipients = (await people.WithRoleAsync(Role.Coach, reach, cancellationToken))
                .Concat(await people.WithRoleAsync(Role.DistrictAdmin, [district.Key], cancellationToken))
                .Where(p => p.IsActive).DistinctBy(p => p.Id).ToList();
            foreach (var submission in late)
            {
                var days = (int)(now - submission.SubmittedAt!.Value).TotalDays;
                foreach (var person in recipients.Where(p => p.Id != submission.TeacherId))
                {
                    var key = $"evidence.overdue:{submission.Id}:{submission.Attempt}:{person.Id}";
                    await inbox.AddAsync(person.Id, $"“{submission.Title}” has waited {days} days for review.", "/review", key, cancellationToken);
                    await mail.QueueAsync(EvidenceEmails.Overdue, person.Email, new Dictionary<string, object?>
                    {
                        ["name"] = person.DisplayName,
                        ["title"] = submission.Title,
                        ["days"] = days,
                        ["target"] = target,
                        ["district"] = info?.Name ?? "Your district",
                        ["path"] = "/review",
                    }, district.Key, key, cancellationToken);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Claims past their time go back to the queue (the queue already ignores them; this records it).</summary>
public sealed class ClaimLapses(PLBadgesDbContext db, TimeProvider clock) : IRecurringWork
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lapsed = await db.Set<Review>().Where(r => r.Status == ReviewStatus.Claimed && r.ClaimExpiresAt <= now).Take(500).ToListAsync(cancellationToken);
        foreach (var review in lapsed)
        {
            review.Status = ReviewStatus.Lapsed;
            var submission = await db.Set<Submission>().FirstAsync(s => s.Id == review.SubmissionId, cancellationToken);
            await ReviewService.ReturnToQueueIfIdleAsync(db, clock, submission, review, Actor.System, null, "Claim lapsed", cancellationToken);
            submission.Revision++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear(); // a coach acted on it at the same moment; the next run looks again
            }
        }
    }
}
