using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Security;
using PLBadges.Credentials.Api;
using PLBadges.Credentials.Verifying;
using PLBadges.Data;

namespace PLBadges.Credentials.Pages.Verify;

/// <summary>
/// Anyone checks a credential: a badge image or credential file, pasted text, or one of this site's
/// credential addresses. Anonymous and open to anything, so it is bounded as the API is: a budget
/// of verifications per client address a minute, and a form no larger than a credential may be.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken] // nothing here changes state, and a verifier may arrive from anywhere
[EnableRateLimiting(RateLimitPolicies.Verify)]
public sealed class IndexModel(CredentialVerifier verifier, PLBadgesDbContext db, SiteOrigin origin, IOptions<CredentialOptions> options) : PageModel
{
    /// <summary>The message when the form holds neither a file nor pasted text.</summary>
    public const string NothingToCheck = "Choose a badge image or credential file, or paste the credential.";

    public VerificationResult? Result { get; private set; }

    /// <summary>
    /// The sentence under the verdict: what the credential is, who issued it and when, each part only
    /// when the credential says it ("A credential with no name, from an issuer that could not be
    /// confirmed." rather than ", issued by .").
    /// </summary>
    public static string Summary(VerifiedCredential credential)
    {
        static string? Given(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        var what = Given(credential.Name) ?? Given(credential.Achievement) ?? "A credential with no name";
        var who = Given(credential.IssuerName) is { } issuer ? $"issued by {issuer}" : "from an issuer that could not be confirmed";
        var when = Given(credential.ValidFrom) is { } from && DateTimeOffset.TryParse(from, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var on)
            ? $" on {on.UtcDateTime:d MMMM yyyy}" : "";
        return $"{what}, {who}{when}.";
    }

    public string MaxSize => CredentialVerifier.Size(options.Value.MaxVerifyBytes);

    public async Task OnGetAsync(string? credential, CancellationToken cancellationToken)
    {
        // A link from a credential's page: /verify?credential=<its address>.
        var prefix = $"{origin.Value}/credentials/";
        if (credential is { } address && address.StartsWith(prefix, StringComparison.Ordinal)
            && await CredentialEndpoints.FindAsync(db, address[prefix.Length..], cancellationToken) is { } issued)
        {
            Result = await verifier.VerifyAsync(Encoding.ASCII.GetBytes(issued.Jwt), CredentialForm.Jwt, cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxVerifyBytes;

        // The form is read here, not bound, so that one over the limit gets the verifier's own answer.
        // It may hold a file or pasted text up to the limit, with room for the form around them.
        var formLimit = (2L * limit) + (64 * 1024);
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = formLimit;
        }

        byte[] bytes;
        string? type = null;
        try
        {
            var form = await Request.ReadFormAsync(new FormOptions
            {
                MultipartBodyLengthLimit = formLimit,
                ValueLengthLimit = 2 * limit,
                ValueCountLimit = 16,
                MultipartHeadersLengthLimit = 16 * 1024,
                BufferBodyLengthLimit = formLimit,
            }, cancellationToken);
            if (form.Files.GetFile("file") is { Length: > 0 } file)
            {
                await using var stream = file.OpenReadStream();
                bytes = await CredentialEndpoints.ReadAtMostAsync(stream, limit + 1, cancellationToken);
                type = file.ContentType;
            }
            else
            {
                bytes = Encoding.UTF8.GetBytes(form["credential"].ToString().Trim());
            }

            if (bytes.Length == 0)
            {
                // Nothing to judge: ask for it at the file field rather than saying "Not valid".
                ModelState.AddModelError("file", NothingToCheck);
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return Page();
            }
        }
        catch (Exception problem) when (UploadAntiforgeryAttribute.IsTooLarge(problem) || (problem is InvalidDataException && problem.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)))
        {
            Result = CredentialVerifier.TooLarge(limit);
            return Page();
        }
        catch (Exception problem) when (problem is IOException or InvalidDataException)
        {
            Result = new VerificationResult(false, [new("format", false, "The form could not be read: it was cut off or malformed. Try again.")], null);
            return Page();
        }

        Result = await verifier.VerifyAsync(bytes, CredentialVerifier.FormOf(type, bytes), cancellationToken);
        return Page();
    }
}
