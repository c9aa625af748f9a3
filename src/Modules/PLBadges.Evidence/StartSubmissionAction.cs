using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Evidence.Submissions;

namespace PLBadges.Evidence;

/// <summary>Puts "Start a submission" (or "Continue") on a micro-credential's page.</summary>
public sealed class StartSubmissionAction(IAccessControl access, PLBadgesDbContext db) : IZoneContributor
{
    public sealed record ViewModel(string Slug, bool CanStart, Guid? SubmissionId, string? Status, string? Action);

    public string Zone => Zones.MicroCredentialActions;

    public async Task<ZoneItem?> ContributeAsync(object? subject, CancellationToken cancellationToken)
    {
        if (subject is not string slug)
        {
            return null;
        }

        if (access.PersonId is not { } me)
        {
            return new ZoneItem("_StartSubmission", new ViewModel(slug, false, null, null, null));
        }

        if (!await access.HasAsync(EvidencePermissions.Submit, cancellationToken: cancellationToken))
        {
            return null;
        }

        var existing = await db.Set<Submission>().AsNoTracking()
            .Where(s => s.TeacherId == me && s.Slug == slug && s.State != SubmissionState.Withdrawn)
            .OrderByDescending(s => s.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        return existing == null
            ? new ZoneItem("_StartSubmission", new ViewModel(slug, true, null, null, null))
            : new ZoneItem("_StartSubmission", new ViewModel(slug, true, existing.Id,
                existing.State switch
                {
                    SubmissionState.Draft => "You have a draft in progress.",
                    SubmissionState.NotYet => "A coach asked for more: revise and resubmit.",
                    SubmissionState.Passed => "You passed this micro-credential.",
                    _ => "Your submission is with the coaches.",
                },
                SubmissionService.CanEdit(existing) ? "Continue your submission" : "See your submission"));
    }
}
