using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using PLBadges.Abstractions.Security;
using PLBadges.Identity.People;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PLBadges.Identity.Pages.Connect;

/// <summary>
/// The OpenID Connect authorization endpoint (OpenIddict has already checked the client, redirect
/// URI, PKCE and scopes). A signed-in person is sent back to the app at once when the app is
/// first-party or when they allowed it these scopes before; otherwise they are asked, and their
/// answer is remembered (a permanent authorization, which they can take back on /me).
/// </summary>
public sealed class AuthorizeModel(
    UserManager<Person> users,
    IOpenIddictApplicationManager applications,
    IOpenIddictAuthorizationManager authorizations) : PageModel
{
    public string AppName { get; private set; } = "";

    public IReadOnlyList<ApiScope> Requested { get; private set; } = [];

    /// <summary>The authorization request's parameters, posted back with the answer.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var request = HttpContext.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        if (await LoadAsync(request, cancellationToken) is not { } found)
        {
            return Refuse(Errors.AccessDenied, "This account cannot sign in to applications.");
        }

        var (person, application, existing) = found;
        var firstParty = await applications.HasConsentTypeAsync(application, ConsentTypes.Implicit, cancellationToken);
        if (firstParty || (existing != null && !request.HasPromptValue(PromptValues.Consent)))
        {
            return await IssueAsync(request, person, application, existing, cancellationToken);
        }

        if (request.HasPromptValue(PromptValues.None))
        {
            return Refuse(Errors.ConsentRequired, "The person has not allowed this app yet.");
        }

        AppName = await applications.GetLocalizedDisplayNameAsync(application, cancellationToken) ?? request.ClientId!;
        Requested = request.GetScopes().Select(s => ApiScopes.Find(s) ?? new ApiScope(s, s)).ToList();
        Parameters = Request.Query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))).ToList();
        return Page();
    }

    /// <summary>The consent form's answer, posted back with the request's parameters (OpenIddict validates them again).</summary>
    public async Task<IActionResult> OnPostAsync(string? decision, CancellationToken cancellationToken)
    {
        var request = HttpContext.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        if (await LoadAsync(request, cancellationToken) is not { } found)
        {
            return Refuse(Errors.AccessDenied, "This account cannot sign in to applications.");
        }

        if (decision != "allow")
        {
            return Refuse(Errors.AccessDenied, "The person did not allow the app.");
        }

        return await IssueAsync(request, found.Person, found.Application, found.Existing, cancellationToken);
    }

    private async Task<(Person Person, object Application, object? Existing)?> LoadAsync(OpenIddictRequest request, CancellationToken cancellationToken)
    {
        var person = await users.GetUserAsync(User);
        if (person is not { IsActive: true })
        {
            return null;
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken) ?? throw new InvalidOperationException("The client is unknown.");
        object? existing = null;
        await foreach (var authorization in authorizations.FindAsync(person.Id.ToString(), await applications.GetIdAsync(application, cancellationToken),
            Statuses.Valid, AuthorizationTypes.Permanent, request.GetScopes(), cancellationToken))
        {
            existing = authorization;
        }

        return (person, application, existing);
    }

    private async Task<IActionResult> IssueAsync(OpenIddictRequest request, Person person, object application, object? existing, CancellationToken cancellationToken)
    {
        var subject = person.Id.ToString();
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject)
            .SetClaim(Claims.Email, person.Email)
            .SetClaim(Claims.Name, person.DisplayName);
        identity.SetScopes(request.GetScopes());
        var authorization = existing ?? await authorizations.CreateAsync(identity, subject, (await applications.GetIdAsync(application, cancellationToken))!,
            AuthorizationTypes.Permanent, identity.GetScopes(), cancellationToken);
        identity.SetAuthorizationId(await authorizations.GetIdAsync(authorization, cancellationToken));
        identity.SetDestinations(DestinationsOf);
        return SignIn(new ClaimsPrincipal(identity), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private ForbidResult Refuse(string error, string description) =>
        Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static IEnumerable<string> DestinationsOf(Claim claim) => claim.Type switch
    {
        Claims.Name when claim.Subject!.HasScope(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.Email when claim.Subject!.HasScope(Scopes.Email) => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.Subject => [Destinations.AccessToken, Destinations.IdentityToken],
        _ => [Destinations.AccessToken],
    };
}
