using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Evidence.Submissions;

namespace PLBadges.Evidence;

/// <summary>Puts the submission to continue (the part it is at, the minutes left) first on a teacher's home page.</summary>
public sealed class ContinueSubmissionTask(IAccessControl access, PLBadgesDbContext db, SubmissionService submissions) : IZoneContributor
{
    public sealed record ViewModel(Guid SubmissionId, string Title, bool Revising, int PartNumber, int Parts, string? PartTitle, int MinutesLeft);

    public string Zone => Zones.HomeTasks;

    public async Task<ZoneItem?> ContributeAsync(object? subject, CancellationToken cancellationToken)
    {
        if (access.PersonId is not { } me || !await access.HasAsync(EvidencePermissions.Submit, cancellationToken: cancellationToken))
        {
            return null;
        }

        var open = await db.Set<Submission>().AsNoTracking()
            .Where(s => s.TeacherId == me && (s.State == SubmissionState.Draft || s.State == SubmissionState.NotYet))
            .OrderByDescending(s => s.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
        if (open == null)
        {
            return null;
        }

        var progress = await submissions.ProgressAsync(open, await submissions.VersionOfAsync(open, cancellationToken), cancellationToken);
        var next = progress.Next;
        return new ZoneItem("_ContinueSubmission", new ViewModel(open.Id, open.Title, open.State == SubmissionState.NotYet,
            next == null ? progress.Parts.Count : next.Part + 1, progress.Parts.Count, next?.Title, progress.MinutesLeft), Order: 10);
    }
}
