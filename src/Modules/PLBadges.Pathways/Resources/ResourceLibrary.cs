using Microsoft.EntityFrameworkCore;
using PLBadges.Data;
using PLBadges.Pathways.Catalog;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Pathways.Resources;

internal sealed class ResourceLibrary(PLBadgesDbContext db) : IResourceLibrary
{
    public async Task<IReadOnlyList<ResourceLink>> AvailableToAsync(Guid districtId, CancellationToken cancellationToken = default) =>
        (await db.Set<Resource>().AsNoTracking().Where(r => r.OwnerOrganizationId == null || r.OwnerOrganizationId == districtId).ToListAsync(cancellationToken))
            .Select(Link).OrderBy(r => r.FocusArea).ThenBy(r => r.Title).ToList();

    public async Task<IReadOnlyList<ResourceLink>> GetAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken = default)
    {
        var wanted = ids.Distinct().ToList();
        return wanted.Count == 0 ? [] : (await db.Set<Resource>().AsNoTracking().Where(r => wanted.Contains(r.Id)).ToListAsync(cancellationToken)).Select(Link).ToList();
    }

    public async Task<ResourceLink?> FindAsync(string slug, Guid districtId, CancellationToken cancellationToken = default) =>
        await db.Set<Resource>().AsNoTracking().Where(r => r.Slug == slug && (r.OwnerOrganizationId == null || r.OwnerOrganizationId == districtId)).FirstOrDefaultAsync(cancellationToken) is { } found
            ? Link(found)
            : null;

    private static ResourceLink Link(Resource r) => new(r.Id, r.Slug, r.Title, r.Url, r.Type, r.FocusArea, r.Minutes);
}
