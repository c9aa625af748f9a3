using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace PLBadges.Identity.Sessions;

/// <summary>
/// The sign-in cookie's events: each new cookie opens a server-side session and names it; each
/// request checks the person's security stamp (as Identity does) and that the session is still open;
/// signing out ends the session, so a copy of the cookie stops working.
/// </summary>
internal sealed class SessionCookieEvents(PersonSessions sessions) : CookieAuthenticationEvents
{
    public const string SessionClaim = "plb_sid";

    public override async Task SigningIn(CookieSigningInContext context)
    {
        var identity = context.Principal?.Identity as ClaimsIdentity;
        if (identity == null || identity.HasClaim(c => c.Type == SessionClaim) || PersonOf(context.Principal!) is not { } person)
        {
            return;
        }

        // A refreshed cookie (a new password, say) stays the same session; anything else is a new one.
        var current = context.HttpContext.User;
        var session = PersonOf(current) == person && SessionOf(current) is { } open && await sessions.IsOpenAsync(open, person, context.HttpContext.RequestAborted)
            ? open
            : await sessions.StartAsync(person, context.HttpContext.RequestAborted);
        identity.AddClaim(new Claim(SessionClaim, session.ToString()));
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal == null)
        {
            return;
        }

        if (PersonOf(context.Principal) is not { } person || SessionOf(context.Principal) is not { } session
            || !await sessions.IsOpenAsync(session, person, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    public override async Task SigningOut(CookieSigningOutContext context)
    {
        if (SessionOf(context.HttpContext.User) is { } session)
        {
            await sessions.EndAsync(session, context.HttpContext.RequestAborted);
        }
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) => ApiAware(context, StatusCodes.Status401Unauthorized);

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) => ApiAware(context, StatusCodes.Status403Forbidden);

    public static Guid? SessionOf(ClaimsPrincipal? user) => Guid.TryParse(user?.FindFirstValue(SessionClaim), out var id) ? id : null;

    private static Guid? PersonOf(ClaimsPrincipal? user) => Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        // Scripts (autosave, uploads) ask for JSON: they need the status to keep the text and ask the person to sign in again.
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
