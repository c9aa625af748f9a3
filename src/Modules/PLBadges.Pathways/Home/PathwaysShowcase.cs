using PLBadges.Abstractions.Display;
using PLBadges.Pathways.Catalog;

namespace PLBadges.Pathways.Home;

/// <summary>The visitor's home shows the pathways on offer, each with its badge.</summary>
public sealed class PathwaysShowcase(CatalogQueries catalog) : IZoneContributor
{
    public sealed record Card(string Slug, string Title, string Summary, int MicroCredentials, decimal Hours);

    public string Zone => Zones.HomeWelcome;

    public async Task<ZoneItem?> ContributeAsync(object? subject, CancellationToken cancellationToken)
    {
        var pathways = await catalog.VisiblePathwaysAsync(cancellationToken);
        return pathways.Count == 0 ? null : new ZoneItem("_PathwaysShowcase",
            pathways.Select(p => new Card(p.Pathway.Slug, p.Pathway.Title, p.Pathway.Summary, p.MicroCredentials.Count, p.EstimatedHours)).ToList(), Order: 10);
    }
}
