using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Credentials.Issuing;
using PLBadges.Credentials.Wallet;
using PLBadges.Data;

namespace PLBadges.Credentials.Pages.Me.Credentials;

/// <summary>What the "Add to a digital wallet" panel shows once the owner has opened a hand-off: the QR code and the links beside it.</summary>
public sealed record WalletPanel(string CredentialName, string InteractionUrl, string QrCode, string RequestLink, string RequestLinkHttps, DateTime ExpiresAt);

/// <summary>
/// "Add to a digital wallet" for the owner of a credential: opens a one-time hand-off (an offer the wallet scans, and
/// a request link for a copy tied to the wallet), shows it, and lists how earlier ones went. Only the owner reaches it;
/// anyone else gets 404. The panel is a partial (_WalletPanel) so another credential view can show it.
/// </summary>
[Authorize]
public sealed class WalletModel(PLBadgesDbContext db, IAccessControl access, WalletHandoff handoff, TimeProvider clock) : PageModel, IRefusablePage
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public string CredentialName { get; private set; } = "";

    public bool Revoked { get; private set; }

    public WalletPanel? Panel { get; private set; }

    public IReadOnlyList<ExchangeView> History { get; private set; } = [];

    public DateTime Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? offer, string? request, CancellationToken cancellationToken)
    {
        if (!await ReloadAsync(cancellationToken))
        {
            return NotFound();
        }

        var me = access.PersonId!.Value;
        if (offer != null && request != null
            && await handoff.FindAsync(me, offer, cancellationToken) is { Kind: ExchangeKind.Offer, State: ExchangeState.Open } opened && opened.CredentialId == Id && opened.ExpiresAt > Now
            && await handoff.FindAsync(me, request, cancellationToken) is { Kind: ExchangeKind.Request } requested && requested.CredentialId == Id)
        {
            var issuer = await db.Set<IssuedCredential>().AsNoTracking().Where(c => c.Id == Id).Select(c => c.IssuerId).FirstAsync(cancellationToken);
            var url = handoff.InteractionUrl(opened.Id);
            Panel = new WalletPanel(CredentialName, url, QrCodes.DataUri(url), handoff.RequestLink(requested, issuer), handoff.RequestLink(requested, issuer, https: true), opened.ExpiresAt);
        }

        return Page();
    }

    /// <summary>Opens a new hand-off (an offer and a request link, each used once within 15 minutes) and shows it.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var opened = await handoff.OpenAsync(access.PersonId!.Value, Id, [ExchangeKind.Offer, ExchangeKind.Request], cancellationToken);
            // Written out: the site's routing lowercases URLs it generates, and ids are case-sensitive.
            return Redirect($"/me/credentials/{Uri.EscapeDataString(Id)}/wallet?offer={opened[0].Id}&request={opened[1].Id}");
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
    }

    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        var me = access.PersonId!.Value;
        var credential = Id.Length is > 0 and <= 32
            ? await db.Set<IssuedCredential>().AsNoTracking().Where(c => c.Id == Id && c.RecipientId == me).Select(c => new { c.Name, c.RevokedAt }).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (credential == null)
        {
            return false;
        }

        CredentialName = credential.Name;
        Revoked = credential.RevokedAt != null;
        Now = clock.GetUtcNow().UtcDateTime;
        History = await handoff.HistoryAsync(me, Id, cancellationToken);
        return true;
    }
}
