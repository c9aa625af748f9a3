using PLBadges.Abstractions.Hosting;

namespace PLBadges.Web.Hosting;

/// <summary>
/// Start-up check of the public address against how the site is reached: an https public address
/// served over plain http means TLS ends at a proxy in front, and then the site must read the
/// forwarded headers (Site:BehindProxy), or it would see every request as http from the proxy.
/// </summary>
internal static class SiteAddress
{
    public static void Check(IConfiguration configuration)
    {
        if (SiteOrigin.IsHttps(configuration) && !configuration.GetValue("Site:BehindProxy", false) && !ServesHttps(configuration))
        {
            throw new InvalidOperationException(
                $"The public address {SiteOrigin.Configured(configuration)} is https but this site listens only on http, so TLS ends at a proxy in front of it: set Site:BehindProxy=true (and let nothing but the proxy reach the site).");
        }
    }

    /// <summary>Whether Kestrel itself is configured to listen on https (urls, https_ports, or a Kestrel endpoint).</summary>
    private static bool ServesHttps(IConfiguration configuration) =>
        configuration["urls"]?.Contains("https://", StringComparison.OrdinalIgnoreCase) == true
        || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any(e => e["Url"]?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true);
}
