using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Security;
using PLBadges.Credentials.Issuing;
using PLBadges.Credentials.Pages.Credentials;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Credentials.Pages.Me.Credentials;

/// <summary>Every credential the person has earned, with its hours and state, and the total of valid hours.</summary>
[Authorize]
public sealed class TranscriptModel(PLBadgesDbContext db, IAccessControl access, IOrganizationDirectory organizations, IPeopleDirectory people, SiteOrigin origin, TimeProvider clock) : PageModel
{
    public IReadOnlyList<CredentialView> Credentials { get; private set; } = [];

    public string Name { get; private set; } = "";

    public DateTime Now { get; private set; }

    public decimal ValidHours => Credentials.Where(c => c.State(Now) == "Valid" && c.Kind == CredentialKind.MicroCredential).Sum(c => c.Hours);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = access.PersonId!.Value;
        Now = clock.GetUtcNow().UtcDateTime;
        var issued = await db.Set<IssuedCredential>().AsNoTracking().Where(c => c.RecipientId == me).OrderBy(c => c.ValidFrom).ToListAsync(cancellationToken);
        Credentials = await CredentialView.OfAsync(issued, organizations, people, origin, cancellationToken);
        Name = (await people.GetAsync([me], cancellationToken)).FirstOrDefault()?.DisplayName ?? "";
    }
}
