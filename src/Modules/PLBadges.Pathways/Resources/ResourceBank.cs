using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Catalog;
using PLBadges.Pathways.Recipes;

namespace PLBadges.Pathways.Resources;

/// <summary>
/// Keeps one <see cref="ResourceIndex"/> per node, rebuilt when the resources change (their count and
/// latest change time, one small query per search, tell). A person sees the shared resources and their
/// own district's; a visitor, the shared ones.
/// </summary>
public sealed class ResourceBank(IServiceScopeFactory scopes)
{
    private readonly SemaphoreSlim rebuild = new(1, 1);
    private volatile Snapshot? snapshot;

    public async Task<ResourceResults> SearchAsync(ResourceQuery query, IReadOnlyCollection<Guid> districtIds, CancellationToken cancellationToken)
    {
        var index = await IndexAsync(cancellationToken);
        return index.Search(query, districtIds);
    }

    private async Task<Snapshot> IndexAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
        var stamp = await db.Set<Resource>().GroupBy(_ => 1).Select(g => new Stamp(g.Count(), g.Max(r => r.UpdatedAt))).FirstOrDefaultAsync(cancellationToken) ?? new Stamp(0, DateTime.MinValue);
        var current = snapshot;
        if (current?.Stamp == stamp)
        {
            return current;
        }

        await rebuild.WaitAsync(cancellationToken);
        try
        {
            if (snapshot?.Stamp == stamp)
            {
                return snapshot;
            }

            var rows = await db.Set<Resource>().AsNoTracking().ToListAsync(cancellationToken);
            var entries = rows.Select(r => new ResourceEntry(r.Id, r.Slug, r.OwnerOrganizationId, r.Title, r.Summary, r.Url, r.Type, r.FocusArea,
                ResourceFields.Split(r.GradeBands), ResourceFields.Split(r.Tags), r.Minutes)).ToList();
            snapshot = new Snapshot(stamp, entries);
            return snapshot;
        }
        finally
        {
            rebuild.Release();
        }
    }

    private sealed record Stamp(int Count, DateTime LatestChange);

    /// <summary>The shared index, and one per district (shared plus the district's own), built when first asked.</summary>
    private sealed class Snapshot(Stamp stamp, IReadOnlyList<ResourceEntry> entries)
    {
        private readonly ResourceIndex shared = new(entries.Where(e => e.OwnerOrganizationId == null));
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ResourceIndex> byDistricts = new();

        public Stamp Stamp { get; } = stamp;

        public ResourceResults Search(ResourceQuery query, IReadOnlyCollection<Guid> districtIds)
        {
            if (districtIds.Count == 0 || entries.All(e => e.OwnerOrganizationId == null))
            {
                return shared.Search(query);
            }

            var key = string.Join(",", districtIds.Order());
            var index = byDistricts.GetOrAdd(key, _ => new ResourceIndex(entries.Where(e => e.OwnerOrganizationId == null || districtIds.Contains(e.OwnerOrganizationId.Value))));
            return index.Search(query);
        }
    }
}

/// <summary>The districts whose own resources and pathways a person sees.</summary>
internal static class Viewer
{
    public static async Task<IReadOnlyList<Guid>> DistrictsAsync(IAccessControl access, IOrganizationDirectory organizations, CancellationToken cancellationToken)
    {
        var districts = new List<Guid>();
        foreach (var role in await access.RolesAsync(cancellationToken))
        {
            if (role.OrganizationId is { } id && await organizations.DistrictOfAsync(id, cancellationToken) is { } district && !districts.Contains(district.Id))
            {
                districts.Add(district.Id);
            }
        }

        return districts;
    }
}
