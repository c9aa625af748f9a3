using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PLBadges.Abstractions.Security;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Resources;

namespace PLBadges.Pathways.Api;

internal static class ResourcesApi
{
    public static void MapResourcesApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup("/api/v1").WithTags("Resource bank").AllowAnonymous()
            .MapGet("/resources", SearchAsync).WithName("SearchResources")
            .WithSummary("Searches the resource bank over title, summary and tags (typo-tolerant, ranked), with filters and facet counts.");

    private static async Task<Ok<ResourceResults>> SearchAsync(
        ResourceBank bank, IAccessControl access, IOrganizationDirectory organizations, CancellationToken cancellationToken,
        string? q = null, string? type = null, string? focus = null, string? grade = null, string? tag = null, int page = 1, int pageSize = 20)
    {
        var districts = await Viewer.DistrictsAsync(access, organizations, cancellationToken);
        return TypedResults.Ok(await bank.SearchAsync(new ResourceQuery(q, type, focus, grade, tag, page, pageSize), districts, cancellationToken));
    }
}
