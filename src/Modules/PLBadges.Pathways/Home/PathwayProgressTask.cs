using PLBadges.Abstractions.Badges;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Security;
using PLBadges.Pathways.Catalog;

namespace PLBadges.Pathways.Home;

/// <summary>A signed-in person's home shows each pathway they have begun to earn: "2 of 4 earned", and the capstone still to come.</summary>
public sealed class PathwayProgressTask(IAccessControl access, CatalogQueries catalog, IEnumerable<IEarnedBadges> badges) : IZoneContributor
{
    public sealed record Row(string Slug, string Title, int Earned, int Of, string? Capstone, bool CapstoneEarned);

    public string Zone => Zones.HomeTasks;

    public async Task<ZoneItem?> ContributeAsync(object? subject, CancellationToken cancellationToken)
    {
        if (access.PersonId is not { } me || badges.FirstOrDefault() is not { } earned)
        {
            return null;
        }

        var pathways = await catalog.VisiblePathwaysAsync(cancellationToken);
        var held = await earned.PathwayProgressAsync(me, pathways.Select(p => p.Pathway.Id).ToList(), cancellationToken);
        var rows = new List<Row>();
        foreach (var pathway in pathways)
        {
            var progress = held[pathway.Pathway.Id];
            var count = pathway.EarnedOf(progress);
            if (count > 0 || progress.Capstone != null)
            {
                rows.Add(new Row(pathway.Pathway.Slug, pathway.Pathway.Title, count, pathway.MicroCredentials.Count, string.IsNullOrEmpty(pathway.Pathway.CapstoneTitle) ? null : pathway.Pathway.CapstoneTitle, progress.Capstone != null));
            }
        }

        return rows.Count == 0 ? null : new ZoneItem("_PathwayProgressTask", rows, Order: 30);
    }
}
