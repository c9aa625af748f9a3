using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Client.AspNetCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.People;

namespace PLBadges.Identity.Providers;

/// <summary>
/// Signing in through a district's identity provider: <c>/signin/with/{registration}</c> sends the
/// person there; <c>/signin/callback/{registration}</c> (each registration's own redirect URI)
/// takes the answer, which OpenIddict's client has validated (signature, issuer, audience, nonce,
/// expiry, and a state that works once); <c>/signin/start/{registration}</c> takes a sign-in started
/// at the provider (ClassLink LaunchPad's "initiate login"), which goes through the same request and
/// the same checks.
/// </summary>
internal static class ProviderEndpoints
{
    public static void MapProviderSignIn(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/signin").AllowAnonymous().ExcludeFromDescription().RequireRateLimiting(RateLimitPolicies.SignIn);
        group.MapGet("/with/{registration}", ChallengeAsync);
        group.MapGet("/start/{registration}", StartedAtProviderAsync);
        group.MapMethods("/callback/{registration}", [HttpMethods.Get, HttpMethods.Post], CallbackAsync).DisableAntiforgery()
            .AddEndpointFilter((context, next) =>
            {
                // OpenIddict hands a refused answer (a bad or used state) on with 400 already set, and a
                // filtered endpoint does not run once the status is 400 or more: this endpoint words the refusal.
                context.HttpContext.Response.StatusCode = StatusCodes.Status200OK;
                return next(context);
            });
    }

    private static async Task<IResult> ChallengeAsync(string registration, string? returnUrl, string? email, PLBadgesDbContext db, ProviderRegistrations registrations, CancellationToken cancellationToken)
    {
        if (!await db.Set<SignInProvider>().AnyAsync(p => p.RegistrationId == registration && p.Enabled, cancellationToken))
        {
            return Results.NotFound();
        }

        await registrations.RefreshAsync(db, cancellationToken);
        var properties = new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictClientAspNetCoreConstants.Properties.RegistrationId] = registration,
        })
        {
            RedirectUri = Local(returnUrl),
        };
        if (!string.IsNullOrWhiteSpace(email) && email.Length <= 256)
        {
            properties.Items[OpenIddictClientAspNetCoreConstants.Properties.LoginHint] = email.Trim();
        }

        return Results.Challenge(properties, [OpenIddictClientAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>OpenID Connect's third-party initiated login: the provider names itself (iss) and may hint who and where.</summary>
    private static async Task<IResult> StartedAtProviderAsync(string registration, string? iss, string? login_hint, string? target_link_uri, PLBadgesDbContext db, ProviderRegistrations registrations, CancellationToken cancellationToken)
    {
        var provider = await db.Set<SignInProvider>().AsNoTracking().FirstOrDefaultAsync(p => p.RegistrationId == registration && p.Enabled, cancellationToken);
        if (provider == null || iss == null || !string.Equals(iss.TrimEnd('/'), provider.Issuer.TrimEnd('/'), StringComparison.Ordinal))
        {
            return Results.NotFound();
        }

        var target = Uri.TryCreate(target_link_uri, UriKind.Absolute, out var uri) ? uri.PathAndQuery : target_link_uri;
        return await ChallengeAsync(registration, target, login_hint, db, registrations, cancellationToken);
    }

    /// <summary>How far a provider's clock may run ahead of ours when its identity token's expiry is checked.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static async Task<IResult> CallbackAsync(string registration, HttpContext http, ExternalSignIn external, SignInManager<Person> signIn, PLBadgesDbContext db, ILoggerFactory loggers, TimeProvider clock, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("PLBadges.Identity.Providers");
        var result = await http.AuthenticateAsync(OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal == null)
        {
            logger.LogWarning("A sign-in through {Registration} failed: {Error} {Description}", registration,
                result.Properties?.GetString(OpenIddictClientAspNetCoreConstants.Properties.Error), result.Properties?.GetString(OpenIddictClientAspNetCoreConstants.Properties.ErrorDescription) ?? result.Failure?.Message);
            return Refused(ExternalRefusal.Failed);
        }

        // OpenIddict 7.9 let an identity token that had expired an hour before through (DistrictSignInTests,
        // against oidc-provider): its expiry is checked here too. The name is the one OpenIddict stores it under.
        if (result.Properties?.GetTokenValue("backchannel_id_token") is not { } idToken
            || new JsonWebToken(idToken).ValidTo.Add(ClockSkew) < clock.GetUtcNow().UtcDateTime)
        {
            logger.LogWarning("A sign-in through {Registration} was refused: the identity token is missing or expired", registration);
            return Refused(ExternalRefusal.Failed);
        }

        var identity = ExternalIdentity.From(result.Principal);
        if (identity.RegistrationId != registration)
        {
            return Refused(ExternalRefusal.Failed);
        }

        var (person, refusal) = await external.ResolveAsync(identity, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (person == null)
        {
            logger.LogInformation("A sign-in through {Registration} was refused: {Refusal}", registration, refusal);
            return Refused(refusal ?? ExternalRefusal.Failed);
        }

        await signIn.SignInAsync(person, isPersistent: false, authenticationMethod: registration);
        logger.LogInformation("Person {PersonId} signed in through {Registration}", person.Id, registration);
        return Results.Redirect(await external.WaitingAsync(person.Id, cancellationToken) ? WaitingPage : Local(result.Properties?.RedirectUri));
    }

    /// <summary>Where someone the district let in, but no admin has confirmed yet, lands.</summary>
    public const string WaitingPage = "/account/waiting";

    private static IResult Refused(ExternalRefusal refusal) => Results.Redirect($"/account/signin?problem={refusal.ToString().ToLowerInvariant()}");

    private static string Local(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
