using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Security;
using PLBadges.Web.Hosting;

namespace PLBadges.Web.Security;

internal sealed class PermissionCatalog(ModuleCatalog modules) : IPermissionCatalog
{
    private readonly Lazy<IReadOnlyList<Permission>> all = new(() => modules.Modules.SelectMany(m => m.Permissions).ToList());

    public IReadOnlyList<Permission> All => all.Value;

    public Permission? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}

/// <summary>A policy named "permission:X" requires permission X somewhere; finer checks narrow by organization.</summary>
internal sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options, IPermissionCatalog permissions)
    : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (policyName.StartsWith(Permission.PolicyPrefix, StringComparison.Ordinal))
        {
            var permission = permissions.Find(policyName[Permission.PolicyPrefix.Length..])
                ?? throw new InvalidOperationException($"No module declares the permission in policy '{policyName}'.");
            return new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)).Build();
        }

        return await base.GetPolicyAsync(policyName);
    }
}

internal sealed record PermissionRequirement(Permission Permission) : IAuthorizationRequirement;

internal sealed class PermissionHandler(IAccessControl access) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (await access.HasAsync(requirement.Permission))
        {
            context.Succeed(requirement);
        }
    }
}
