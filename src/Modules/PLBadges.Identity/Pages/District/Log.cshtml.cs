using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.People;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Pages.District;

/// <summary>The district's log of sign-ins, account links, invitations and roster imports, newest first.</summary>
[RequirePermission(IdentityPermissions.Names.ManagePeople)]
public sealed class LogModel(IDistrictContext districts, PLBadgesDbContext db) : PageModel
{
    public const int Shown = 500;

    public DistrictChoice Choice { get; private set; } = null!;

    public IReadOnlyList<Entry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? district, CancellationToken cancellationToken)
    {
        Choice = await districts.ResolveAsync(IdentityPermissions.ManagePeople, district, cancellationToken);
        if (Choice.Current == null || (district != null && district != Choice.Current.Id))
        {
            return NotFound();
        }

        var id = Choice.Current.Id;
        var rows = await db.Set<DistrictLogEntry>().AsNoTracking().Where(e => e.DistrictId == id)
            .OrderByDescending(e => e.At).Take(Shown).ToListAsync(cancellationToken);
        Entries = rows.Select(e => new Entry(e.At, e.Kind, e.Text)).ToList();
        return Page();
    }

    public sealed record Entry(DateTime At, string Kind, string Text);
}
