using PLBadges.Abstractions.Outbound;

namespace PLBadges.BadModule.Outbound;

/// <summary>Keeps rule 5: the guarded client is what modules are meant to use, and must not be reported.</summary>
public sealed class GuardedPoller(GuardedHttpClients clients)
{
    public async Task<string> FetchAsync(Uri url)
    {
        using var response = await clients.Create("status").GetAsync(url);
        return await response.Content.ReadAsStringAsync();
    }
}
