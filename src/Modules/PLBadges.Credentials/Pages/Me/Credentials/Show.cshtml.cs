using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Security;
using PLBadges.Credentials.Pages.Credentials;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Credentials.Pages.Me.Credentials;

/// <summary>
/// The owner's view of one of her credentials: its state, and (unless revoked) everything to share it: LinkedIn,
/// email, a link to copy, a snippet for a web page, and the downloads. Only the person it was issued to reaches it;
/// anyone else gets 404, as for a credential that does not exist. The public page stays the same for everyone.
/// </summary>
[Authorize]
public sealed class ShowModel(PLBadgesDbContext db, IAccessControl access, IOrganizationDirectory organizations, IPeopleDirectory people, SiteOrigin origin, TimeProvider clock) : PageModel
{
    public CredentialView Credential { get; private set; } = null!;

    public DateTime Now { get; private set; }

    public string State => Credential.State(Now);

    public string PngUrl => $"{Credential.Url}.png";

    /// <summary>LinkedIn's "add to profile" form with the certification's fields filled.</summary>
    public string LinkedInUrl => IndexModel.LinkedIn(Credential);

    /// <summary>An email the owner sends from her own mail program: the badge's name and its public address.</summary>
    public string MailtoUrl =>
        $"mailto:?subject={Uri.EscapeDataString($"My badge: {Credential.Name}")}&body={Uri.EscapeDataString($"I earned the badge \"{Credential.Name}\" from {Credential.IssuerName}. Anyone can check it here: {Credential.Url}")}";

    /// <summary>HTML to paste into a web page: the badge image, linked to its public page.</summary>
    public string EmbedSnippet =>
        $"<a href=\"{System.Net.WebUtility.HtmlEncode(Credential.Url)}\"><img src=\"{System.Net.WebUtility.HtmlEncode(PngUrl)}\" alt=\"Badge: {System.Net.WebUtility.HtmlEncode(Credential.Name)}, from {System.Net.WebUtility.HtmlEncode(Credential.IssuerName)}\" width=\"160\" height=\"160\"></a>";

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await CredentialView.FindAsync(db, id, organizations, people, origin, cancellationToken) is not { } credential
            || access.PersonId is not { } me || credential.RecipientId != me)
        {
            return NotFound();
        }

        Credential = credential;
        Now = clock.GetUtcNow().UtcDateTime;
        return Page();
    }
}
