using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Evidence.Submissions;

namespace PLBadges.Evidence;

/// <summary>Puts "Start a submission" (or "Continue") on a micro-credential's page.</summary>
public sealed class StartSubmissionAction(IAccessControl access, PLBadgesDbContext db, IEnumerable<PLBadges.Abstractions.Badges.IEarnedBadges> badges) : IZoneContributor
{
    public sealed record ViewModel(string Slug, bool CanStart, Guid? SubmissionId, string? Status, string? Action, string? BadgeHref = null);

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
        var badge = existing?.State == SubmissionState.Passed && badges.FirstOrDefault() is { } earned ? await earned.ForSubmissionAsync(existing.Id, cancellationToken) : null;
        return existing == null
            ? new ZoneItem("_StartSubmission", new ViewModel(slug, true, null, null, null))
            : new ZoneItem("_StartSubmission", new ViewModel(slug, true, existing.Id,
                existing.State switch
                {
                    SubmissionState.Draft => "You have a draft in progress.",
                    SubmissionState.NotYet => "A coach asked for more: revise and resubmit.",
                    SubmissionState.Passed when badge is { Revoked: true } => $"You passed this micro-credential, but your district revoked its badge on {badge.RevokedAt!.Value:d MMMM yyyy}. The reason they gave: {badge.RevocationReason}",
                    SubmissionState.Passed => "You passed this micro-credential.",
                    _ => "Your submission is with the coaches.",
                },
                SubmissionService.CanEdit(existing) ? "Continue your submission" : "See your submission",
                badge?.Href));
    }
}
