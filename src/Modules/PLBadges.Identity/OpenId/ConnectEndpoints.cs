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
/// The OpenID Connect token endpoint. OpenIddict validates each request (client, secret, code,
/// PKCE, scopes, and that a refresh token and its authorization are not revoked); this handler
/// decides who the token is for.
/// </summary>
internal static class ConnectEndpoints
{
    public static void MapConnect(this IEndpointRouteBuilder endpoints)
    {
        // The authorization endpoint is a page (Pages/Connect/Authorize): it may ask the person for consent.
        endpoints.MapPost("/connect/token", TokenAsync).AllowAnonymous().ExcludeFromDescription().RequireRateLimiting(RateLimitPolicies.Token);
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
}
