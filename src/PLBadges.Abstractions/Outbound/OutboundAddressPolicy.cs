using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace PLBadges.Abstractions.Outbound;

/// <summary>A connection the site will not make, with the reason (a special-purpose address, a scheme other than https).</summary>
public sealed class OutboundRefusedException(string message) : HttpRequestException(message);

/// <summary>
/// Where the site may connect when an address comes from outside (a key id or status list named in a
/// credential, a state's webhook receiver): only to the public internet, over https. A host is
/// resolved and every address it resolves to is checked against the IANA IPv4 and IPv6
/// special-purpose registries (the parsed address, never its spelling, so "2130706433", "0x7f.1" and
/// "[::ffff:127.0.0.1]" are all loopback); the connection is then made to exactly the addresses
/// checked, so a name cannot resolve one way for the check and another for the connection.
/// <c>Outbound:AllowPrivateHosts</c> lets named hosts or networks through (tests, a private network),
/// over http too. The same policy serves HTTP (<see cref="CreateHandler"/>) and raw sockets
/// (<see cref="ConnectAsync"/>, for an SFTP client).
/// </summary>
public sealed class OutboundAddressPolicy
{
    // IANA IPv4 Special-Purpose Address Registry: every block not globally reachable, with multicast,
    // the reserved 240/4 and broadcast. Broadcast comes before 240/4 so its message names it.
    private static readonly (IPNetwork Network, string What)[] SpecialIPv4 =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "in “this network” (0.0.0.0/8)"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private address (10.0.0.0/8)"),
        (IPNetwork.Parse("100.64.0.0/10"), "a carrier-grade NAT address (100.64.0.0/10)"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address (127.0.0.0/8)"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address (169.254.0.0/16), where cloud metadata services live"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private address (172.16.0.0/12)"),
        (IPNetwork.Parse("192.0.0.0/24"), "an IETF protocol assignment (192.0.0.0/24)"),
        (IPNetwork.Parse("192.0.2.0/24"), "a documentation address (192.0.2.0/24)"),
        (IPNetwork.Parse("192.88.99.0/24"), "a deprecated 6to4 relay address (192.88.99.0/24)"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private address (192.168.0.0/16)"),
        (IPNetwork.Parse("198.18.0.0/15"), "a benchmarking address (198.18.0.0/15)"),
        (IPNetwork.Parse("198.51.100.0/24"), "a documentation address (198.51.100.0/24)"),
        (IPNetwork.Parse("203.0.113.0/24"), "a documentation address (203.0.113.0/24)"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address (224.0.0.0/4)"),
        (IPNetwork.Parse("255.255.255.255/32"), "the broadcast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved address (240.0.0.0/4)"),
    ];

    // IANA IPv6 Special-Purpose Address Registry and the other non-unicast blocks. Anything else
    // outside 2000::/3 (global unicast) is unassigned and refused as well.
    private static readonly (IPNetwork Network, string What)[] SpecialIPv6 =
    [
        (IPNetwork.Parse("::/128"), "the unspecified address (::)"),
        (IPNetwork.Parse("::1/128"), "the loopback address (::1)"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "a local-use NAT64 address (64:ff9b:1::/48)"),
        (IPNetwork.Parse("100::/64"), "a discard-only address (100::/64)"),
        (IPNetwork.Parse("2001::/23"), "an IETF protocol assignment (2001::/23, Teredo included)"),
        (IPNetwork.Parse("2001:db8::/32"), "a documentation address (2001:db8::/32)"),
        (IPNetwork.Parse("2002::/16"), "a 6to4 address (2002::/16), which carries an IPv4 address inside it"),
        (IPNetwork.Parse("3fff::/20"), "a documentation address (3fff::/20)"),
        (IPNetwork.Parse("5f00::/16"), "a segment routing address (5f00::/16)"),
        (IPNetwork.Parse("fc00::/7"), "a unique local (private) address (fc00::/7)"),
        (IPNetwork.Parse("fe80::/10"), "a link-local address (fe80::/10)"),
        (IPNetwork.Parse("fec0::/10"), "a site-local address (fec0::/10)"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address (ff00::/8)"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");

    private readonly HashSet<string> allowedHosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IPNetwork> allowedNetworks = [];
    private readonly OutboundTrust trust;

    public OutboundAddressPolicy(IOptions<OutboundOptions> options, OutboundTrust trust)
    {
        this.trust = trust;
        foreach (var entry in options.Value.AllowPrivateHosts.Select(e => e.Trim()).Where(e => e.Length > 0))
        {
            if (OutboundOptions.TryNetwork(entry, out var network))
            {
                allowedNetworks.Add(network);
            }
            else
            {
                allowedHosts.Add(entry);
            }
        }
    }

    /// <summary>What kind of special-purpose address this is (“a loopback address (127.0.0.0/8)”), or null for one on the public internet.</summary>
    public static string? SpecialPurpose(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return SpecialPurpose(address.MapToIPv4()) is { } inside ? "an IPv4-mapped form of " + inside : null;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (Nat64.Contains(address))
            {
                // The well-known NAT64 prefix reaches the IPv4 address in its last 32 bits: judge that one.
                var embedded = new IPAddress(address.GetAddressBytes()[12..]);
                return SpecialPurpose(embedded) is { } inside ? "a NAT64 form of " + inside : null;
            }

            foreach (var (network, what) in SpecialIPv6)
            {
                if (network.Contains(address))
                {
                    return what;
                }
            }

            return GlobalUnicast.Contains(address) ? null : "outside the IPv6 global unicast range (2000::/3)";
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return "not an internet address";
        }

        foreach (var (network, what) in SpecialIPv4)
        {
            if (network.Contains(address))
            {
                return what;
            }
        }

        return null;
    }

    /// <summary>True when <c>Outbound:AllowPrivateHosts</c> names the host, or a network holding the address.</summary>
    public bool IsAllowedPrivately(string host, IPAddress? address = null)
    {
        if (allowedHosts.Contains(Bare(host)))
        {
            return true;
        }

        address ??= IPAddress.TryParse(Bare(host), out var literal) ? literal : null;
        return address != null && allowedNetworks.Any(n => n.Contains(address) || (address.IsIPv4MappedToIPv6 && n.Contains(address.MapToIPv4())));
    }

    /// <summary>
    /// Why the site will not fetch this URL, judged without a lookup (the scheme; an address written
    /// into it; "localhost"), or null when it may be tried: names are checked again at connect time.
    /// </summary>
    public string? CheckUrl(Uri uri)
    {
        if (!uri.IsAbsoluteUri)
        {
            return "The address is not a full URL.";
        }

        var host = Bare(uri.IdnHost);
        var allowed = IsAllowedPrivately(host);
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && allowed))
        {
            return $"{uri.Scheme}: addresses are not fetched: the site connects out over https only.";
        }

        if (allowed)
        {
            return null;
        }

        if (IPAddress.TryParse(host, out var literal) && SpecialPurpose(literal) is { } why)
        {
            return $"{host} is {why}: the site does not connect to its own network.";
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            ? $"{host} is this machine: the site does not connect to its own network."
            : null;
    }

    /// <summary>The host's addresses, every one of them checked; an <see cref="OutboundRefusedException"/> when any is off limits.</summary>
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var name = Bare(host);
        IPAddress[] addresses;
        if (IPAddress.TryParse(name, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(name, cancellationToken);
            }
            catch (SocketException problem)
            {
                throw new OutboundRefusedException($"{name} could not be found ({problem.SocketErrorCode}).");
            }
        }

        if (addresses.Length == 0)
        {
            throw new OutboundRefusedException($"{name} has no address.");
        }

        // Every address, not only the first: a name that resolves to one public and one private
        // address must not reach the private one when the public one fails to answer.
        foreach (var address in addresses)
        {
            if (!IsAllowedPrivately(name, address) && SpecialPurpose(address) is { } why)
            {
                throw new OutboundRefusedException($"{name} resolves to {address}, {why}: the site does not connect to its own network.");
            }
        }

        return addresses;
    }

