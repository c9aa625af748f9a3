using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Outbound;
using PLBadges.Credentials.Signing;
using PLBadges.LinkedData.Canonicalization;
using PLBadges.LinkedData.JsonLd;

namespace PLBadges.Credentials.Verifying;

/// <summary>
/// What checking a document's Data Integrity proof found: whether it holds, why (in words for people), and whose key
/// made it: the DID that controls the key (<paramref name="Controller"/>), the organization when the key is one this
/// site holds, and the host a did:web was resolved on.
/// </summary>
public sealed record ProofOutcome(bool Valid, string Message, string? Controller = null, Guid? LocalIssuer = null, string? Host = null);

/// <summary>
/// Checks embedded proofs: <c>DataIntegrityProof</c> with <c>eddsa-rdfc-2022</c> and <c>Ed25519Signature2020</c>, by
/// this site's issuers and by others. Keys are found from the verification method: this site's own DIDs in its
/// database (so its proofs verify on a plain-http demo too), <c>did:key</c> from the identifier itself, and any other
/// <c>did:web</c> by fetching its DID document through the guarded client (public https only, at most
/// <see cref="MaxDidDocumentBytes"/>). The document is untrusted: it was read within the verifier's JSON limits, and
/// canonicalization runs in safe mode over shipped contexts with the poison guard, so nothing here fetches a context
/// or runs away; every problem is an invalid outcome with its reason, never an exception.
/// </summary>
public sealed class ProofVerifier(IssuerKeys keys, GuardedHttpClients http, SiteOrigin origin)
{
    /// <summary>The largest DID document read (the Digital Credentials Consortium's resolver reads at most 8 KB; a little room beyond).</summary>
    public const int MaxDidDocumentBytes = 16 * 1024;

    /// <summary>How far a proof's created time may be ahead of this server's clock.</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    /// <summary>Checks every proof the document carries; each must be one this verifier reads and must hold, and all must come from one controller.</summary>
    /// <param name="purpose">The proof purpose asked for: assertionMethod for credentials, authentication for a wallet's presentation.</param>
    /// <param name="challenge">The challenge a presentation's proof must carry, when one was given to the wallet.</param>
    public async Task<ProofOutcome> VerifyAsync(JsonObject document, ReadCounters read, CancellationToken cancellationToken, string purpose = "assertionMethod", string? challenge = null, DateTimeOffset? now = null)
    {
        var proofs = document["proof"] switch
        {
            JsonArray many => many.ToList(),
            JsonObject one => [one],
            _ => [],
        };
        if (proofs.Count == 0)
        {
            return new(false, "There is no embedded proof.");
        }

        ProofOutcome? first = null;
        foreach (var node in proofs)
        {
            if (node is not JsonObject proof)
            {
                return new(false, "A proof is not an object.");
            }

            var outcome = await VerifyOneAsync(document, proof, read, purpose, challenge, now, cancellationToken);
            if (!outcome.Valid)
            {
                return outcome;
            }

            if (first != null && first.Controller != outcome.Controller)
            {
                return new(false, "The proofs were made by keys of different controllers.");
            }

            first ??= outcome;
        }

        return first!;
    }

    private async Task<ProofOutcome> VerifyOneAsync(JsonObject document, JsonObject proof, ReadCounters read, string purpose, string? challenge, DateTimeOffset? now, CancellationToken cancellationToken)
    {
        var type = Text(proof["type"]);
        var suite = type == DataIntegrity.ProofType && Text(proof["cryptosuite"]) == DataIntegrity.Cryptosuite ? "eddsa-rdfc-2022"
            : type == DataIntegrity.Ed25519Signature2020 ? DataIntegrity.Ed25519Signature2020
            : null;
        if (suite == null)
        {
            return new(false, $"The proof is a {type ?? "proof without a type"}{(Text(proof["cryptosuite"]) is { } c ? $" ({c})" : "")}; this verifier checks DataIntegrityProof with eddsa-rdfc-2022 and Ed25519Signature2020.");
        }

        if (Text(proof["proofPurpose"]) != purpose)
        {
            return new(false, $"The proof's purpose is {Text(proof["proofPurpose"]) ?? "missing"}, not {purpose}.");
        }

        if (challenge != null && Text(proof["challenge"]) != challenge)
        {
            return new(false, "The proof does not carry the challenge that was asked for.");
        }

        if (Text(proof["created"]) is { } created)
        {
            if (!DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return new(false, "The proof's created time cannot be read.");
            }

            if (at > (now ?? DateTimeOffset.UtcNow) + Skew)
            {
                return new(false, "The proof says it was made in the future.");
            }
        }
        else
        {
            return new(false, "The proof has no created time.");
        }

        if (DataIntegrity.ProofValue(Text(proof["proofValue"])) is not { } signature)
        {
            return new(false, "The proof's value is not a base58btc multibase signature.");
        }

        if (Text(proof["verificationMethod"]) is not { Length: > 0 and < 2048 } method)
        {
            return new(false, "The proof names no verification method.");
        }

        var key = await ResolveAsync(method, purpose, read, cancellationToken);
        if (key.PublicKey == null)
        {
            return new(false, key.Problem!);
        }

        if (suite == DataIntegrity.Ed25519Signature2020 && !Contexts(document).Contains(ShippedContexts.Ed25519Signature2020V1))
        {
            return new(false, $"An Ed25519Signature2020 proof needs the context {ShippedContexts.Ed25519Signature2020V1} in the document.");
        }

        byte[] data;
        try
        {
            data = DataIntegrity.SignedData(document, proof);
        }
        catch (JsonLdSafeModeException problem)
        {
            return new(false, $"The document uses something its contexts do not define, so a verifier cannot read it all: {problem.Message}");
        }
        catch (JsonLdException problem)
        {
            return new(false, $"The document cannot be read as linked data: {problem.Message}");
        }
        catch (CanonicalizationLimitExceededException)
        {
            return new(false, "The document is built so that checking its proof would take unbounded work; it is refused.");
        }

        return DataIntegrity.Verify(key.PublicKey, data, signature)
            ? new(true, $"Signed with {suite} by the key {method}.", key.Controller, key.LocalIssuer, key.Host)
            : new(false, "The proof does not match: the credential was changed after signing, or another key signed it.");
    }

