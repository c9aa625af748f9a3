using PLBadges.Abstractions.Security;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Organizations.Tree;

internal sealed class ReachedOrganizations(IAccessControl access, IOrganizationDirectory organizations) : IReachedOrganizations
{
    public async Task<IReadOnlyList<OrganizationInfo>> ReachedAsync(Permission permission, OrganizationKind kind, CancellationToken cancellationToken = default)
    {
        var scope = await access.ScopeAsync(permission, cancellationToken);
        if (scope.IsEmpty)
        {
            return [];
        }

        var reached = scope.All
            ? await organizations.WithDescendantsAsync((await access.RolesAsync(cancellationToken)).Select(r => r.OrganizationId).OfType<Guid>(), cancellationToken)
            : scope.OrganizationIds;
        return (await organizations.ListAsync(reached, cancellationToken)).Where(o => o.Kind == kind).OrderBy(o => o.Name).ToList();
    }
}
