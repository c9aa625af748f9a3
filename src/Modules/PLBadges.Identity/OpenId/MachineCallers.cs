using System.Security.Claims;
using OpenIddict.Abstractions;
using PLBadges.Identity.Contracts;

namespace PLBadges.Identity.OpenId;

internal sealed class MachineCallers : IMachineCallers
{
    public MachineCaller? Of(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirst(IdentityModule.ClientClaim)?.Value is not { Length: > 0 } clientId)
        {
            return null;
        }

        Guid? organization = Guid.TryParse(user.FindFirst(IdentityModule.OrganizationClaim)?.Value, out var id) ? id : null;
        return new MachineCaller(clientId, organization, user.GetScopes().ToHashSet(StringComparer.Ordinal));
    }
}
