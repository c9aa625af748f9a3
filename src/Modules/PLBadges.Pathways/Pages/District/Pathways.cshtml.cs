using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Catalog;

namespace PLBadges.Pathways.Pages.District;

[RequirePermission(PathwayPermissions.Names.Offer)]
public sealed class PathwaysModel(IDistrictContext districts, PLBadgesDbContext db, TimeProvider clock) : PageModel
{
    public DistrictChoice Choice { get; private set; } = null!;

    internal IReadOnlyList<Pathway> Pathways { get; private set; } = [];

    public IReadOnlySet<Guid> Offered { get; private set; } = new HashSet<Guid>();

    public async Task<IActionResult> OnGetAsync(Guid? district, CancellationToken cancellationToken) =>
        await LoadAsync(district, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid? district, Guid[] offered, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(district, cancellationToken) || (district != null && district != Choice.Current!.Id))
        {
            return NotFound();
        }

        var districtId = Choice.Current!.Id;
        // Only pathways this district may offer count: the shared ones and its own.
        var wanted = offered.Where(id => Pathways.Any(p => p.Id == id)).ToHashSet();
        var rows = await db.Set<PathwayOffer>().Where(o => o.DistrictId == districtId).ToListAsync(cancellationToken);
        db.RemoveRange(rows.Where(o => !wanted.Contains(o.PathwayId)));
        foreach (var id in wanted.Where(id => rows.All(o => o.PathwayId != id)))
        {
            db.Add(new PathwayOffer { DistrictId = districtId, PathwayId = id, OfferedAt = clock.GetUtcNow().UtcDateTime });
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = $"{Choice.Current.Name} offers {wanted.Count} pathway(s).";
        return Redirect($"/district/pathways?district={districtId}");
    }

    private async Task<bool> LoadAsync(Guid? district, CancellationToken cancellationToken)
    {
        Choice = await districts.ResolveAsync(PathwayPermissions.Offer, district, cancellationToken);
        if (Choice.Current == null)
        {
            return false;
        }

        var districtId = Choice.Current.Id;
        Pathways = await db.Set<Pathway>().AsNoTracking()
            .Where(p => p.Status == ContentStatus.Published && (p.OwnerOrganizationId == null || p.OwnerOrganizationId == districtId))
            .OrderBy(p => p.Title).ToListAsync(cancellationToken);
        Offered = (await db.Set<PathwayOffer>().Where(o => o.DistrictId == districtId).Select(o => o.PathwayId).ToListAsync(cancellationToken)).ToHashSet();
        return true;
    }
}
