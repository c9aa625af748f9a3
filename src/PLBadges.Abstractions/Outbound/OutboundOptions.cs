using System.Net;

namespace PLBadges.Abstractions.Outbound;

/// <summary>Settings under <c>Outbound</c>: where the site may connect besides the public internet.</summary>
public sealed class OutboundOptions
{
    public const string Section = "Outbound";

    /// <summary>
    /// Host names (such as <c>localhost</c> or <c>receiver.district.internal</c>) and networks (such as
    /// <c>127.0.0.1</c> or <c>10.20.0.0/16</c>) the site may connect to although they are not on the
    /// public internet, and over plain http. For tests and private networks only: the site logs a
    /// warning at start-up when this is set outside Development.
    /// </summary>
    public List<string> AllowPrivateHosts { get; set; } = [];

    /// <summary>An address or a network in CIDR form (a single address is a network of one).</summary>
    public static bool TryNetwork(string entry, out IPNetwork network)
    {
        if (IPNetwork.TryParse(entry, out network))
        {
            return true;
        }

        if (IPAddress.TryParse(entry.TrimStart('[').TrimEnd(']'), out var address))
        {
            network = new IPNetwork(address, address.GetAddressBytes().Length * 8);
            return true;
        }

        return false;
    }

    /// <summary>Each entry is a network or a host name made of letters, digits, dots and dashes.</summary>
    public bool Valid() => AllowPrivateHosts.All(e => TryNetwork(e.Trim(), out _)
        || (Uri.CheckHostName(e.Trim()) == UriHostNameType.Dns && e.Trim().Length is > 0 and <= 253));
}
