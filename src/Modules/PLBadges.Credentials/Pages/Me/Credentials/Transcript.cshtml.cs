using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Modules;
using PLBadges.Abstractions.Security;
using PLBadges.Credentials.Issuing;
using PLBadges.Credentials.Pages.Credentials;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Credentials.Pages.Me.Credentials;

/// <summary>
/// Every credential the person has earned, with its hours and state, and the total of valid hours. One transcript:
/// while Recognition is on, its transcript (credentials, coaching and academy hours together) is the person's
/// transcript, and this address leads there; this credentials-only view is the fallback when it is switched off.
/// </summary>
[Authorize]
public sealed class TranscriptModel(PLBadgesDbContext db, IAccessControl access, IOrganizationDirectory organizations, IPeopleDirectory people, SiteOrigin origin, IModuleState modules, TimeProvider clock) : PageModel
{
    public IReadOnlyList<CredentialView> Credentials { get; private set; } = [];

    public string Name { get; private set; } = "";

    public DateTime Now { get; private set; }

    public decimal ValidHours => Credentials.Where(c => c.State(Now) == "Valid" && c.Kind == CredentialKind.MicroCredential).Sum(c => c.Hours);

    /// <summary>The module whose transcript is the person's one transcript while it is on, and where it lives.</summary>
    public const string RecognitionModule = "Recognition";

    public const string RecognitionTranscript = "/me/transcript";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await modules.IsEnabledAsync(RecognitionModule, cancellationToken))
        {
            return Redirect(RecognitionTranscript);
        }

        var me = access.PersonId!.Value;
        Now = clock.GetUtcNow().UtcDateTime;
        var issued = await db.Set<IssuedCredential>().AsNoTracking().Where(c => c.RecipientId == me).OrderBy(c => c.ValidFrom).ToListAsync(cancellationToken);
        Credentials = await CredentialView.OfAsync(issued, organizations, people, origin, cancellationToken);
        Name = (await people.GetAsync([me], cancellationToken)).FirstOrDefault()?.DisplayName ?? "";
        return Page();
    }
}
