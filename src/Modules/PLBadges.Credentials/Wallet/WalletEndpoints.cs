using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PLBadges.Abstractions.Security;
using PLBadges.Credentials.Api;

namespace PLBadges.Credentials.Wallet;

/// <summary>
/// The addresses a wallet talks to. A wallet has no account here: the exchange's id in the address is what it holds.
/// Errors are problem details; each call costs from the verification budget (it checks signatures of untrusted input).
/// The interaction URL itself is a page (<c>/wallet/interactions/{id}</c>): JSON for wallets, directions for people.
/// </summary>
internal static class WalletEndpoints
{
    public static void MapWalletEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/wallet/exchanges/{id}", async (string id, HttpContext context, WalletHandoff handoff, CancellationToken cancellationToken) =>
                Answer(await handoff.ExchangeAsync(id, await CredentialEndpoints.ReadAtMostAsync(context.Request.Body, WalletHandoff.MaxPresentationBytes + 1, cancellationToken), cancellationToken)))
            .AllowAnonymous().DisableAntiforgery().RequireRateLimiting(RateLimitPolicies.Verify).ExcludeFromDescription();
        endpoints.MapPost("/wallet/requests/{id}", async (string id, HttpContext context, WalletHandoff handoff, CancellationToken cancellationToken) =>
                Answer(await handoff.RequestAsync(id, await CredentialEndpoints.ReadAtMostAsync(context.Request.Body, WalletHandoff.MaxPresentationBytes + 1, cancellationToken), cancellationToken)))
            .AllowAnonymous().DisableAntiforgery().RequireRateLimiting(RateLimitPolicies.Verify).ExcludeFromDescription();
    }

    internal static IResult Answer(WalletAnswer answer) => answer.Body is { } body
        ? Results.Text(body.ToJsonString(), "application/json", System.Text.Encoding.UTF8)
        : Results.Problem(answer.Detail, statusCode: answer.Status, title: answer.Title);
}
