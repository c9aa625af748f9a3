using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Recognition.StateCredit;

namespace PLBadges.Recognition.Pages.Transcripts;

/// <summary>
/// /c/{code}: the short link printed on a state certificate. A credential's link leads to the credential's public page;
/// a batch's or an activity's shows whether the district's sign-off stands, with no more of the educator than their
/// first name and an initial.
/// </summary>
[AllowAnonymous]
public sealed class CheckModel(Certificates certificates) : PageModel
{
    public CertificateCheck? Check { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var (redirect, check) = await certificates.FollowAsync(code, cancellationToken);
        if (redirect != null && Uri.TryCreate(redirect, UriKind.Absolute, out var url) && url.Scheme is "https" or "http")
        {
            return Redirect(url.AbsoluteUri);
        }

        Check = check;
        return Check == null ? NotFound() : Page();
    }
}
