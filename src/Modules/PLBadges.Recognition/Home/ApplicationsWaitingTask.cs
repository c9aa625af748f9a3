using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Security;
using PLBadges.Recognition.Applications;

namespace PLBadges.Recognition.Home;

/// <summary>
/// A state reviewer's home: the applications for recognition waiting for a decision, and the oldest of them. A district
/// admin who decides for the district sees it only when something waits.
/// </summary>
public sealed class ApplicationsWaitingTask(IAccessControl access, ApplicationReview review, TimeProvider clock) : IZoneContributor
{
    public sealed record ViewModel(int Waiting, int MoreAsked, string? OldestName, DateTime? OldestSubmittedAt, int DaysWaited);

    public string Zone => Zones.HomeTasks;

    public async Task<ZoneItem?> ContributeAsync(object? subject, CancellationToken cancellationToken)
    {
        if (access.PersonId == null)
        {
            return null;
        }

        var reviewer = await access.HasAsync(RecognitionPermissions.Review, cancellationToken: cancellationToken);
        if (!reviewer && !await access.HasAsync(RecognitionPermissions.DecideForDistrict, cancellationToken: cancellationToken))
        {
            return null;
        }

        var queue = await review.QueueAsync(decided: false, cancellationToken);
        if (queue.Count == 0 && !reviewer)
        {
            return null;
        }

        var waiting = queue.Where(a => a.Status == ApplicationStatus.Waiting).OrderBy(a => a.SubmittedAt).ToList();
        var oldest = waiting.FirstOrDefault();
        var days = oldest == null ? 0 : Math.Max(0, (int)(clock.GetUtcNow().UtcDateTime - oldest.SubmittedAt).TotalDays);
        return new ZoneItem("_ApplicationsWaitingTask", new ViewModel(waiting.Count, queue.Count - waiting.Count, oldest?.ProgrammeName, oldest?.SubmittedAt, days), Order: 10);
    }
}
