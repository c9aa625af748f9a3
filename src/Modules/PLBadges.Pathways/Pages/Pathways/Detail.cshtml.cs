using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Pathways.Catalog;

namespace PLBadges.Pathways.Pages.Pathways;

[AllowAnonymous]
public sealed class DetailModel(CatalogQueries catalog) : PageModel
{
    internal PathwayView Pathway { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var found = await catalog.PathwayAsync(slug, cancellationToken);
        if (found == null)
        {
            return NotFound();
        }

        Pathway = found;
        return Page();
    }
}