    /// <summary>A TCP connection to the host, made to the addresses <see cref="ResolveAsync"/> checked (for clients that open their own sockets, such as SFTP).</summary>
    public async Task<Socket> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(host, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A handler that connects only where this policy allows: no proxy (a proxy would make the
    /// connection for us, unchecked), no redirects (a public host could send us on to a private
    /// one), no automatic decompression, and short connect and header limits. For libraries that
    /// make their own HttpClient (an OpenID Connect client); modules use <see cref="GuardedHttpClients"/>.
    /// </summary>
    public SocketsHttpHandler CreateHandler()
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            MaxResponseHeadersLength = 64,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2), // a name is resolved and checked again at least this often
            ConnectCallback = async (context, cancellationToken) =>
            {
                if (context.InitialRequestMessage.RequestUri is { } uri && CheckUrl(uri) is { } why)
                {
                    throw new OutboundRefusedException(why);
                }

                return new NetworkStream(await ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken), ownsSocket: true);
            },
        };
        if (trust.Roots.Count > 0)
        {
            var roots = trust.Roots;
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusted(certificate, errors, roots);
        }

        return handler;
    }

    /// <summary>The system's trust, or else a chain that ends in one of the extra roots (a name mismatch is never excused).</summary>
    private static bool Trusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate == null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }

    private static string Bare(string host) => host.Trim().TrimStart('[').TrimEnd(']');
}

/// <summary>
/// Certificate authorities trusted for outbound TLS besides the system's: a private network's own CA,
/// set in code (tests trust a self-signed test host this way). Empty unless something adds to it.
/// </summary>
public sealed class OutboundTrust
{
    public X509Certificate2Collection Roots { get; } = [];
}
