using Microsoft.AspNetCore.Authorization;

namespace PLBadges.Abstractions.Security;

/// <summary>
/// A page or endpoint that needs a permission somewhere (finer checks narrow by organization). Name
/// the permission by its module's constant (<c>[RequirePermission(EvidencePermissions.Names.Review)]</c>),
/// never by a string typed here: a policy that names no declared permission fails the architecture
/// tests, not a request.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequirePermissionAttribute(string permission) : AuthorizeAttribute(Security.Permission.PolicyPrefix + permission)
{
    public string Permission { get; } = permission;
}
