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
    /// <summary>The configured public address (Site:PublicBaseUrl, else the older Mail:PublicBaseUrl), without a trailing slash; null when neither is set.</summary>
    public static string? Configured(IConfiguration configuration) =>
        (configuration["Site:PublicBaseUrl"] is { Length: > 0 } site ? site : configuration["Mail:PublicBaseUrl"]) is { Length: > 0 } value ? value.TrimEnd('/') : null;

    /// <summary>True when the configured public address is https: every cookie is then Secure, whatever scheme a request arrived with.</summary>
    public static bool IsHttps(IConfiguration configuration) =>
        Configured(configuration)?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true;

    public string Value
    {
        get
        {
            var configured = Configured(configuration);
            if (configured != null)
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
