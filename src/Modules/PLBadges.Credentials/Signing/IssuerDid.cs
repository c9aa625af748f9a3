using System.Globalization;

namespace PLBadges.Credentials.Signing;

/// <summary>
/// Issuers' decentralized identifiers: <c>did:web:{host}[%3A{port}]:issuers:{id}</c>, whose DID document
/// this site publishes at <c>/issuers/{id}/did.json</c>, and the verification methods inside it
/// (<c>{did}#{keyId}</c>). did:web names an https address; on a plain-http site (the demo) the site
/// still resolves its own DIDs itself, but wallets cannot (see docs/adr/0007-issuer-dids-and-keys.md).
/// </summary>
public static class IssuerDid
{
    /// <summary>The issuer's DID under the site's public origin.</summary>
    public static string For(string origin, Guid issuerId) => $"{Prefix(origin)}:issuers:{issuerId}";

    /// <summary>A verification method of the issuer: its DID and the key's id as the fragment.</summary>
    public static string VerificationMethod(string origin, Guid issuerId, string keyId) => $"{For(origin, issuerId)}#{keyId}";

    /// <summary>"did:web:{host}[%3A{port}]" for the origin (its path, if any, is not part of it).</summary>
    public static string Prefix(string origin)
    {
        var uri = new Uri(origin);
        return uri.IsDefaultPort ? $"did:web:{uri.IdnHost}" : $"did:web:{uri.IdnHost}%3A{uri.Port.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The issuer a DID (or a verification method of it) names, when it is one of this site's; else null.</summary>
    public static (Guid IssuerId, string? KeyId)? Ours(string origin, string didUrl)
    {
        var (did, fragment) = Split(didUrl);
        var prefix = Prefix(origin) + ":issuers:";
        return did.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParseExact(did[prefix.Length..], "D", out var issuerId)
            ? (issuerId, fragment)
            : null;
    }

    /// <summary>The https address of a did:web's DID document (did:web:host%3A8443:a:b → https://host:8443/a/b/did.json); null when the DID is not a readable did:web.</summary>
    public static Uri? DocumentUrl(string did)
    {
        if (!did.StartsWith("did:web:", StringComparison.Ordinal) || did.Contains('#') || did.Contains('?'))
        {
            return null;
        }

        var parts = did["did:web:".Length..].Split(':');
        if (parts.Any(p => p.Length == 0 || p.Contains('/')))
        {
            return null;
        }

        var host = Uri.UnescapeDataString(parts[0]);
        var path = parts.Length == 1 ? "/.well-known" : "/" + string.Join('/', parts.Skip(1).Select(Uri.UnescapeDataString));
        return Uri.TryCreate($"https://{host}{path}/did.json", UriKind.Absolute, out var url) && url.Host.Length > 0 ? url : null;
    }

    /// <summary>A DID URL split at its fragment: ("did:…", "key") or ("did:…", null).</summary>
    public static (string Did, string? Fragment) Split(string didUrl)
    {
        var hash = didUrl.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? (didUrl, null) : (didUrl[..hash], didUrl[(hash + 1)..]);
    }
}
