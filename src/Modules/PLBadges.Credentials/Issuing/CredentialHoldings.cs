using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Hosting;
using PLBadges.Credentials.Contracts;
using PLBadges.Data;

namespace PLBadges.Credentials.Issuing;

internal sealed class CredentialHoldings(PLBadgesDbContext db, SiteOrigin origin) : ICredentialHoldings
{
    public async Task<IReadOnlyList<HeldCredential>> HeldByAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        var rows = await db.Set<IssuedCredential>().AsNoTracking().Where(c => c.RecipientId == personId)
            .Select(c => new { c.Id, c.Kind, c.Name, c.IssuerId, c.MicroCredentialId, c.PathwayId, c.Hours, c.ValidFrom, c.RevokedAt })
            .ToListAsync(cancellationToken);
        var here = origin.Value;
        return rows.OrderBy(c => c.ValidFrom).ThenBy(c => c.Id, StringComparer.Ordinal).Select(c => new HeldCredential(
            c.Id, CredentialDocument.Url(here, c.Id),
            c.Kind switch { CredentialKind.MicroCredential => HeldKind.MicroCredential, CredentialKind.Pathway => HeldKind.Pathway, _ => HeldKind.Award },
            c.Name, c.IssuerId, c.MicroCredentialId, c.PathwayId == Guid.Empty ? null : c.PathwayId, c.Hours, c.ValidFrom, c.RevokedAt != null)).ToList();
    }

    public async Task<IReadOnlyDictionary<Guid, IReadOnlySet<Guid>>> MicroCredentialsHeldAsync(IEnumerable<Guid> personIds, CancellationToken cancellationToken = default)
    {
        var ids = personIds.Distinct().ToList();
        var held = await db.Set<IssuedCredential>().AsNoTracking()
            .Where(c => ids.Contains(c.RecipientId) && c.Kind == CredentialKind.MicroCredential && c.RevokedAt == null && c.MicroCredentialId != null)
            .Select(c => new { c.RecipientId, MicroCredentialId = c.MicroCredentialId!.Value })
            .ToListAsync(cancellationToken);
        return held.GroupBy(h => h.RecipientId).ToDictionary(g => g.Key, g => (IReadOnlySet<Guid>)g.Select(h => h.MicroCredentialId).ToHashSet());
    }

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<(Guid PathwayId, string Name)>>> PathwaysCompletedAsync(IEnumerable<Guid> personIds, CancellationToken cancellationToken = default)
    {
        var ids = personIds.Distinct().ToList();
        var held = await db.Set<IssuedCredential>().AsNoTracking()
            .Where(c => ids.Contains(c.RecipientId) && c.Kind == CredentialKind.Pathway && c.RevokedAt == null && c.CapstoneOf != null)
            .Select(c => new { c.RecipientId, PathwayId = c.CapstoneOf!.Value, c.Name })
            .ToListAsync(cancellationToken);
        return held.GroupBy(h => h.RecipientId).ToDictionary(g => g.Key, g => (IReadOnlyList<(Guid, string)>)g.Select(h => (h.PathwayId, h.Name)).ToList());
    }
}
