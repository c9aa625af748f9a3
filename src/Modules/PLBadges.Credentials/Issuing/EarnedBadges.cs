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

    public async Task<IReadOnlyDictionary<Guid, PathwayProgress>> PathwayProgressAsync(Guid personId, IReadOnlyCollection<Guid> pathwayIds, CancellationToken cancellationToken = default)
    {
        var held = pathwayIds.Count > 0 && await modules.IsEnabledAsync("Credentials", cancellationToken)
            ? await db.Set<IssuedCredential>().AsNoTracking()
                .Where(c => c.RecipientId == personId && pathwayIds.Contains(c.PathwayId) && c.RevokedAt == null && (c.Kind == CredentialKind.MicroCredential || c.CapstoneOf == c.PathwayId))
                .Select(c => new { c.Id, c.Name, c.PathwayId, c.MicroCredentialId, c.CapstoneOf, c.ValidFrom, c.RevokedAt, c.RevocationReason }).ToListAsync(cancellationToken)
            : [];
        return pathwayIds.Distinct().ToDictionary(id => id, id =>
        {
            var ofPathway = held.Where(c => c.PathwayId == id).ToList();
            var capstone = ofPathway.FirstOrDefault(c => c.CapstoneOf == id);
            return new PathwayProgress(
                ofPathway.Where(c => c.MicroCredentialId != null).Select(c => c.MicroCredentialId!.Value).ToHashSet(),
                capstone == null ? null : Of(capstone.Id, capstone.Name, capstone.ValidFrom, capstone.RevokedAt, capstone.RevocationReason));
        });
    }

    /// <summary>The owner's view of a credential: where the share panel is.</summary>
    public static string OwnerHref(string credentialId) => $"/me/credentials/{Uri.EscapeDataString(credentialId)}";

    /// <summary>A credential as the holder's pages show it: their own view (with the share panel) and its image.</summary>
    internal static EarnedBadge Of(string id, string name, DateTime issuedAt, DateTime? revokedAt, string? reason) =>
        new(id, name, OwnerHref(id), $"/credentials/{Uri.EscapeDataString(id)}.svg", issuedAt, revokedAt, reason);
}
