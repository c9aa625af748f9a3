using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Credentials.Pages.Credentials;

/// <summary>A credential's public page; with Accept: application/json, the credential itself.</summary>
[AllowAnonymous]
public sealed class ShowModel(PLBadgesDbContext db, IOrganizationDirectory organizations, IPeopleDirectory people, SiteOrigin origin, TimeProvider clock, IAccessControl access) : PageModel
{
    public CredentialView Credential { get; private set; } = null!;

    public DateTime Now { get; private set; }

    /// <summary>The signed-in person is the one it was awarded to: the page offers what only they may do (add it to a wallet).</summary>
    public bool ViewedByOwner { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (Request.Headers.Accept.Any(a => a != null && a.Contains("application/json", StringComparison.OrdinalIgnoreCase)) && !Request.Headers.Accept.Any(a => a != null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase)))
        {
            return await Api.CredentialEndpoints.FindAsync(db, id, cancellationToken) is { } issued
                ? Content(issued.Json, "application/json", Encoding.UTF8)
                : NotFound();
        }

        if (await CredentialView.FindAsync(db, id, organizations, people, origin, cancellationToken) is not { } credential)
        {
            return NotFound();
        }

        Credential = credential;
        Now = clock.GetUtcNow().UtcDateTime;
        ViewedByOwner = access.PersonId is { } me && me == credential.RecipientId;
        return Page();
    }
}
