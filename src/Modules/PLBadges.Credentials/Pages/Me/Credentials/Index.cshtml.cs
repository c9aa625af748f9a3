using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Security;
using PLBadges.Credentials.Issuing;
using PLBadges.Credentials.Pages.Credentials;
using PLBadges.Credentials.Signing;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Credentials.Pages.Me.Credentials;

/// <summary>The signed-in person's credentials, with their downloads and sharing, and their sharing choices.</summary>
[Authorize]
public sealed class IndexModel(PLBadgesDbContext db, IAccessControl access, IOrganizationDirectory organizations, IPeopleDirectory people, SiteOrigin origin, TimeProvider clock) : PageModel
{
    public IReadOnlyList<CredentialView> Credentials { get; private set; } = [];

    public bool IncludeEmail { get; private set; }

    public bool PublicProfile { get; private set; }

    public string? ProfileUrl { get; private set; }

    public DateTime Now { get; private set; }

    [TempData]
    public string? Status { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = access.PersonId!.Value;
        Now = clock.GetUtcNow().UtcDateTime;
        var issued = await db.Set<IssuedCredential>().AsNoTracking().Where(c => c.RecipientId == me).OrderByDescending(c => c.ValidFrom).ToListAsync(cancellationToken);
        Credentials = await CredentialView.OfAsync(issued, organizations, people, origin, cancellationToken);
        var sharing = await db.Set<CredentialSharing>().AsNoTracking().FirstOrDefaultAsync(s => s.PersonId == me, cancellationToken);
        IncludeEmail = sharing?.IncludeEmail == true;
        PublicProfile = sharing?.PublicProfile == true;
        ProfileUrl = sharing is { PublicProfile: true } ? $"{origin.Value}/profiles/{sharing.ProfileId}" : null;
    }

    public async Task<IActionResult> OnPostSharingAsync(bool includeEmail, bool publicProfile, CancellationToken cancellationToken)
    {
        var me = access.PersonId!.Value;
        var sharing = await db.Set<CredentialSharing>().FirstOrDefaultAsync(s => s.PersonId == me, cancellationToken);
        if (sharing == null)
        {
            sharing = new CredentialSharing { PersonId = me, ProfileId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12)) };
            db.Add(sharing);
        }

        sharing.IncludeEmail = includeEmail;
        sharing.PublicProfile = publicProfile;
        await db.SaveChangesAsync(cancellationToken);
        Status = "Your sharing choices are saved.";
        return RedirectToPage();
    }

    /// <summary>LinkedIn's "add to profile" link for a certification.</summary>
    public static string LinkedIn(CredentialView credential) =>
        "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME"
        + $"&name={Uri.EscapeDataString(credential.Name)}&organizationName={Uri.EscapeDataString(credential.IssuerName)}"
        + $"&issueYear={credential.ValidFrom.Year}&issueMonth={credential.ValidFrom.Month}"
        + $"&certUrl={Uri.EscapeDataString(credential.Url)}&certId={Uri.EscapeDataString(credential.Id)}";
}
