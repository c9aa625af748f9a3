using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Data;
using PLBadges.Pathways.Catalog;

namespace PLBadges.Pathways.Pages.MicroCredentials;

[AllowAnonymous]
public sealed class DetailModel(CatalogQueries catalog, PLBadgesDbContext db) : PageModel
{
    internal PathwayView Pathway { get; private set; } = null!;

    internal MicroCredentialView Credential { get; private set; } = null!;

    internal IReadOnlyList<Resource> Resources { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await catalog.MicroCredentialAsync(slug, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        (Pathway, Credential) = found;
        var slugs = Credential.Content.Resources.ToList();
        var resources = await db.Set<Resource>().AsNoTracking().Where(r => slugs.Contains(r.Slug) && r.OwnerOrganizationId == null).ToListAsync(cancellationToken);
        Resources = slugs.Select(s => resources.FirstOrDefault(r => r.Slug == s)).OfType<Resource>().ToList();
        return Page();
    }
}
