using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PLBadges.Pathways.Badges;
using PLBadges.Pathways.Catalog;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Pathways.Api;

public sealed record PathwaySummary(string Slug, string Title, string Summary, string FocusArea, decimal EstimatedHours, string BadgeImage, CapstoneSummary Capstone, IReadOnlyList<MicroCredentialSummary> MicroCredentials);

public sealed record CapstoneSummary(string Title, string Description);

public sealed record MicroCredentialSummary(string Slug, string Title, string Competency, decimal EstimatedHours, int Version, string Url);

public sealed record MicroCredentialDetail(string Slug, int Version, string PathwaySlug, string PathwayTitle, string BadgeImage, MicroCredentialContent Content);

internal static class CatalogApi
{
    public static void MapCatalogApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Catalog").AllowAnonymous();
        api.MapGet("/pathways", PathwaysAsync).WithName("ListPathways")
            .WithSummary("The published pathways the caller may see (a district's offer, or the shared catalog), with their micro-credentials in order.");
        api.MapGet("/micro-credentials/{slug}", MicroCredentialAsync).WithName("GetMicroCredential")
            .WithSummary("One micro-credential's published version: competency, method, what to submit, and the rubric.");

        endpoints.MapGet("/pathways/{slug}/badge.svg", PathwayBadgeAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/micro-credentials/{slug}/badge.svg", MicroCredentialBadgeAsync).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<Ok<List<PathwaySummary>>> PathwaysAsync(CatalogQueries catalog, CancellationToken cancellationToken)
    {
        var pathways = await catalog.VisiblePathwaysAsync(cancellationToken);
        return TypedResults.Ok(pathways.Select(p => new PathwaySummary(
            p.Pathway.Slug, p.Pathway.Title, p.Pathway.Summary, p.Pathway.FocusArea, p.EstimatedHours, $"/pathways/{p.Pathway.Slug}/badge.svg",
            new CapstoneSummary(p.Pathway.CapstoneTitle, p.Pathway.CapstoneDescription),
            p.MicroCredentials.Select(m => new MicroCredentialSummary(m.MicroCredential.Slug, m.Content.Title, m.Content.Competency, m.Content.EstimatedHours, m.Version.Number, $"/micro-credentials/{m.MicroCredential.Slug}")).ToList())).ToList());
    }

    private static async Task<Results<Ok<MicroCredentialDetail>, NotFound>> MicroCredentialAsync(string slug, CatalogQueries catalog, CancellationToken cancellationToken)
    {
        var found = await catalog.MicroCredentialAsync(slug, cancellationToken);
        if (found is not { } pair)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(new MicroCredentialDetail(slug, pair.MicroCredential.Version.Number, pair.Pathway.Pathway.Slug, pair.Pathway.Pathway.Title,
            $"/micro-credentials/{slug}/badge.svg", pair.MicroCredential.Content));
    }

    private static async Task<IResult> PathwayBadgeAsync(string slug, CatalogQueries catalog, CancellationToken cancellationToken)
    {
        var pathway = await catalog.PathwayAsync(slug, cancellationToken);
        return pathway == null
            ? Results.NotFound()
            : Svg(BadgeImage.Svg(pathway.Pathway.CapstoneTitle.Length > 0 ? pathway.Pathway.CapstoneTitle : pathway.Pathway.Title, "Pathway capstone", pathway.Pathway.Color, pathway.Pathway.Icon));
    }

    private static async Task<IResult> MicroCredentialBadgeAsync(string slug, CatalogQueries catalog, CancellationToken cancellationToken)
    {
        var found = await catalog.MicroCredentialAsync(slug, cancellationToken);
        return found is not { } pair
            ? Results.NotFound()
            : Svg(BadgeImage.Svg(pair.MicroCredential.Content.Title, "Micro-credential", pair.Pathway.Pathway.Color, pair.Pathway.Pathway.Icon));
    }

    private static IResult Svg(string svg) => Results.Text(svg, "image/svg+xml; charset=utf-8");
}
