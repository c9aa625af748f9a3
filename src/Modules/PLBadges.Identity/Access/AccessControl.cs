using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using PLBadges.Abstractions.Security;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PLBadges.Identity.Access;

/// <summary>
/// The signed-in person's roles, read from the database once per request (never from a stale cookie),
/// and what they reach: a role in an organization reaches everything below it.
/// </summary>
internal sealed class AccessControl(IHttpContextAccessor http, IPeopleDirectory people, IOrganizationDirectory organizations) : IAccessControl
{
    private IReadOnlyList<RoleAssignment>? roles;
    private readonly Dictionary<string, AccessScope> scopes = [];

    public Guid? PersonId
    {
        get
        {
            var user = http.HttpContext?.User;
            if (user?.Identity?.IsAuthenticated != true)
            {
                return null;
            }

            // Cookies carry NameIdentifier; bearer tokens carry "sub" (a client id for machine clients, which is not a person).
            var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue(Claims.Subject);
            return user.FindFirstValue(IdentityModule.ClientClaim) == null && Guid.TryParse(id, out var personId) ? personId : null;
        }
    }

    public async Task<IReadOnlyList<RoleAssignment>> RolesAsync(CancellationToken cancellationToken = default)
    {
        if (roles == null)
        {
            var person = PersonId;
            roles = person == null ? [] : await people.RolesOfAsync(person.Value, cancellationToken);
        }

        return roles;
    }

    public async Task<bool> HasAsync(Permission permission, Guid? organizationId = null, CancellationToken cancellationToken = default)
    {
        var scope = await ScopeAsync(permission, cancellationToken);
        return organizationId == null ? !scope.IsEmpty : scope.Contains(organizationId.Value);
    }

    public async Task<AccessScope> ScopeAsync(Permission permission, CancellationToken cancellationToken = default)
    {
        if (scopes.TryGetValue(permission.Name, out var cached))
        {
            return cached;
        }

        var held = await RolesAsync(cancellationToken);
        AccessScope scope;
        if (held.Any(r => r.Role == Role.PlatformAdmin))
        {
            scope = AccessScope.Everywhere;
        }
        else
        {
            var roots = held.Where(r => r.OrganizationId != null && permission.IsGrantedTo(r.Role)).Select(r => r.OrganizationId!.Value).ToList();
            scope = roots.Count == 0 ? AccessScope.Nowhere : new AccessScope(false, await organizations.WithDescendantsAsync(roots, cancellationToken));
        }

        scopes[permission.Name] = scope;
        return scope;
    }
}
