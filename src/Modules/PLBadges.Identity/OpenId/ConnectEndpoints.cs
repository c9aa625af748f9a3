using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using PLBadges.Abstractions.Security;
using PLBadges.Identity.People;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PLBadges.Identity.OpenId;

/// <summary>
/// The OpenID Connect authorization and token endpoints. OpenIddict validates each request
/// (client, redirect URI, PKCE, scopes); these handlers decide who the token is for.
/// </summary>
internal static class ConnectEndpoints
{
    public static void MapConnect(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPost("/connect/token", TokenAsync).AllowAnonymous().ExcludeFromDescription().RequireRateLimiting(RateLimitPolicies.SignIn);
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, UserManager<Person> users)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!cookie.Succeeded)
        {
            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = context.Request.PathBase + context.Request.Path + context.Request.QueryString },
                [IdentityConstants.ApplicationScheme]);
        }

        var person = await users.GetUserAsync(cookie.Principal);
        if (person == null || !person.IsActive)
        {
            return Forbid(Errors.AccessDenied, "This account cannot sign in to applications.");
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, person.Id.ToString())
            .SetClaim(Claims.Email, person.Email)
            .SetClaim(Claims.Name, person.DisplayName);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(DestinationsOf);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext context, IOpenIddictApplicationManager applications, UserManager<Person> users)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!) ?? throw new InvalidOperationException("The client is unknown.");
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, request.ClientId)
                .SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application))
                .SetClaim(IdentityModule.ClientClaim, request.ClientId);
            var properties = await applications.GetPropertiesAsync(application);
            if (properties.TryGetValue(IdentityModule.OrganizationProperty, out var organization) && organization.ValueKind == JsonValueKind.String)
            {
                identity.SetClaim(IdentityModule.OrganizationClaim, organization.GetString());
            }

            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var person = result.Principal?.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
            if (person == null || !person.IsActive)
            {
                return Forbid(Errors.InvalidGrant, "The token is no longer valid.");
            }

            return Results.SignIn(result.Principal!, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Forbid(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    private static IResult Forbid(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static IEnumerable<string> DestinationsOf(Claim claim) => claim.Type switch
    {
        Claims.Name when claim.Subject!.HasScope(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.Email when claim.Subject!.HasScope(Scopes.Email) => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.Subject => [Destinations.AccessToken, Destinations.IdentityToken],
        _ => [Destinations.AccessToken],
    };
}
