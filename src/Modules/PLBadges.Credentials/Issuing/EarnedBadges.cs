using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Badges;
using PLBadges.Abstractions.Modules;
using PLBadges.Data;

namespace PLBadges.Credentials.Issuing;

/// <summary>The badges a person earned, for the pages of modules that do not issue them (Evidence, Pathways).</summary>
internal sealed class EarnedBadges(PLBadgesDbContext db, IModuleState modules) : IEarnedBadges
{
    public async Task<EarnedBadge?> ForSubmissionAsync(Guid submissionId, CancellationToken cancellationToken = default) =>
        await modules.IsEnabledAsync("Credentials", cancellationToken)
            ? await db.Set<IssuedCredential>().AsNoTracking().Where(c => c.SubmissionId == submissionId)
                .Select(c => new { c.Id, c.Name, c.ValidFrom, c.RevokedAt, c.RevocationReason }).FirstOrDefaultAsync(cancellationToken) is { } c
                ? Of(c.Id, c.Name, c.ValidFrom, c.RevokedAt, c.RevocationReason)
                : null
            : null;

    public async Task<PathwayProgress> PathwayProgressAsync(Guid personId, Guid pathwayId, CancellationToken cancellationToken = default)
    {
        if (!await modules.IsEnabledAsync("Credentials", cancellationToken))
        {
            return new PathwayProgress(new HashSet<Guid>(), null);
        }

        var held = await db.Set<IssuedCredential>().AsNoTracking()
            .Where(c => c.RecipientId == personId && c.PathwayId == pathwayId && c.RevokedAt == null && (c.Kind == CredentialKind.MicroCredential || c.CapstoneOf == pathwayId))
            .Select(c => new { c.Id, c.Name, c.MicroCredentialId, c.CapstoneOf, c.ValidFrom, c.RevokedAt, c.RevocationReason }).ToListAsync(cancellationToken);
        var capstone = held.FirstOrDefault(c => c.CapstoneOf == pathwayId);
        return new PathwayProgress(
            held.Where(c => c.MicroCredentialId != null).Select(c => c.MicroCredentialId!.Value).ToHashSet(),
            capstone == null ? null : Of(capstone.Id, capstone.Name, capstone.ValidFrom, capstone.RevokedAt, capstone.RevocationReason));
    }

    /// <summary>The owner's view of a credential: where the share panel is.</summary>
    public static string OwnerHref(string credentialId) => $"/me/credentials/{Uri.EscapeDataString(credentialId)}";

    /// <summary>A credential as the holder's pages show it: their own view (with the share panel) and its image.</summary>
    internal static EarnedBadge Of(string id, string name, DateTime issuedAt, DateTime? revokedAt, string? reason) =>
        new(id, name, OwnerHref(id), $"/credentials/{Uri.EscapeDataString(id)}.svg", issuedAt, revokedAt, reason);
}
