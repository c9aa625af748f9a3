using PLBadges.Abstractions.Security;

namespace PLBadges.Organizations.Contracts;

/// <summary>The districts a person may work in for a permission, and the one this request is about.</summary>
public sealed record DistrictChoice(OrganizationInfo? Current, IReadOnlyList<OrganizationInfo> Available, AccessScope Scope);

/// <summary>
/// Resolves which district an administration page works on: the one asked for (when the person may),
/// else the first they may. A person with no such district gets Current = null, and the page refuses.
/// </summary>
public interface IDistrictContext
{
    Task<DistrictChoice> ResolveAsync(Permission permission, Guid? requestedDistrictId, CancellationToken cancellationToken = default);
}
