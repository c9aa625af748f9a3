using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Content;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Pathways.Catalog;

internal sealed record PathwayView(Pathway Pathway, IReadOnlyList<MicroCredentialView> MicroCredentials)
{
    public decimal EstimatedHours => MicroCredentials.Sum(m => m.Content.EstimatedHours);

    /// <summary>How many of the pathway's micro-credentials the person's progress holds.</summary>
    public int EarnedOf(PLBadges.Abstractions.Badges.PathwayProgress progress) => MicroCredentials.Count(m => progress.Earned.Contains(m.MicroCredential.Id));
}

internal sealed record MicroCredentialView(MicroCredential MicroCredential, MicroCredentialVersion Version, MicroCredentialContent Content);

/// <summary>
/// The published catalog as the viewer may see it: a person whose district offers pathways sees
/// those; anyone else (a visitor, or a district that has chosen none yet) sees the shared ones.
/// </summary>
public sealed class CatalogQueries(PLBadgesDbContext db, IAccessControl access, IOrganizationDirectory organizations, IMemoryCache cache) : IMicroCredentialCatalog
{
    /// <summary>How long a published version's facts are kept per node (the version itself never changes; its slugs rarely do).</summary>
    private static readonly TimeSpan VersionLifetime = TimeSpan.FromMinutes(10);

    internal async Task<IReadOnlyList<PathwayView>> VisiblePathwaysAsync(CancellationToken cancellationToken)
    {
        var visible = await VisiblePathwayIdsAsync(cancellationToken);
        var pathways = await db.Set<Pathway>().AsNoTracking()
            .Where(p => p.Status == ContentStatus.Published && visible.Contains(p.Id))
            .OrderBy(p => p.Title)
            .ToListAsync(cancellationToken);
        var ids = pathways.Select(p => p.Id).ToList();
        var credentials = await PublishedCredentialsAsync(db.Set<MicroCredential>().Where(m => ids.Contains(m.PathwayId)), cancellationToken);
        return pathways.Select(p => new PathwayView(p, credentials.Where(c => c.MicroCredential.PathwayId == p.Id).OrderBy(c => c.MicroCredential.Position).ToList())).ToList();
    }

    internal async Task<PathwayView?> PathwayAsync(string slug, CancellationToken cancellationToken) =>
        (await VisiblePathwaysAsync(cancellationToken)).FirstOrDefault(p => p.Pathway.Slug == slug);

    /// <summary>A published micro-credential of a pathway the viewer may see, with its pathway.</summary>
    internal async Task<(PathwayView Pathway, MicroCredentialView MicroCredential)?> MicroCredentialAsync(string slug, CancellationToken cancellationToken)
    {
        foreach (var pathway in await VisiblePathwaysAsync(cancellationToken))
        {
            var found = pathway.MicroCredentials.FirstOrDefault(m => m.MicroCredential.Slug == slug);
            if (found != null)
            {
                return (pathway, found);
            }
        }

        return null;
    }

    public async Task<MicroCredentialVersionInfo?> PublishedAsync(string slug, CancellationToken cancellationToken = default)
    {
        var found = (await PublishedCredentialsAsync(db.Set<MicroCredential>().Where(m => m.Slug == slug), cancellationToken)).FirstOrDefault();
        return found == null ? null : await InfoAsync(found.MicroCredential, found.Version, cancellationToken);
    }

    public async Task<MicroCredentialVersionInfo?> VersionAsync(Guid versionId, CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue((nameof(VersionAsync), versionId), out MicroCredentialVersionInfo? known))
        {
            return known;
        }

        var version = await db.Set<MicroCredentialVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        var credential = version == null ? null : await db.Set<MicroCredential>().AsNoTracking().FirstAsync(m => m.Id == version.MicroCredentialId, cancellationToken);
        var info = credential == null ? null : await InfoAsync(credential, version!, cancellationToken);
        if (info != null && version!.PublishedAt != null)
        {
            cache.Set((nameof(VersionAsync), versionId), info, VersionLifetime); // a published version is immutable; a draft is not kept
        }

