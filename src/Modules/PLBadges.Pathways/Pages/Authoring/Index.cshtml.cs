using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Pathways.Catalog;

namespace PLBadges.Pathways.Pages.Authoring;

[RequirePermission(PathwayPermissions.Names.Author)]
public sealed class IndexModel(IAccessControl access, PLBadgesDbContext db) : PageModel
{
    public sealed record Item(string Slug, string Title, string Pathway, int? Version, string State);

    public IReadOnlyList<Item> Items { get; private set; } = [];

    public IReadOnlyList<(string Slug, string Title)> Pathways { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = await access.ScopeAsync(PathwayPermissions.Author, cancellationToken);
        var rows = await db.Set<MicroCredential>().AsNoTracking()
            .Join(db.Set<Pathway>(), m => m.PathwayId, p => p.Id, (m, p) => new { m, p })
            .OrderBy(x => x.p.Title).ThenBy(x => x.m.Position)
            .ToListAsync(cancellationToken);
        var titles = await db.Set<MicroCredentialVersion>().AsNoTracking()
            .GroupBy(v => v.MicroCredentialId).Select(g => new { Id = g.Key, Title = g.OrderByDescending(v => v.Number).Select(v => v.Title).First() })
            .ToDictionaryAsync(x => x.Id, x => x.Title, cancellationToken);
        var pathways = await db.Set<Pathway>().AsNoTracking().OrderBy(p => p.Title).ToListAsync(cancellationToken);
        Pathways = pathways.Where(p => Editing.MayEdit(scope, p.OwnerOrganizationId)).Select(p => (p.Slug, p.Title)).ToList();
        Items = rows.Where(x => Editing.MayEdit(scope, x.m.OwnerOrganizationId))
            .Select(x => new Item(x.m.Slug, titles.GetValueOrDefault(x.m.Id, x.m.Slug), x.p.Title, x.m.PublishedVersion, x.m.Status.ToString()))
            .ToList();
    }
}
