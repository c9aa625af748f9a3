using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Pathways.Catalog;

namespace PLBadges.Pathways.Pages.Pathways;

[AllowAnonymous]
public sealed class IndexModel(CatalogQueries catalog) : PageModel
{
    internal IReadOnlyList<PathwayView> Pathways { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Pathways = await catalog.VisiblePathwaysAsync(cancellationToken);
}
