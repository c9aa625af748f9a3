using Microsoft.Extensions.Caching.Memory;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Credentials.Issuing;

/// <summary>
/// Issuers' names for credentials and verification, remembered for a minute per node: issuing and
/// verifying read them for every credential, and a renamed district shows within that minute.
/// </summary>
public sealed class IssuerNames(IOrganizationDirectory organizations, IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>The organization's name; null when no organization has that id.</summary>
    public async Task<string?> NameAsync(Guid issuerId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue((nameof(IssuerNames), issuerId), out string? name))
        {
            return name;
        }

        name = (await organizations.GetAsync(issuerId, cancellationToken))?.Name;
        if (name != null)
        {
            cache.Set((nameof(IssuerNames), issuerId), name, Lifetime);
        }

        return name;
    }
}
