using PLBadges.Abstractions.Security;

namespace PLBadges.Organizations.Contracts;

/// <summary>
/// The organizations the signed-in person reaches with a permission, as pages list them: their
/// scope's schools or districts; for a platform admin (whose scope is everywhere), those under the
/// organizations they hold roles in, so a page lists something sensible rather than every school.
/// </summary>
public interface IReachedOrganizations
{
    Task<IReadOnlyList<OrganizationInfo>> ReachedAsync(Permission permission, OrganizationKind kind, CancellationToken cancellationToken = default);
}
