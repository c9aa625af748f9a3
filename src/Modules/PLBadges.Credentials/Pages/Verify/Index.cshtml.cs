using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Hosting;
using PLBadges.Credentials.Api;
using PLBadges.Credentials.Verifying;
using PLBadges.Data;

namespace PLBadges.Credentials.Pages.Verify;

/// <summary>Anyone checks a credential: a badge image or credential file, pasted text, or one of this site's credential addresses.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken] // nothing here changes state, and a verifier may arrive from anywhere
public sealed class IndexModel(CredentialVerifier verifier, PLBadgesDbContext db, SiteOrigin origin, IOptions<CredentialOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Credential { get; set; }

    public VerificationResult? Result { get; private set; }

    public int MaxMegabytes => options.Value.MaxVerifyBytes / 1024 / 1024;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // A link from a credential's page: /verify?credential=<its address>.
        var prefix = $"{origin.Value}/credentials/";
        if (Credential is { } address && address.StartsWith(prefix, StringComparison.Ordinal)
            && await CredentialEndpoints.FindAsync(db, address[prefix.Length..], cancellationToken) is { } issued)
        {
            Result = await verifier.VerifyAsync(Encoding.ASCII.GetBytes(issued.Jwt), CredentialForm.Jwt, cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        byte[] bytes;
        string? type;
        if (file is { Length: > 0 })
        {
            await using var stream = file.OpenReadStream();
            bytes = await CredentialEndpoints.ReadAtMostAsync(stream, options.Value.MaxVerifyBytes + 1, cancellationToken);
            type = file.ContentType;
        }
        else
        {
            bytes = Encoding.UTF8.GetBytes(Credential?.Trim() ?? "");
            type = null;
        }

        Result = await verifier.VerifyAsync(bytes, CredentialVerifier.FormOf(type, bytes), cancellationToken);
        return Page();
    }
}
