using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Security;
using PLBadges.Evidence.Reviewing;

namespace PLBadges.Evidence.Home;

/// <summary>A coach's home leads with the review queue: how many submissions wait, and the oldest of them.</summary>
public sealed class ReviewQueueTask(IAccessControl access, ReviewQueue queue, TimeProvider clock) : IZoneContributor
{
    public sealed record ViewModel(int Waiting, string? OldestTitle, DateTime? OldestSubmittedAt, int DaysWaited);

    public string Zone => Zones.HomeTasks;

    public async Task<ZoneItem?> ContributeAsync(object? subject, CancellationToken cancellationToken)
    {
        if (access.PersonId == null || !await access.HasAsync(EvidencePermissions.Review, cancellationToken: cancellationToken)
            || await queue.ClaimableAsync(cancellationToken) is not { } claimable)
        {
            return null;
        }

        var waiting = await claimable.CountAsync(cancellationToken);
        var oldest = waiting == 0 ? null : await claimable.OrderBy(s => s.SubmittedAt).ThenBy(s => s.Id)
            .Select(s => new { s.Title, s.SubmittedAt }).FirstOrDefaultAsync(cancellationToken);
        var days = oldest?.SubmittedAt is { } at ? Math.Max(0, (int)(clock.GetUtcNow().UtcDateTime - at).TotalDays) : 0;
        return new ZoneItem("_ReviewQueueTask", new ViewModel(waiting, oldest?.Title, oldest?.SubmittedAt, days), Order: 5);
    }
}

/// <summary>A district admin's home: the reviews waiting longer than the district's target, and how many wait in all.</summary>
public sealed class OverdueReviewsTask(IAccessControl access, Organizations.Contracts.IDistrictContext districts, PLBadges.Data.PLBadgesDbContext db, ReviewPolicies policies, TimeProvider clock) : IZoneContributor
{
    public sealed record ViewModel(string District, int Waiting, int Overdue, int TargetDays);

    public string Zone => Zones.HomeTasks;

    public async Task<ZoneItem?> ContributeAsync(object? subject, CancellationToken cancellationToken)
    {
        if (access.PersonId == null || !await access.HasAsync(EvidencePermissions.Manage, cancellationToken: cancellationToken)
            || (await districts.ResolveAsync(EvidencePermissions.Manage, null, cancellationToken)).Current is not { } district)
        {
            return null;
        }

        var policy = await policies.ForAsync(district.Id, cancellationToken);
        var late = clock.GetUtcNow().UtcDateTime.AddDays(-policy.TargetDays);
        var open = db.Set<Submissions.Submission>().AsNoTracking()
            .Where(s => s.DistrictId == district.Id && (s.State == Submissions.SubmissionState.Submitted || s.State == Submissions.SubmissionState.InReview));
        var waiting = await open.CountAsync(cancellationToken);
        var overdue = waiting == 0 ? 0 : await open.CountAsync(s => s.SubmittedAt < late, cancellationToken);
        return new ZoneItem("_OverdueReviewsTask", new ViewModel(district.Name, waiting, overdue, policy.TargetDays), Order: 20);
    }
}
