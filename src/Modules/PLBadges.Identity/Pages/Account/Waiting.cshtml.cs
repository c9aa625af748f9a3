using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.Providers;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Pages.Account;

/// <summary>/account/waiting: someone the district let in through its provider, waiting for a district admin's confirmation (no one else: 404).</summary>
[Authorize]
public sealed class WaitingModel(IAccessControl access, ExternalSignIn external, PLBadgesDbContext db, IOrganizationDirectory organizations) : PageModel
{
    public IReadOnlyList<string> Districts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (access.PersonId is not { } personId || !await external.WaitingAsync(personId, cancellationToken))
        {
            return NotFound();
        }

        var ids = await db.Set<PendingPerson>().AsNoTracking().Where(p => p.PersonId == personId && p.ConfirmedAt == null).Select(p => p.DistrictId).ToListAsync(cancellationToken);
        Districts = (await organizations.ListAsync(ids, cancellationToken)).Select(o => o.Name).ToList();
        return Page();
    }
}
