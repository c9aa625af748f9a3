using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Badges;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Security;
using PLBadges.Credentials.Issuing;
using PLBadges.Data;

namespace PLBadges.Credentials.Home;

/// <summary>A signed-in person's home shows their latest badge (not revoked), its image, and where to see and share it.</summary>
public sealed class LatestBadgeTask(IAccessControl access, PLBadgesDbContext db) : IZoneContributor
{
    public sealed record ViewModel(EarnedBadge Badge, int Held);

    public string Zone => Zones.HomeTasks;

    public async Task<ZoneItem?> ContributeAsync(object? subject, CancellationToken cancellationToken)
    {
        if (access.PersonId is not { } me)
        {
            return null;
        }

        var held = db.Set<IssuedCredential>().AsNoTracking().Where(c => c.RecipientId == me && c.RevokedAt == null);
        var latest = await held.OrderByDescending(c => c.ValidFrom).Select(c => new { c.Id, c.Name, c.ValidFrom }).FirstOrDefaultAsync(cancellationToken);
        if (latest == null)
        {
            return null;
        }

        return new ZoneItem("_LatestBadgeTask", new ViewModel(EarnedBadges.Of(latest.Id, latest.Name, latest.ValidFrom, revokedAt: null, reason: null),
            await held.CountAsync(cancellationToken)), Order: 20);
    }
}
