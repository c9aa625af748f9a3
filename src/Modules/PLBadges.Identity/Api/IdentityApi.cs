using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PLBadges.Abstractions.Security;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Api;

public sealed record MeResponse(Guid Id, string Name, string Email, IReadOnlyList<RoleResponse> Roles);

public sealed record RoleResponse(string Role, Guid? OrganizationId, string? OrganizationName);

public sealed record OrganizationResponse(Guid Id, string Kind, string Code, string Name, Guid? ParentId, DateOnly? DeviceRolloutDate);

internal static class IdentityApi
{
    public static void MapIdentityApi(this IEndpointRouteBuilder endpoints)
    {
        var me = endpoints.MapGroup("/api/v1/me").WithTags("People and organizations").RequireScope(ApiScopes.MeRead);
        me.MapGet("", MeAsync).WithName("GetMe").WithSummary("The signed-in person and their roles.");
        var organizations = endpoints.MapGroup("/api/v1/organizations").WithTags("People and organizations").RequireScope(ApiScopes.OrganizationsRead);
        organizations.MapGet("", OrganizationsAsync).WithName("ListOrganizations")
            .WithSummary("Organizations the caller reaches: for a person, those where they hold a role and everything below; for a machine client with organizations:read, its own organization's tree.");
    }

    private static async Task<Results<Ok<MeResponse>, NotFound>> MeAsync(IAccessControl access, IPeopleDirectory people, IOrganizationDirectory organizations, CancellationToken cancellationToken)
    {
        if (access.PersonId is not { } id || (await people.GetAsync([id], cancellationToken)).FirstOrDefault() is not { } person)
        {
            return TypedResults.NotFound();
        }

        var roles = await access.RolesAsync(cancellationToken);
        var names = (await organizations.ListAsync(roles.Where(r => r.OrganizationId != null).Select(r => r.OrganizationId!.Value), cancellationToken)).ToDictionary(o => o.Id, o => o.Name);
        return TypedResults.Ok(new MeResponse(person.Id, person.DisplayName, person.Email,
            roles.Select(r => new RoleResponse(r.Role.ToString(), r.OrganizationId, r.OrganizationId is { } o ? names.GetValueOrDefault(o) : null)).ToList()));
    }

    private static async Task<Results<Ok<List<OrganizationResponse>>, ForbidHttpResult>> OrganizationsAsync(ClaimsPrincipal user, IAccessControl access, IOrganizationDirectory organizations, CancellationToken cancellationToken)
    {
        IReadOnlySet<Guid> reach;
        if (user.FindFirst(IdentityModule.ClientClaim) != null)
        {
            if (!Guid.TryParse(user.FindFirst(IdentityModule.OrganizationClaim)?.Value, out var root))
            {
                return TypedResults.Forbid();
            }

            reach = await organizations.WithDescendantsAsync([root], cancellationToken);
        }
        else
        {
            var roles = await access.RolesAsync(cancellationToken);
            reach = await organizations.WithDescendantsAsync(roles.Where(r => r.OrganizationId != null).Select(r => r.OrganizationId!.Value), cancellationToken);
        }

        var list = await organizations.ListAsync(reach, cancellationToken);
        return TypedResults.Ok(list.OrderBy(o => o.Kind).ThenBy(o => o.Name)
            .Select(o => new OrganizationResponse(o.Id, o.Kind.ToString(), o.Code, o.Name, o.ParentId, o.DeviceRolloutDate)).ToList());
    }
}