        return info;
    }

    public async Task<IReadOnlyList<MicroCredentialSummary>> AvailableToAsync(Guid districtId, CancellationToken cancellationToken = default)
    {
        var pathways = await db.Set<Pathway>().AsNoTracking()
            .Where(p => p.Status == ContentStatus.Published && (p.OwnerOrganizationId == null || p.OwnerOrganizationId == districtId))
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var ids = pathways.Keys.ToList();
        var credentials = await PublishedCredentialsAsync(db.Set<MicroCredential>().Where(m => ids.Contains(m.PathwayId)), cancellationToken);
        return credentials.OrderBy(c => pathways[c.MicroCredential.PathwayId].Title).ThenBy(c => c.MicroCredential.Position)
            .Select(c => new MicroCredentialSummary(c.MicroCredential.Id, c.MicroCredential.Slug, c.Content.Title, c.MicroCredential.PathwayId, pathways[c.MicroCredential.PathwayId].Title))
            .ToList();
    }

    public string BadgeSvg(PathwayInfo pathway, string title, bool capstone) =>
        Badges.BadgeImage.Svg(title, capstone ? "Pathway capstone" : "Micro-credential", pathway.Color, pathway.Icon);

    public async Task<PathwayInfo?> PathwayAsync(Guid pathwayId, CancellationToken cancellationToken = default)
    {
        var pathway = await db.Set<Pathway>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == pathwayId && p.Status == ContentStatus.Published, cancellationToken);
        if (pathway == null)
        {
            return null;
        }

        var credentials = await db.Set<MicroCredential>().AsNoTracking()
            .Where(m => m.PathwayId == pathwayId && m.Status == ContentStatus.Published && m.PublishedVersion != null)
            .OrderBy(m => m.Position).Select(m => m.Id).ToListAsync(cancellationToken);
        return new PathwayInfo(pathway.Id, pathway.Slug, pathway.Title, pathway.Summary, pathway.Color, pathway.Icon, pathway.CapstoneTitle, pathway.CapstoneDescription, credentials);
    }

    private async Task<MicroCredentialVersionInfo> InfoAsync(MicroCredential credential, MicroCredentialVersion version, CancellationToken cancellationToken)
    {
        var pathwaySlug = await db.Set<Pathway>().Where(p => p.Id == credential.PathwayId).Select(p => p.Slug).FirstAsync(cancellationToken);
        return new MicroCredentialVersionInfo(credential.Id, version.Id, version.Number, credential.Slug, credential.PathwayId, pathwaySlug, credential.OwnerOrganizationId, Parse(version));
    }

    /// <summary>Parsed content by its hash: equal content is one immutable value, read once per process.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, MicroCredentialContent> Parsed = new();

    private static MicroCredentialContent Parse(MicroCredentialVersion version) =>
        Parsed.GetOrAdd(version.ContentHash, _ => ContentJson.Deserialize(version.ContentJson));

    private async Task<List<MicroCredentialView>> PublishedCredentialsAsync(IQueryable<MicroCredential> query, CancellationToken cancellationToken)
    {
        var rows = await query.AsNoTracking()
            .Where(m => m.Status == ContentStatus.Published && m.PublishedVersion != null)
            .Join(db.Set<MicroCredentialVersion>(), m => new { Id = m.Id, Number = m.PublishedVersion!.Value }, v => new { Id = v.MicroCredentialId, v.Number }, (m, v) => new { m, v })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new MicroCredentialView(r.m, r.v, Parse(r.v))).ToList();
    }

    private async Task<List<Guid>> VisiblePathwayIdsAsync(CancellationToken cancellationToken)
    {
        var districtIds = await Resources.Viewer.DistrictsAsync(access, organizations, cancellationToken);
        if (districtIds.Count > 0)
        {
            var offered = await db.Set<PathwayOffer>().Where(o => districtIds.Contains(o.DistrictId)).Select(o => o.PathwayId).Distinct().ToListAsync(cancellationToken);
            if (offered.Count > 0)
            {
                return offered;
            }
        }

        return await db.Set<Pathway>().Where(p => p.OwnerOrganizationId == null).Select(p => p.Id).ToListAsync(cancellationToken);
    }
}
