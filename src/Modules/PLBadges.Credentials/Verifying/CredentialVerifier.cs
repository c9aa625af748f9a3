using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Outbound;
using PLBadges.Credentials.Api;
using PLBadges.Credentials.Baking;
using PLBadges.Credentials.Contracts;
using PLBadges.Credentials.Issuing;
using PLBadges.Credentials.Signing;
using PLBadges.Credentials.Status;
using PLBadges.Data;

namespace PLBadges.Credentials.Verifying;

/// <summary>One check of a verification, as the API reports it.</summary>
public sealed record VerificationCheck(string Name, bool Passed, string Message);

/// <summary>
/// What a verified credential says, for people to read beside the checks. <see cref="IssuerName"/>
/// comes only from what was verified: the name of an issuer this site issues for or trusts, else
/// the host of the key that signed it (null when no key of the named issuer signed it).
/// <see cref="IssuerClaimedName"/> is the name the credential gives itself, which is only that host's claim unless <see cref="IssuerKnown"/>.
/// </summary>
public sealed record VerifiedCredential(string? Id, string? Name, string? Achievement, string? IssuerId, string? IssuerName, string? ValidFrom, string? ValidUntil, string? RevocationReason,
    bool IssuerKnown = false, string? IssuerClaimedName = null);

/// <summary>The answer of a verification: valid only when every check passed.</summary>
public sealed record VerificationResult(bool Valid, IReadOnlyList<VerificationCheck> Checks, VerifiedCredential? Credential)
{
    /// <summary>The credential as it was read (without its JWT claims), for callers that look further into it; not part of the API's answer.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public JsonObject? Document { get; init; }

    /// <summary>How much the verification read (depth, nodes, bytes decompressed); not part of the API's answer.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ReadCounters Read { get; init; } = new();
}

/// <summary>A key that verified a signature: whose it is, and where it was found.</summary>
/// <param name="LocalIssuer">The organization, when this site holds the key.</param>
/// <param name="Origin">The host the key was fetched from, when another site published it.</param>
/// <param name="IssuerId">The issuer identifier the key belongs to: the URL of its JWK Set's issuer, or the DID that controls a proof's key.</param>
internal sealed record ResolvedKey(Guid? LocalIssuer, string IssuerId, JsonObject? Jwk, string? Origin);

/// <summary>
/// A signature found valid on a document this site signed, sent back unchanged: the same bytes checked against a
/// public key that never changes (keys are only added and retired, never altered or removed) give the same answer,
/// so it is remembered with the document. What can change (the dates against today, revocation, the issuer's name)
/// is checked at every verification.
/// </summary>
/// <param name="Signature">For a VC-JWT, the signature that was checked: another signature on the same header and payload is checked as new.</param>
internal sealed record CheckedSignature(string Message, ResolvedKey Key, byte[]? Signature);

/// <summary>The forms a credential can arrive in.</summary>
public enum CredentialForm
{
    Unknown,
    Json,
    Jwt,
    Png,
    Svg,
}

