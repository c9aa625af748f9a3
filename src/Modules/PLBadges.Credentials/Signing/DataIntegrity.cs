using System.Text.Json.Nodes;
using NSec.Cryptography;
using PLBadges.LinkedData;
using PLBadges.LinkedData.Canonicalization;

namespace PLBadges.Credentials.Signing;

/// <summary>An Ed25519 key ready to make Data Integrity proofs: its id, the verification method that names it, and the private key.</summary>
public sealed record ProofKey(string Id, string VerificationMethod, Key Key)
{
    public byte[] Sign(ReadOnlySpan<byte> data) => SignatureAlgorithm.Ed25519.Sign(Key, data);
}

/// <summary>
/// W3C Data Integrity proofs with Ed25519 over RDFC-1.0 (PLBadges.LinkedData): <c>DataIntegrityProof</c> with the
/// <c>eddsa-rdfc-2022</c> cryptosuite, which we make, and the older <c>Ed25519Signature2020</c> that wallets
/// still sign presentations with, which we only check. Both sign SHA-256 of the canonical proof options (the proof
/// without its value, under the document's <c>@context</c>) followed by SHA-256 of the canonical document without its proofs.
/// </summary>
public static class DataIntegrity
{
    public const string ProofType = "DataIntegrityProof";

    public const string Cryptosuite = "eddsa-rdfc-2022";

    public const string Ed25519Signature2020 = "Ed25519Signature2020";

    private static readonly byte[] MultikeyPrefix = [0xED, 0x01];

    /// <summary>Adds an eddsa-rdfc-2022 proof to the document's <c>proof</c> array (made when missing) and returns it.</summary>
    public static JsonObject Sign(JsonObject document, ProofKey key, DateTime created, string proofPurpose = "assertionMethod", string? challenge = null, string? domain = null)
    {
        var proof = new JsonObject
        {
            ["type"] = ProofType,
            ["cryptosuite"] = Cryptosuite,
            ["created"] = Issuing.CredentialDocument.Timestamp(created),
            ["verificationMethod"] = key.VerificationMethod,
            ["proofPurpose"] = proofPurpose,
        };
        if (challenge != null)
        {
            proof["challenge"] = challenge;
        }

        if (domain != null)
        {
            proof["domain"] = domain;
        }

        var data = SignedData(document, proof);
        proof["proofValue"] = "z" + SimpleBase.Base58.Bitcoin.Encode(key.Sign(data));
        if (document["proof"] is not JsonArray proofs)
        {
            proofs = [];
            document["proof"] = proofs;
        }

        proofs.Add(proof);
        return proof;
    }

    /// <summary>
    /// The bytes a proof signs: SHA-256 of the canonical proof options (the proof without proofValue, with the
    /// document's @context) followed by SHA-256 of the canonical document without any proof.
    /// </summary>
    /// <exception cref="LinkedData.JsonLd.JsonLdException">The document or proof is not JSON-LD that safe mode accepts.</exception>
    /// <exception cref="CanonicalizationLimitExceededException">The document is built to make canonicalization explode.</exception>
    public static byte[] SignedData(JsonObject document, JsonObject proof, CanonicalizationOptions? options = null)
    {
        var unsecured = new JsonObject();
        foreach (var (name, value) in document)
        {
            if (name != "proof")
            {
                unsecured[name] = value?.DeepClone();
            }
        }

        var configuration = new JsonObject { ["@context"] = document["@context"]?.DeepClone() };
        foreach (var (name, value) in proof)
        {
            if (name is not ("proofValue" or "@context"))
            {
                configuration[name] = value?.DeepClone();
            }
        }

        var proofHash = Canonicalizer.Default.Hash(configuration, options);
        var documentHash = Canonicalizer.Default.Hash(unsecured, options);
        return [.. proofHash, .. documentHash];
    }

    /// <summary>True when the signature is the Ed25519 signature of the data by the public key (32 raw bytes).</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        publicKey.Length == 32 && signature.Length == 64
        && PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out var key)
        && key != null && SignatureAlgorithm.Ed25519.Verify(key, data, signature);

    /// <summary>A proof value ("z" + base58btc), decoded; null when it is not one.</summary>
    public static byte[]? ProofValue(string? value)
    {
        if (value is not { Length: > 1 and < 200 } || value[0] != 'z')
        {
            return null;
        }

        try
        {
            return SimpleBase.Base58.Bitcoin.Decode(value.AsSpan(1)).ToArray();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>An Ed25519 public key as a Multikey's publicKeyMultibase: "z" + base58btc(0xed01 + key).</summary>
    public static string Multibase(ReadOnlySpan<byte> publicKey) => "z" + SimpleBase.Base58.Bitcoin.Encode([.. MultikeyPrefix, .. publicKey]);

    /// <summary>The raw Ed25519 public key of a publicKeyMultibase (or a did:key's identifier); null when it is not one.</summary>
    public static byte[]? FromMultibase(string? multibase)
    {
        var bytes = ProofValue(multibase);
        return bytes is { Length: 34 } && bytes[0] == MultikeyPrefix[0] && bytes[1] == MultikeyPrefix[1] ? bytes[2..] : null;
    }

    /// <summary>A new Ed25519 key whose private half may be exported (once, to be protected and stored).</summary>
    public static Key NewKey() => Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    public static Key ImportPrivate(ReadOnlySpan<byte> seed) => Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
}
