using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PLBadges.Credentials.Verifying;

namespace PLBadges.Credentials.Signing;

/// <summary>
/// The algorithms of issuer keys: RS256 (which OB 3.0 requires every verifier to support) and ES256 for VC-JWTs,
/// and Ed25519 for Data Integrity proofs only (eddsa-rdfc-2022; never a token's <c>alg</c>).
/// </summary>
public enum SigningAlgorithm
{
    RS256,
    ES256,
    Ed25519,
}

/// <summary>A compact JWS taken apart: the header and payload as JSON, and what the signature covers.</summary>
public sealed record JwsParts(JsonObject Header, JsonObject Payload, byte[] SigningInput, byte[] Signature);

/// <summary>
/// Compact JWS (RFC 7515) over the BCL's RSA and ECDSA: what signs credentials and status lists,
/// and what checks them. Anything malformed is a <see cref="FormatException"/> with a reason.
/// </summary>
public static class Jws
{
    /// <summary>Base64url without padding (RFC 4648 section 5), as JOSE uses it; a part that is not is named in the error.</summary>
    internal static byte[] Decode(string text, string what = "value")
    {
        try
        {
            return text.Contains('=') ? throw new FormatException() : Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"The token's {what} is not base64url.");
        }
    }

    public static string Sign(JsonObject header, JsonObject payload, Func<byte[], byte[]> signer)
    {
        var input = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()))}";
        return $"{input}.{Base64Url.EncodeToString(signer(Encoding.ASCII.GetBytes(input)))}";
    }

    /// <summary>Takes a compact JWS apart; its header and payload are read as untrusted JSON, counted in <paramref name="counters"/>.</summary>
    public static JwsParts Parse(string compact, ReadCounters? counters = null)
    {
        var parts = compact.Trim().Split('.');
        if (parts.Length != 3)
        {
            throw new FormatException(parts.Length == 5 ? "This is an encrypted token (JWE), not a signed one." : "A compact JWS has three parts separated by dots.");
        }

        counters ??= new ReadCounters();
        var header = UntrustedJson.ParseObject(Decode(parts[0], "header"), counters, what: "The token's header");
        var payload = UntrustedJson.ParseObject(Decode(parts[1], "payload"), counters, what: "The token's payload");
        return new JwsParts(header, payload, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Decode(parts[2], "signature"));
    }

    public static byte[] SignWith(SigningAlgorithm algorithm, AsymmetricAlgorithm key, byte[] data) => algorithm switch
    {
        SigningAlgorithm.RS256 => ((RSA)key).SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        SigningAlgorithm.ES256 => ((ECDsa)key).SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Checks a signature against a public JWK; false for a wrong key, a key of another type, or a bad signature.</summary>
    public static bool Verify(string alg, JsonObject jwk, byte[] data, byte[] signature)
    {
        try
        {
            switch (alg)
            {
                case "RS256" when (string?)jwk["kty"] == "RSA":
                {
                    using var rsa = RSA.Create(new RSAParameters { Modulus = Decode((string)jwk["n"]!, "n"), Exponent = Decode((string)jwk["e"]!, "e") });
                    return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                }
                case "ES256" when (string?)jwk["kty"] == "EC" && (string?)jwk["crv"] == "P-256":
                {
                    using var ec = ECDsa.Create(new ECParameters
                    {
                        Curve = ECCurve.NamedCurves.nistP256,
                        Q = new ECPoint { X = Decode((string)jwk["x"]!, "x"), Y = Decode((string)jwk["y"]!, "y") },
                    });
                    return signature.Length == 64 && ec.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                }
                default:
                    return false;
            }
        }
        catch (Exception problem) when (problem is CryptographicException or FormatException or InvalidOperationException or NullReferenceException)
        {
            return false;
        }
    }

    /// <summary>The public JWK of a key (never its private part).</summary>
    public static JsonObject PublicJwk(SigningAlgorithm algorithm, AsymmetricAlgorithm key, string kid)
    {
        switch (algorithm)
        {
            case SigningAlgorithm.RS256:
            {
                var p = ((RSA)key).ExportParameters(false);
                return new JsonObject { ["kty"] = "RSA", ["kid"] = kid, ["use"] = "sig", ["alg"] = "RS256", ["n"] = Base64Url.EncodeToString(p.Modulus!), ["e"] = Base64Url.EncodeToString(p.Exponent!) };
            }
            case SigningAlgorithm.ES256:
            {
                var p = ((ECDsa)key).ExportParameters(false);
                return new JsonObject { ["kty"] = "EC", ["kid"] = kid, ["use"] = "sig", ["alg"] = "ES256", ["crv"] = "P-256", ["x"] = Base64Url.EncodeToString(p.Q.X!), ["y"] = Base64Url.EncodeToString(p.Q.Y!) };
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm));
        }
    }

    public static AsymmetricAlgorithm NewKey(SigningAlgorithm algorithm) => algorithm switch
    {
        SigningAlgorithm.RS256 => RSA.Create(2048),
        SigningAlgorithm.ES256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    public static AsymmetricAlgorithm ImportPrivate(SigningAlgorithm algorithm, byte[] pkcs8)
    {
        AsymmetricAlgorithm key = algorithm == SigningAlgorithm.RS256 ? RSA.Create() : ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return key;
    }
}
