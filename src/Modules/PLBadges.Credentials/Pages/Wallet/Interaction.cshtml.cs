using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Credentials.Wallet;

namespace PLBadges.Credentials.Pages.Wallet;

/// <summary>
/// A one-time interaction URL (VC-API's <c>…?iuv=1</c>): a wallet asking for JSON learns which protocol to use
/// (<c>{"protocols": {"vcapi": …}}</c>); a person who opened it in a browser is told how to use it.
/// </summary>
[AllowAnonymous]
public sealed class InteractionModel(WalletHandoff handoff) : PageModel
{
    public bool Known { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var answer = await handoff.InteractionAsync(id, cancellationToken);
        var wantsJson = Request.Headers.Accept.Any(a => a != null && a.Contains("json", StringComparison.OrdinalIgnoreCase));
        if (wantsJson)
        {
            return answer.Body is { } body
                ? Content(body.ToJsonString(), "application/json")
                : new ObjectResult(new ProblemDetails { Status = answer.Status, Title = answer.Title, Detail = answer.Detail }) { StatusCode = answer.Status, ContentTypes = { "application/problem+json" } };
        }

        Known = answer.Status != StatusCodes.Status404NotFound;
        Response.StatusCode = Known ? StatusCodes.Status200OK : StatusCodes.Status404NotFound;
        return Page();
    }
}
