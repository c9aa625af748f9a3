using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Security;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Resources;

namespace PLBadges.Pathways.Pages.Resources;

public sealed record FacetSelect(string Name, string Label, string? Selected, IReadOnlyList<Facet> Facets);

[AllowAnonymous]
public sealed class IndexModel(ResourceBank bank, IAccessControl access, IOrganizationDirectory organizations) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Focus { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Grade { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tag { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    [FromQuery] // only the address's ?page=: Razor Pages' own route value "page" (the page's path) is no number
    public int PageNumber { get; set; } = 1;

    public ResourceResults Results { get; private set; } = null!;

    public bool CanAdd { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var districts = await Viewer.DistrictsAsync(access, organizations, cancellationToken);
        Results = await bank.SearchAsync(new ResourceQuery(Q, Type, Focus, Grade, Tag, PageNumber), districts, cancellationToken);
        CanAdd = await access.HasAsync(PathwayPermissions.Author, null, cancellationToken);
    }

    public string PageLink(int page) =>
        "/resources?" + string.Join("&", new[] { ("q", Q), ("type", Type), ("focus", Focus), ("grade", Grade), ("tag", Tag), ("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)) }
            .Where(p => !string.IsNullOrEmpty(p.Item2))
            .Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
}
