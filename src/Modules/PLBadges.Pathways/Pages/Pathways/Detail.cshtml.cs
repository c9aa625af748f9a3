using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Badges;
using PLBadges.Abstractions.Security;
using PLBadges.Pathways.Catalog;

namespace PLBadges.Pathways.Pages.Pathways;

[AllowAnonymous]
public sealed class DetailModel(CatalogQueries catalog, IAccessControl access, IEnumerable<IEarnedBadges> badges) : PageModel
{
    internal PathwayView Pathway { get; private set; } = null!;

    /// <summary>What the signed-in person has earned of the pathway; null for a visitor (or while badges are switched off).</summary>
    public PathwayProgress? Progress { get; private set; }

    public int EarnedCount => Progress == null ? 0 : Pathway.EarnedOf(Progress);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var found = await catalog.PathwayAsync(slug, cancellationToken);
        if (found == null)
        {
            return NotFound();
        }

        Pathway = found;
        if (access.PersonId is { } me && badges.FirstOrDefault() is { } earned)
        {
            Progress = (await earned.PathwayProgressAsync(me, [found.Pathway.Id], cancellationToken))[found.Pathway.Id];
        }

        return Page();
    }
}
