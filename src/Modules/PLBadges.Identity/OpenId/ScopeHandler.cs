using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using PLBadges.Abstractions.Security;

namespace PLBadges.Identity.OpenId;

/// <summary>
/// An API group's scope: the site's own cookie passes (the person is using the site itself), a
/// bearer token passes only when it carries the scope. Anything else is refused (403).
/// </summary>
internal sealed class ScopeHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var cookie = context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == IdentityConstants.ApplicationScheme);
        if (cookie || context.User.HasScope(requirement.Scope))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