/// <summary>
/// Checks a credential given as JSON, a VC-JWT, or a baked PNG or SVG, and reports each check on
/// its own: format and schema, signature and key, issuer, dates, revocation. Nothing a sender
/// can put in the bytes makes it throw: every problem becomes a failed check with its reason.
/// </summary>
public sealed class CredentialVerifier(
    PLBadgesDbContext db,
    IssuerKeys keys,
    StatusLists statusLists,
    IssuerNames issuers,
    CredentialSchema schema,
    ProofVerifier proofs,
    GuardedHttpClients http,
    IEnumerable<ITrustedIssuers> trusted,
    SiteOrigin origin,
    IOptions<CredentialOptions> options,
    TimeProvider clock,
    ImmutableDocuments documents)
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    public static CredentialForm FormOf(string? contentType, ReadOnlySpan<byte> bytes)
    {
        var type = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        return type switch
        {
            "application/jwt" or "application/vc+jwt" or "application/vc-ld+jwt" => CredentialForm.Jwt,
            "application/json" or "application/vc+ld+json" or "application/ld+json" or "application/vc" => CredentialForm.Json,
            "image/png" => CredentialForm.Png,
            "image/svg+xml" => CredentialForm.Svg,
            _ => Sniff(bytes),
        };
    }

    private static CredentialForm Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]))
        {
            return CredentialForm.Png;
        }

        var text = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 512)]).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        return text.StartsWith('{') ? CredentialForm.Json
            : text.StartsWith('<') ? CredentialForm.Svg
            : text.StartsWith("ey", StringComparison.Ordinal) ? CredentialForm.Jwt
            : CredentialForm.Unknown;
    }

    /// <summary>The answer for a credential or image over the size limit, whether the verifier or the form reader found it so.</summary>
    public static VerificationResult TooLarge(int maxBytes) =>
        new(false, [new("format", false, $"This is larger than the {Size(maxBytes)} a credential or badge image may be.")], null);

    /// <summary>"2 MB", or "256 KB" under a megabyte.</summary>
    public static string Size(int bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1024 / 1024} MB" : $"{Math.Max(1, bytes / 1024)} KB";

    public async Task<VerificationResult> VerifyAsync(byte[] bytes, CredentialForm form, CancellationToken cancellationToken)
    {
        var checks = new List<VerificationCheck>();
        var read = new ReadCounters();
        VerificationResult Done(VerifiedCredential? summary = null) => new(checks.Count > 0 && checks.All(c => c.Passed), checks, summary) { Read = read };

        if (bytes.Length == 0)
        {
            checks.Add(new("format", false, "Nothing was sent: give a credential as JSON, a JWT, or a baked PNG or SVG."));
            return Done();
        }

        if (bytes.Length > options.Value.MaxVerifyBytes)
        {
            return TooLarge(options.Value.MaxVerifyBytes);
        }

        // 1. Format: take the credential out of its wrapping, and read it within the limits.
        JsonObject credential;
        JwsParts? token = null;
        try
        {
            var text = form switch
            {
                CredentialForm.Png => PngBadge.Unbake(bytes) ?? throw new FormatException("This PNG has no credential baked into it (no iTXt chunk with the keyword openbadgecredential)."),
                CredentialForm.Svg => SvgBadge.Unbake(Encoding.UTF8.GetString(bytes), read) ?? throw new FormatException("This SVG has no openbadges:credential element."),
                CredentialForm.Json or CredentialForm.Jwt => Encoding.UTF8.GetString(bytes).Trim().TrimStart('\uFEFF'),
                _ => throw new FormatException("This is not a credential: send JSON, a JWT, or a PNG or SVG badge image."),
            };
            if (text.StartsWith('{'))
            {
                credential = UntrustedJson.ParseObject(text, read);
            }
            else
            {
                token = Jws.Parse(text, read);
                credential = WithoutClaims(token.Payload);
            }
        }
        catch (Exception problem) when (problem is FormatException or InvalidDataException or DecoderFallbackException)
        {
            checks.Add(new("format", false, problem.Message));
            return Done();
        }

        var baked = form is CredentialForm.Png or CredentialForm.Svg ? $", baked into a {form.ToString().ToUpperInvariant()} image" : "";
        checks.Add(new("format", true, token != null ? $"A VC-JWT{baked}." : $"A JSON credential{baked}."));

        // 2. Structure: the Open Badges 3.0 JSON Schema (on a document the limits above have already bounded), checked
        // once for a credential this site signed and sent back unchanged.
        var signedHere = await SignedHereAsync(credential, token, cancellationToken);
        var problems = signedHere?.SchemaChecked == true ? [] : schema.Validate(credential);
        if (signedHere != null && problems.Count == 0)
        {
            signedHere.SchemaChecked = true;
        }

        checks.Add(problems.Count == 0
            ? new("schema", true, $"Matches the Open Badges 3.0 {CredentialSchema.NameFor(credential)} schema.")
            : new("schema", false, "Does not match the Open Badges 3.0 schema: " + string.Join("; ", problems.Take(5)) + "."));

        // 3. Signature and key (once for a credential this site signed and sent back unchanged); 4. issuer, named only
        // from what was verified.
        var issuerId = CredentialDocument.IssuerId(credential);
        var (signed, signatureMessage, key) = await CheckSignatureAsync(credential, token, issuerId, signedHere, read, cancellationToken);
        checks.Add(new("signature", signed, signatureMessage));
        var claimed = credential["issuer"] is JsonObject profile ? Text(profile["name"]) : null;
        var issuerKnown = issuerId != null && key != null && Identifies(key, issuerId);
        var (issuerName, known) = issuerKnown ? await NameAsync(key!, cancellationToken) : (null, false);
        checks.Add(new("issuer", issuerKnown, !issuerKnown
            ? issuerId == null ? "The credential names no issuer." : $"The signing key does not belong to the issuer it names ({issuerId})."
            : known || claimed == null || claimed == issuerName
                ? $"Issued by {issuerName}, whose key signed it."
                : $"Issued by {issuerName}, whose key signed it. The credential calls its issuer “{claimed}”: a name claimed by {issuerName}, not an issuer this site knows."));

        // 5. Dates.
        checks.Add(CheckDates(credential, token));

        // 6. Revocation.
        var (notRevoked, statusMessage, reason) = await CheckStatusAsync(credential, read, cancellationToken);
        checks.Add(new("status", notRevoked, statusMessage));

        var achievement = credential["credentialSubject"] is JsonObject subject && subject["achievement"] is JsonObject a ? Text(a["name"]) : null;
        return Done(new VerifiedCredential(Text(credential["id"]), Text(credential["name"]), achievement, issuerId, issuerName,
            Text(credential["validFrom"]), Text(credential["validUntil"]), reason, known, claimed)) with { Document = credential };
    }

    private async Task<(bool, string, ResolvedKey?)> CheckSignatureAsync(JsonObject credential, JwsParts? token, string? issuerId, SignedCredential? signedHere, ReadCounters read, CancellationToken cancellationToken)
    {
        if ((token != null ? signedHere?.JwtSignature : signedHere?.JsonSignature) is { } known
            && (token == null || token.Signature.AsSpan().SequenceEqual(known.Signature)))
        {
            return (true, known.Message, known.Key);
        }

        var ours = token == null && credential["proof"] == null ? await OursAsync(credential, cancellationToken) : null; // a token or an embedded proof carries its own signature
        var (signed, message, key) = token != null
            ? await CheckTokenAsync(token, credential, issuerId, read, cancellationToken)
            : await CheckJsonAsync(credential, ours, read, cancellationToken);

        // Only this site's own keys, and no proof with an end of its own (that is a question of the day, asked each time).
        if (signedHere != null && signed && key is { LocalIssuer: not null } && !ProofsEnd(credential))
        {
            if (token != null)
            {
                signedHere.JwtSignature = new(message, key, token.Signature);
            }
            else
            {
                signedHere.JsonSignature = new(message, key, null);
            }
        }

        return (signed, message, key);
    }

    /// <summary>True when a proof (one object, or one of several) has an end date of its own.</summary>
    private static bool ProofsEnd(JsonObject credential) => credential["proof"] switch
    {
        JsonObject proof => proof["expires"] != null,
        JsonArray proofs => proofs.Any(p => p is not JsonObject proof || proof["expires"] != null),
        _ => false,
    };

    /// <summary>
    /// The issuer's name as this site can vouch for it: an issuer it issues for (its key is here) or
    /// one it trusts goes by its known name; any other by the host its key was published on.
    /// </summary>
    private async Task<(string? Name, bool Known)> NameAsync(ResolvedKey key, CancellationToken cancellationToken)
    {
        if (key.LocalIssuer is { } local)
        {
            return await issuers.NameAsync(local, cancellationToken) is { } name ? (name, true) : (key.IssuerId, false);
        }

        foreach (var list in trusted)
        {
            if (await list.NameAsync(key.IssuerId, cancellationToken) is { Length: > 0 } name)
            {
                return (name, true);
            }
        }

        return (key.Origin ?? key.IssuerId, false);
    }

    private static readonly string[] RegisteredClaims = ["iss", "sub", "jti", "nbf", "exp", "iat", "aud"];

    private static JsonObject WithoutClaims(JsonObject payload)
    {
        var credential = (JsonObject)payload.DeepClone();
        foreach (var claim in RegisteredClaims)
        {
            credential.Remove(claim);
        }

        return credential;
    }

    private async Task<(bool, string, ResolvedKey?)> CheckTokenAsync(JwsParts token, JsonObject credential, string? issuerId, ReadCounters read, CancellationToken cancellationToken)
    {
        var alg = Text(token.Header["alg"]);
        if (alg is null or "none" || !Enum.TryParse<SigningAlgorithm>(alg, out _))
        {
            return (false, alg is null or "none" ? "The token is unsigned (alg \"none\"): it proves nothing." : $"The algorithm {alg} is not accepted (RS256 or ES256).", null);
        }

        if (token.Header["jwk"] is JsonObject embedded && embedded["d"] != null)
        {
            return (false, "The token's header carries a private key.", null);
        }

        if (Text(token.Header["kid"]) is not { } kid)
        {
            return (false, "The token's header names no key (kid).", null);
        }

        var found = await ResolveKeyAsync(kid, read, cancellationToken);
        if (found is not { } key)
        {
            return (false, $"The key {kid} could not be found.", null);
        }

        if (key.Jwk == null || !Jws.Verify(alg, key.Jwk, token.SigningInput, token.Signature))
        {
            return (false, "The signature does not match: the credential was changed after signing, or another key signed it.", null);
        }

        if (Text(token.Payload["iss"]) is { } iss && iss != issuerId)
        {
            return (false, "The token's iss claim does not name the credential's issuer.", key);
        }

        if (Text(token.Payload["jti"]) is { } jti && jti != Text(credential["id"]))
        {
            return (false, "The token's jti claim does not match the credential's id.", key);
        }

        return (true, $"Signed with {alg} by the key {kid}.", key);
    }

    /// <summary>True when the key belongs to the issuer the credential names: the same identifier, or, for this site's issuers, either of their identifiers (the URL of old credentials, the DID of new ones).</summary>
    private bool Identifies(ResolvedKey key, string issuerId) =>
        issuerId == key.IssuerId
        || key.LocalIssuer is { } local && (issuerId == CredentialDocument.IssuerUrl(origin.Value, local) || issuerId == IssuerDid.For(origin.Value, local));

    /// <summary>
    /// A JSON credential is valid when its embedded Data Integrity proof holds, or (this site's credentials issued
    /// before they carried one) when it is exactly what the issuer signed as a VC-JWT.
    /// </summary>
    private async Task<(bool, string, ResolvedKey?)> CheckJsonAsync(JsonObject credential, Signed? ours, ReadCounters read, CancellationToken cancellationToken)
    {
        if (credential["proof"] != null)
        {
            var proof = await proofs.VerifyAsync(credential, read, cancellationToken, now: clock.GetUtcNow());
            return (proof.Valid, proof.Message, proof.Valid ? new ResolvedKey(proof.LocalIssuer, proof.Controller!, null, proof.Host) : null);
        }

        if (ours == null)
        {
            return (false, "This JSON has no proof, and it is not a credential this site issued: verify its signed (VC-JWT) form.", null);
        }

        if (!JsonNode.DeepEquals(credential, JsonNode.Parse(ours.Json)))
        {
            return (false, "This JSON differs from the credential the issuer signed.", null);
        }

        var token = Jws.Parse(ours.Jwt);
        var key = await keys.FindAsync(Text(token.Header["kid"]) ?? "", cancellationToken);
        return key is { } k && Jws.Verify(Text(token.Header["alg"]) ?? "", k.Jwk, token.SigningInput, token.Signature)
            ? (true, "Exactly the credential the issuer signed; its VC-JWT verifies.", new ResolvedKey(k.IssuerId, CredentialDocument.IssuerUrl(origin.Value, k.IssuerId), k.Jwk, null))
            : (false, "The issuer's signed copy does not verify.", null);
    }

    private VerificationCheck CheckDates(JsonObject credential, JwsParts? token)
    {
        var now = clock.GetUtcNow();
        if (!TryDate(credential["validFrom"], out var from))
        {
            return new("validity", false, "The credential has no readable validFrom date.");
        }

        if (from > now + Skew)
        {
            return new("validity", false, $"Not valid until {from:d MMMM yyyy}.");
        }

        if (credential["validUntil"] != null)
        {
            if (!TryDate(credential["validUntil"], out var until))
            {
                return new("validity", false, "The credential's validUntil date cannot be read.");
            }

            if (until <= now)
            {
                return new("validity", false, $"Expired on {until:d MMMM yyyy}.");
            }
        }

        if (token != null && token.Payload["exp"] is JsonValue exp && exp.TryGetValue<long>(out var seconds))
        {
            // The number was within ±2^53 to be read at all; a date is narrower still.
            if (seconds < DateTimeOffset.MinValue.ToUnixTimeSeconds() || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                return new("validity", false, "The token's exp claim is not a date.");
            }

            if (DateTimeOffset.FromUnixTimeSeconds(seconds) <= now)
            {
                return new("validity", false, "The token has expired (exp).");
            }
        }

        return new("validity", true, credential["validUntil"] != null ? $"Valid from {from:d MMMM yyyy} until {Text(credential["validUntil"])}." : $"Valid from {from:d MMMM yyyy}, with no end date.");
    }

    private async Task<(bool, string, string?)> CheckStatusAsync(JsonObject credential, ReadCounters read, CancellationToken cancellationToken)
    {
        if (credential["credentialStatus"] is not JsonObject status)
        {
            return (true, "The credential has no status entry, so it cannot be revoked.", null);
        }

        var listUrl = Text(status["statusListCredential"]);
        if (Text(status["type"]) != "BitstringStatusListEntry" || listUrl == null || !int.TryParse(Text(status["statusListIndex"]), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return (false, "The credential's status entry is not a Bitstring Status List entry that can be read.", null);
        }

        string encoded;
        var prefix = $"{origin.Value}/status/";
        if (listUrl.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParse(listUrl[prefix.Length..], out var listId))
        {
            if (await statusLists.PublishAsync(listId, cancellationToken) is not { } list)
            {
                return (false, "The credential's status list does not exist.", null);
            }

            // This site's own list: its bits as published, read once per revision.
            return index / 8 >= list.Bits.Length ? (false, "The credential's status entry lies outside its list.", null)
                : list.IsSet(index) ? await RevokedAsync(credential, cancellationToken)
                : (true, "Not revoked.", null);
        }
        else
        {
            var published = await FetchAsync(listUrl, cancellationToken);
            if (published?.TrimStart().StartsWith('{') == true)
            {
                // A status list credential with an embedded proof, as Data Integrity issuers publish them.
                JsonObject list;
                try
                {
                    list = UntrustedJson.ParseObject(published, read, what: "The status list");
                }
                catch (FormatException problem)
                {
                    return (false, problem.Message, null);
                }

                var proof = await proofs.VerifyAsync(list, read, cancellationToken, now: clock.GetUtcNow());
                if (!proof.Valid)
                {
                    return (false, $"The status list's proof does not verify: {proof.Message}", null);
                }

                encoded = Text(list["credentialSubject"]?["encodedList"]) ?? "";
            }
            else if (published != null && TryStatusList(published, read) is { } remote)
            {
                var key = Text(remote.Header["kid"]) is { } kid ? await ResolveKeyAsync(kid, read, cancellationToken) : null;
                if (key is not { Jwk: { } jwk } || !Jws.Verify(Text(remote.Header["alg"]) ?? "", jwk, remote.SigningInput, remote.Signature))
                {
                    return (false, "The status list's signature does not verify.", null);
                }

                encoded = Text(remote.Payload["credentialSubject"]?["encodedList"]) ?? "";
            }
            else
            {
                return (false, $"The status list {listUrl} could not be read.", null);
            }
        }

        try
        {
            return Bitstring.IsSet(encoded, index, read) ? await RevokedAsync(credential, cancellationToken) : (true, "Not revoked.", null);
        }
        catch (FormatException problem)
        {
            return (false, problem.Message, null);
        }
    }

    private async Task<(bool, string, string?)> RevokedAsync(JsonObject credential, CancellationToken cancellationToken)
    {
        var reason = await RevocationReasonAsync(credential, cancellationToken);
        return (false, reason != null ? $"Revoked by the issuer: {reason}" : "Revoked by the issuer.", reason ?? "Revoked");
    }

    private static JwsParts? TryStatusList(string text, ReadCounters read)
    {
        try
        {
            return Jws.Parse(text, read);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private async Task<ResolvedKey?> ResolveKeyAsync(string kid, ReadCounters read, CancellationToken cancellationToken)
    {
        if (await keys.FindAsync(kid, cancellationToken) is { } local)
        {
            return new(local.IssuerId, CredentialDocument.IssuerUrl(origin.Value, local.IssuerId), local.Jwk, null);
        }

        if (kid.StartsWith(origin.Value + "/", StringComparison.Ordinal) || !Uri.TryCreate(kid, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return null;
        }

        // Another issuer's key, published at its kid URL (a JWK, or a JWK Set holding it).
        if (await FetchAsync(kid, cancellationToken) is not { } text)
        {
            return null;
        }

        try
        {
            var node = UntrustedJson.Parse(Encoding.UTF8.GetBytes(text), read, what: "The issuer's key") as JsonObject;
            var jwk = node?["keys"] is JsonArray set ? set.OfType<JsonObject>().FirstOrDefault(k => Text(k["kid"]) == kid || Text(k["kid"]) == uri.Fragment.TrimStart('#')) : node;
            var issuer = kid.Contains("/keys/", StringComparison.Ordinal) ? kid[..kid.IndexOf("/keys/", StringComparison.Ordinal)] : $"{uri.Scheme}://{uri.Authority}";
            var host = uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";
            return jwk == null || jwk["d"] != null ? null : new(null, issuer, jwk, host);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A document another site publishes (a key, a status list), through the guarded client: public https hosts only, no redirects, at most 1 MB in 5 seconds.</summary>
    private async Task<string?> FetchAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return null;
        }

        try
        {
            using var response = await http.Create(CredentialsModule.VerifierClient).GetAsync(uri, cancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(cancellationToken) : null;
        }
        catch (Exception problem) when (problem is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>A credential or endorsement this site signed, as it was signed.</summary>
    private sealed record Signed(string Json, string Jwt);

    /// <summary>As signed here, from this node's memory of immutable documents (the database only the first time).</summary>
    private async Task<Signed?> OursAsync(JsonObject credential, CancellationToken cancellationToken) => OurId(credential) switch
    {
        ("credentials", var id) => await documents.CredentialAsync(id, () => db, cancellationToken) is { IsCopy: false } signed ? new Signed(signed.Json, signed.Jwt) : null,
        ("endorsements", var id) => await documents.EndorsementAsync(id, () => db, cancellationToken) is { } signed ? new Signed(signed.Json, signed.Jwt) : null,
        _ => null,
    };

    /// <summary>The credential this site signed, when what was sent is exactly it (the same JSON, or the same JWT's payload).</summary>
    private async Task<SignedCredential?> SignedHereAsync(JsonObject credential, JwsParts? token, CancellationToken cancellationToken)
    {
        if (OurId(credential) is not ("credentials", var id) || await documents.CredentialAsync(id, () => db, cancellationToken) is not { IsCopy: false } signed)
        {
            return null;
        }

        return token != null
            ? token.SigningInput.AsSpan().SequenceEqual(Encoding.ASCII.GetBytes(signed.Jwt[..signed.Jwt.LastIndexOf('.')])) ? signed : null
            : JsonNode.DeepEquals(credential, signed.Document.Value) ? signed : null;
    }

    /// <summary>The issuer's reason, when this site issued the revoked credential (a wallet's copy: its original), or withdrawn endorsement.</summary>
    private async Task<string?> RevocationReasonAsync(JsonObject credential, CancellationToken cancellationToken) => OurId(credential) switch
    {
        ("credentials", var id) => await db.Set<IssuedCredential>().Where(c => c.Id == id).Select(c => c.RevocationReason).FirstOrDefaultAsync(cancellationToken)
            ?? await db.Set<Wallet.WalletCopy>().Where(w => w.Id == id).Join(db.Set<IssuedCredential>(), w => w.OriginalId, c => c.Id, (w, c) => c.RevocationReason).FirstOrDefaultAsync(cancellationToken),
        ("endorsements", var id) => await db.Set<Endorsement>().Where(e => e.Id == id).Select(e => e.WithdrawalReason).FirstOrDefaultAsync(cancellationToken),
        _ => null,
    };

    private (string Kind, string Id)? OurId(JsonObject credential)
    {
        foreach (var kind in new[] { "credentials", "endorsements" })
        {
            var prefix = $"{origin.Value}/{kind}/";
            if (Text(credential["id"]) is { } id && id.StartsWith(prefix, StringComparison.Ordinal) && id.Length - prefix.Length is > 0 and <= 32)
            {
                return (kind, id[prefix.Length..]);
            }
        }

        return null;
    }

    private static bool TryDate(JsonNode? node, out DateTimeOffset value)
    {
        value = default;
        return Text(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
