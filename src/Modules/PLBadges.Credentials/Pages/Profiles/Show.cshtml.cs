using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Hosting;
using PLBadges.Credentials.Issuing;
using PLBadges.Credentials.Pages.Credentials;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Credentials.Pages.Profiles;

/// <summary>A person's public profile of valid credentials, when they have switched it on; otherwise 404.</summary>
[AllowAnonymous]
public sealed class ShowModel(PLBadgesDbContext db, IOrganizationDirectory organizations, IPeopleDirectory people, SiteOrigin origin, TimeProvider clock) : PageModel
{
    public string Name { get; private set; } = "";

    public IReadOnlyList<CredentialView> Credentials { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var sharing = await db.Set<CredentialSharing>().AsNoTracking().FirstOrDefaultAsync(s => s.ProfileId == id && s.PublicProfile, cancellationToken);
        if (sharing == null)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var issued = await db.Set<IssuedCredential>().AsNoTracking()
            .Where(c => c.RecipientId == sharing.PersonId && c.RevokedAt == null && (c.ValidUntil == null || c.ValidUntil > now))
            .OrderByDescending(c => c.ValidFrom).ToListAsync(cancellationToken);
        Credentials = await CredentialView.OfAsync(issued, organizations, people, origin, cancellationToken);
        Name = (await people.GetAsync([sharing.PersonId], cancellationToken)).FirstOrDefault()?.DisplayName ?? "";
        return Page();
    }
}
