using System.Security.Claims;

namespace PLBadges.Identity.Contracts;

/// <summary>A machine client (a state's licensure system) calling the API with a client-credentials token: its id, its organization and the scopes granted.</summary>
public sealed record MachineCaller(string ClientId, Guid? OrganizationId, IReadOnlySet<string> Scopes);

/// <summary>Reads who calls: a machine client, or (null) a person or no one.</summary>
public interface IMachineCallers
{
    MachineCaller? Of(ClaimsPrincipal user);
}
