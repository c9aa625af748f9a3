using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Recognition.Licensure;

/// <summary>
/// The licensure API: a state's licensure system signs in with client credentials and the scope
/// <c>recognition:read</c>, and reads its own state's decisions only. Every call that reaches an
/// endpoint is written to the audit log; calls are rate-limited per token.
/// </summary>
internal static class LicensureApi
{
    private sealed record Caller(string ClientId, Guid StateId);

    public static void MapLicensureApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Licensure").RequireScope(ApiScopes.RecognitionRead).RequireRateLimiting(RateLimitPolicies.Api).AddEndpointFilter(AuditAsync);
        api.MapGet("/recognitions", FeedAsync).WithName("ListRecognitions")
            .WithSummary("The state's decisions on recognition applications, oldest first, 500 at most per page (limit). Pass since=next from the last page to read on; decisions made meanwhile come after, none skipped or repeated.")
            .Produces<RecognitionFeedPage>().ProducesProblem(StatusCodes.Status400BadRequest).Produces(StatusCodes.Status401Unauthorized).Produces(StatusCodes.Status403Forbidden);
        api.MapGet("/educators/{educatorNumber}/recognitions", EducatorAsync).WithName("ListEducatorRecognitions")
            .WithSummary("Every decision about one educator of the state, by their educator (license) number.")
            .Produces<List<RecognitionResponse>>().Produces(StatusCodes.Status401Unauthorized).Produces(StatusCodes.Status403Forbidden);
        api.MapGet("/webhooks/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries")
            .WithSummary("The state's latest webhook deliveries (recognition.approved), newest first, with their attempts and outcome.")
            .Produces<List<WebhookDeliveryResponse>>().Produces(StatusCodes.Status401Unauthorized).Produces(StatusCodes.Status403Forbidden);
    }

    /// <summary>The calling state's client, or why not: a person, another scope, or a client that is not a state's.</summary>
    private static async Task<Caller?> CallerAsync(HttpContext context)
    {
        var machine = context.RequestServices.GetRequiredService<IMachineCallers>().Of(context.User);
        if (machine is not { OrganizationId: { } organization } || !machine.Scopes.Contains(ApiScopes.RecognitionRead))
        {
            return null;
        }

        var state = await context.RequestServices.GetRequiredService<IOrganizationDirectory>().GetAsync(organization, context.RequestAborted);
        return state is { Kind: OrganizationKind.State } ? new Caller(machine.ClientId, state.Id) : null;
    }

    private static async Task<IResult> FeedAsync(HttpContext context, RecognitionFeed feed, string? since, int? limit, CancellationToken cancellationToken)
    {
        if (await CallerAsync(context) is not { } caller)
        {
            return Forbidden();
        }

        if (RecognitionFeed.ParseCursor(since) is not { } after)
        {
            return Results.Problem("The cursor is not one this feed gave: pass the \"next\" of the last page, or nothing to start from the beginning.", statusCode: StatusCodes.Status400BadRequest);
        }

        var (json, count) = await feed.PageAsync(caller.StateId, after, Math.Clamp(limit ?? RecognitionFeed.MaxPage, 1, RecognitionFeed.MaxPage), cancellationToken);
        context.Items[ReturnedKey] = count;
        return Results.Text(json, "application/json");
    }

    private static async Task<IResult> EducatorAsync(HttpContext context, RecognitionFeed feed, string educatorNumber, CancellationToken cancellationToken)
    {
        if (await CallerAsync(context) is not { } caller)
        {
            return Forbidden();
        }

        var (json, count) = await feed.OfEducatorAsync(caller.StateId, educatorNumber.Trim(), cancellationToken);
        context.Items[ReturnedKey] = count;
        return Results.Text(json, "application/json");
    }

    private static async Task<IResult> DeliveriesAsync(HttpContext context, WebhookService webhooks, CancellationToken cancellationToken)
    {
        if (await CallerAsync(context) is not { } caller)
        {
            return Forbidden();
        }

        var list = await webhooks.DeliveriesAsync(caller.StateId, 200, cancellationToken);
        context.Items[ReturnedKey] = list.Count;
        return Results.Json(list, RecognitionFeed.Json);
    }

    private static IResult Forbidden() =>
        Results.Problem("This API answers a state's licensure client with the recognition:read scope.", statusCode: StatusCodes.Status403Forbidden);

    private const string ReturnedKey = "licensure.returned";

    /// <summary>Writes the call to the audit log once it is answered (the status its result carries).</summary>
    private static async ValueTask<object?> AuditAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var result = await next(invocation);
        var context = invocation.HttpContext;
        var machine = context.RequestServices.GetRequiredService<IMachineCallers>().Of(context.User);
        var db = context.RequestServices.GetRequiredService<PLBadgesDbContext>();
        db.Add(new LicensureCall
        {
            ClientId = machine?.ClientId ?? context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.User.FindFirstValue("sub") ?? "person",
            StateId = machine?.OrganizationId,
            Method = context.Request.Method,
            Path = (context.Request.Path + context.Request.QueryString).ToString() is var path && path.Length > 500 ? path[..500] : context.Request.Path + context.Request.QueryString,
            Status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK,
            Returned = context.Items.TryGetValue(ReturnedKey, out var n) && n is int count ? count : 0,
            At = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(CancellationToken.None);
        return result;
    }
}
