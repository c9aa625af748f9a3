using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using PLBadges.Abstractions.Security;
using PLBadges.Identity.Contracts;
using PLBadges.Identity.Roster;

namespace PLBadges.Identity.Api;

public sealed record RosterProblemResponse(string File, int Line, string Reason);

public sealed record RosterRowResponse(string File, int Line, string Key, string Name, string Email, string Change, string Detail);

/// <summary>A roster preview (or, with confirm=true, what was imported): counts, the problems that refuse the package, and every row that changes something.</summary>
public sealed record RosterPreviewResponse(
    bool Imported,
    bool CanImport,
    string Format,
    int Added,
    int Changed,
    int InvitationsSent,
    int Deactivated,
    int Unchanged,
    int Refused,
    int SchoolsAdded,
    int SkippedNonStaff,
    IReadOnlyList<RosterProblemResponse> Errors,
    IReadOnlyList<RosterProblemResponse> Warnings,
    IReadOnlyList<RosterRowResponse> Rows)
{
    internal static RosterPreviewResponse From(RosterPlan plan, bool imported) => new(
        imported,
        plan.CanImport,
        plan.Package.Format,
        plan.Count(RosterChange.Added),
        plan.Count(RosterChange.Changed),
        plan.Count(RosterChange.InvitationSent),
        plan.Count(RosterChange.Deactivated),
        plan.Count(RosterChange.Unchanged),
        plan.Count(RosterChange.Refused),
        plan.SchoolsAdded,
        plan.Package.SkippedNonStaff,
        plan.Errors.Select(p => new RosterProblemResponse(p.File, p.Line, p.Reason)).ToList(),
        plan.Warnings.Select(p => new RosterProblemResponse(p.File, p.Line, p.Reason)).ToList(),
        plan.Rows.Where(r => r.Change != RosterChange.Unchanged).Select(r => new RosterRowResponse(r.File, r.Line, r.Key, r.Name, r.Email, r.Change.ToString(), r.Detail)).ToList());
}

internal static class RosterApi
{
    public static void MapRosterApi(this IEndpointRouteBuilder endpoints)
    {
        var districts = endpoints.MapGroup("/api/v1/districts").WithTags("Rosters").RequireScope(ApiScopes.RosterWrite);
        districts.MapPost("/{id:guid}/roster", ImportAsync).WithName("ImportRoster")
            .Accepts<byte[]>("application/zip", "text/csv")
            .WithMetadata(new RequestSizeLimitAttribute(RosterImport.MaxUploadBytes))
            .WithSummary("Previews a OneRoster 1.1 or 1.2 CSV package (a zip) or a simple CSV roster for the district; with confirm=true, imports it. For the district's own machine client, with the scope roster:write.");
    }

    private static async Task<Results<Ok<RosterPreviewResponse>, UnprocessableEntity<RosterPreviewResponse>, ForbidHttpResult>> ImportAsync(
        Guid id, bool? confirm, HttpRequest request, ClaimsPrincipal user, IMachineCallers callers, RosterImport import, CancellationToken cancellationToken)
    {
        // A district's roster system only: people import through the page, which previews first.
        if (callers.Of(user) is not { } caller || caller.OrganizationId != id)
        {
            return TypedResults.Forbid();
        }

        var package = await import.ReadAsync(request.Body, cancellationToken);
        var plan = await import.PreviewAsync(id, package, cancellationToken);
        if (!plan.CanImport)
        {
            return TypedResults.UnprocessableEntity(RosterPreviewResponse.From(plan, imported: false));
        }

        if (confirm != true)
        {
            return TypedResults.Ok(RosterPreviewResponse.From(plan, imported: false));
        }

        plan = await import.ImportAsync(id, package, invite: false, actorId: null, $"the roster API (client {caller.ClientId})", cancellationToken);
        return TypedResults.Ok(RosterPreviewResponse.From(plan, imported: true));
    }
}