    private static IEnumerable<string> Contexts(JsonObject document) => document["@context"] switch
    {
        JsonArray many => many.Select(Text).OfType<string>(),
        JsonValue one when Text(one) is { } url => [url],
        _ => [],
    };

    private sealed record Resolved(byte[]? PublicKey, string? Controller, Guid? LocalIssuer, string? Host, string? Problem)
    {
        public static Resolved Fail(string problem) => new(null, null, null, null, problem);
    }

    private async Task<Resolved> ResolveAsync(string method, string purpose, ReadCounters read, CancellationToken cancellationToken)
    {
        var (did, fragment) = IssuerDid.Split(method);

        if (IssuerDid.Ours(origin.Value, method) is { } ours)
        {
            return ours.KeyId is { } keyId && await keys.FindProofKeyAsync(ours.IssuerId, keyId, cancellationToken) is { } local
                ? new(local, did, ours.IssuerId, null, null)
                : Resolved.Fail($"The key {method} is not one this site's issuer holds.");
        }

        if (did.StartsWith("did:key:", StringComparison.Ordinal))
        {
            var identifier = did["did:key:".Length..];
            return DataIntegrity.FromMultibase(identifier) is { } publicKey && (fragment == null || fragment == identifier)
                ? new(publicKey, did, null, null, null)
                : Resolved.Fail($"The did:key {did} is not an Ed25519 key.");
        }

        if (IssuerDid.DocumentUrl(did) is not { } url)
        {
            return Resolved.Fail($"The verification method {method} is neither a did:web nor a did:key, which are what this verifier resolves.");
        }

        if (fragment == null)
        {
            return Resolved.Fail($"The verification method {method} names no key of its DID.");
        }

        var text = await FetchAsync(url, cancellationToken);
        if (text == null)
        {
            return Resolved.Fail($"The DID document of {did} could not be read from {url}.");
        }

        JsonObject didDocument;
        try
        {
            didDocument = UntrustedJson.ParseObject(Encoding.UTF8.GetBytes(text), read, what: "The issuer's DID document");
        }
        catch (FormatException problem)
        {
            return Resolved.Fail(problem.Message);
        }

        if (Text(didDocument["id"]) != did)
        {
            return Resolved.Fail($"The DID document at {url} is not the document of {did}.");
        }

        bool Names(JsonNode? reference) => Text(reference) is { } r ? r == method || r == "#" + fragment : reference is JsonObject o && Text(o["id"]) is { } id && (id == method || id == "#" + fragment);
        var entry = Array(didDocument["verificationMethod"]).Concat(Array(didDocument[purpose])).OfType<JsonObject>().FirstOrDefault(Names);
        if (entry == null || !Array(didDocument[purpose]).Any(Names))
        {
            return Resolved.Fail($"The DID document of {did} does not list {method} under {purpose}.");
        }

        if (Text(entry["controller"]) != did)
        {
            return Resolved.Fail($"The key {method} is not controlled by {did}.");
        }

        if (Text(entry["type"]) is not ("Multikey" or "Ed25519VerificationKey2020") || DataIntegrity.FromMultibase(Text(entry["publicKeyMultibase"])) is not { } key)
        {
            return Resolved.Fail($"The key {method} is not an Ed25519 Multikey.");
        }

        return new(key, did, null, url.IsDefaultPort ? url.IdnHost : $"{url.IdnHost}:{url.Port}", null);
    }

    private static IEnumerable<JsonNode?> Array(JsonNode? node) => node switch
    {
        JsonArray many => many,
        null => [],
        _ => [node],
    };

    /// <summary>Another site's document, through the guarded client: public https hosts only, no redirects, within its size and time.</summary>
    private async Task<string?> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.Create(CredentialsModule.VerifierClient).GetAsync(url, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return bytes.Length <= MaxDidDocumentBytes ? Encoding.UTF8.GetString(bytes) : null;
        }
        catch (Exception problem) when (problem is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
