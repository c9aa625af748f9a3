using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;

namespace PLBadges.Abstractions.Hosting;

/// <summary>
/// The site's public origin (scheme, host and port, no trailing slash) for links that leave the
/// site: emails, and the identifiers signed into credentials. It is <c>Site:PublicBaseUrl</c>
/// (or, as before, <c>Mail:PublicBaseUrl</c>), else the address the server listens on (the demo's
/// http://localhost:5000): never the request's Host header, which a sender can forge.
/// </summary>
public sealed class SiteOrigin(IConfiguration configuration, IServer server)
{
    public string Value
    {
        get
        {
            var configured = (configuration["Site:PublicBaseUrl"] is { Length: > 0 } site ? site : configuration["Mail:PublicBaseUrl"])?.TrimEnd('/');
            if (!string.IsNullOrEmpty(configured))
            {
                return configured;
            }

            var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            return listening == null
                ? "http://localhost"
                : listening.Replace("://[::]", "://localhost").Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://0.0.0.0", "://localhost").TrimEnd('/');
        }
    }
}
