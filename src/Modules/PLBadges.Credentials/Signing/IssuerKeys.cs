using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NSec.Cryptography;
using PLBadges.Abstractions.Hosting;
using PLBadges.Credentials.Api;
using PLBadges.Credentials.Issuing;
using PLBadges.Data;

namespace PLBadges.Credentials.Signing;

/// <summary>A key ready to sign: its public identity (the <c>kid</c> URL) and the private key.</summary>
public sealed record SigningKey(string Id, string Kid, SigningAlgorithm Algorithm, AsymmetricAlgorithm Key)
{
    public byte[] Sign(byte[] data) => Jws.SignWith(Algorithm, Key, data);
}

/// <summary>One of an issuer's Ed25519 keys as its DID document lists it.</summary>
public sealed record VerificationMethodKey(string Id, byte[] PublicKey, DateTime CreatedAt, DateTime? RetiredAt);

/// <summary>
/// Each issuer's signing keys: a JWT key (RS256 or ES256, <c>Credentials:Algorithm</c>) and beside it an Ed25519 key
/// for Data Integrity proofs, created on first use, private halves kept as Data Protection ciphertext, and
/// rotated together (the new keys sign; older public keys stay published). Unprotected keys are cached per node,
/// so signing does not pay for decryption every time. Which key is current is remembered for a minute per node
/// (a rotation here forgets it at once; another node signs with the retired key for at most that minute, which
/// still verifies); a public key, which never changes, is remembered for an hour. The issuer's key set and DID
/// document are built once per revision of its keys (<see cref="RevisionAsync"/>).
/// </summary>
public sealed class IssuerKeys(PLBadgesDbContext db, IDataProtectionProvider protection, SiteOrigin origin, IOptions<CredentialOptions> options, TimeProvider clock, IMemoryCache cache, Revisions revisions)
{
    private static readonly ConcurrentDictionary<string, AsymmetricAlgorithm> Unprotected = new();
    private static readonly ConcurrentDictionary<string, Key> UnprotectedEd25519 = new();
    private static readonly TimeSpan CurrentLifetime = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan PublicLifetime = TimeSpan.FromHours(1);

    private sealed record Current(string Id, SigningAlgorithm Algorithm, string ProtectedPrivateKey);

    private sealed record Public(Guid IssuerId, string Jwk);

    /// <summary>Where the revision of an issuer's keys (of every issuer's, for a null id) is kept in <see cref="Revisions"/>.</summary>
    private sealed record KeysOf(Guid? IssuerId);

    /// <summary>
    /// The revision of the issuer's keys (every issuer's with null): how many there are and when the newest was made.
    /// Keys are only ever added (a rotation adds two and retires the old ones, which stay published), so a new count
    /// or a newer key means a new key set and DID document. Null when there are none.
    /// </summary>
    internal sealed record KeyRevision(int Count, DateTime Newest);

    /// <summary>The revision of the issuer's keys as this node knows it (see <see cref="Revisions"/>); null when it has none.</summary>
    internal Task<KeyRevision?> RevisionAsync(Guid? issuerId, CancellationToken cancellationToken) =>
        revisions.RevisionAsync(new KeysOf(issuerId), async ct =>
        {
            var keys = db.Set<IssuerKey>().Where(k => issuerId == null || k.IssuerId == issuerId);
            var newest = await keys.MaxAsync(k => (DateTime?)k.CreatedAt, ct);
            return newest == null ? null : new KeyRevision(await keys.CountAsync(ct), newest.Value);
        }, cancellationToken);

    /// <summary>New keys were committed for the issuer on this node: its key set and DID document (and the site's) are read again.</summary>
    private void ForgetRevision(Guid issuerId)
    {
        revisions.Forget(new KeysOf(issuerId));
        revisions.Forget(new KeysOf(null));
    }

    private IDataProtector Protector => protection.CreateProtector("PLBadges.Credentials.IssuerKeys.v1");

    public string KidOf(Guid issuerId, string keyId) => $"{origin.Value}/issuers/{issuerId}/keys/{keyId}";

    /// <summary>The key that signs the issuer's VC-JWTs now, in the configured algorithm; made the first time.</summary>
    public async Task<SigningKey> CurrentAsync(Guid issuerId, CancellationToken cancellationToken)
    {
        var key = await CurrentOfAsync(issuerId, options.Value.Algorithm, cancellationToken);
        return new SigningKey(key.Id, KidOf(issuerId, key.Id), key.Algorithm, Unprotected.GetOrAdd(key.Id, _ => Jws.ImportPrivate(key.Algorithm, Unprotect(key))));
    }

    /// <summary>The Ed25519 key that makes the issuer's Data Integrity proofs now; made the first time.</summary>
    public async Task<ProofKey> CurrentProofKeyAsync(Guid issuerId, CancellationToken cancellationToken)
    {
        var key = await CurrentOfAsync(issuerId, SigningAlgorithm.Ed25519, cancellationToken);
        return new ProofKey(key.Id, IssuerDid.VerificationMethod(origin.Value, issuerId, key.Id), UnprotectedEd25519.GetOrAdd(key.Id, _ => DataIntegrity.ImportPrivate(Unprotect(key))));
    }

    private byte[] Unprotect(Current key) => Protector.Unprotect(Convert.FromBase64String(key.ProtectedPrivateKey));

    private async Task<Current> CurrentOfAsync(Guid issuerId, SigningAlgorithm algorithm, CancellationToken cancellationToken)
    {
        var cacheKey = (nameof(Current), issuerId, algorithm);
        if (cache.TryGetValue(cacheKey, out Current? key) && key != null)
        {
            return key;
        }

        var stored = await db.Set<IssuerKey>().AsNoTracking()
            .FirstOrDefaultAsync(k => k.IssuerId == issuerId && k.Algorithm == algorithm && k.RetiredAt == null, cancellationToken);
        if (stored == null)
        {
            stored = Create(issuerId, algorithm);
            await db.SaveChangesAsync(cancellationToken); // two nodes at once: the unique index lets one win; the other retries
            ForgetRevision(issuerId);
        }

        key = new Current(stored.Id, stored.Algorithm, stored.ProtectedPrivateKey);
        if (stored.CreatedAt < clock.GetUtcNow().UtcDateTime - TimeSpan.FromSeconds(1))
        {
            cache.Set(cacheKey, key, CurrentLifetime); // a key made just now may still lose a race with another node's: remembered once it is settled
        }

        return key;
    }

    /// <summary>Retires the issuer's current keys and makes new ones (a JWT key and an Ed25519 key); credentials signed before still verify.</summary>
    public async Task RotateAsync(Guid issuerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.InTransactionAsync(async ct =>
        {
            var current = await db.Set<IssuerKey>().Where(k => k.IssuerId == issuerId && k.RetiredAt == null).ToListAsync(ct);
            foreach (var key in current)
            {
                key.RetiredAt = now;
            }

            await db.SaveChangesAsync(ct); // retired before the new ones exist: the index allows one current key per algorithm
            Create(issuerId, options.Value.Algorithm);
            Create(issuerId, SigningAlgorithm.Ed25519);
            await db.SaveChangesAsync(ct);
        }, cancellationToken);
        foreach (var algorithm in Enum.GetValues<SigningAlgorithm>())
        {
            cache.Remove((nameof(Current), issuerId, algorithm));
        }

        ForgetRevision(issuerId);
    }

    /// <summary>The issuer's public JWT keys, current and retired, as a JWK Set (the Ed25519 proof keys are in its DID document instead).</summary>
    public async Task<JsonObject> JwksAsync(Guid? issuerId, CancellationToken cancellationToken)
    {
        var keys = await db.Set<IssuerKey>().AsNoTracking()
            .Where(k => (issuerId == null || k.IssuerId == issuerId) && k.Algorithm != SigningAlgorithm.Ed25519)
            .OrderBy(k => k.CreatedAt).Select(k => k.PublicJwk).ToListAsync(cancellationToken);
        return new JsonObject { ["keys"] = new JsonArray(keys.Select(k => (JsonNode)JsonNode.Parse(k)!).ToArray()) };
    }

    /// <summary>A public JWT key by its <c>kid</c> URL, when this site issued it.</summary>
    public async Task<(Guid IssuerId, JsonObject Jwk)?> FindAsync(string kid, CancellationToken cancellationToken)
    {
        var prefix = $"{origin.Value}/issuers/";
        if (!kid.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var keyId = kid[(kid.LastIndexOf('/') + 1)..];
        var key = await PublicAsync(keyId, cancellationToken);
        return key != null && KidOf(key.IssuerId, keyId) == kid && JsonNode.Parse(key.Jwk) is JsonObject jwk && (string?)jwk["kty"] != "OKP" ? (key.IssuerId, jwk) : null;
    }

    /// <summary>The raw Ed25519 public key of one of the issuer's proof keys (current or retired), when this site holds it.</summary>
    public async Task<byte[]?> FindProofKeyAsync(Guid issuerId, string keyId, CancellationToken cancellationToken)
    {
        var key = await PublicAsync(keyId, cancellationToken);
        return key != null && key.IssuerId == issuerId && JsonNode.Parse(key.Jwk) is JsonObject jwk && (string?)jwk["kty"] == "OKP" && (string?)jwk["x"] is { } x
            ? Base64Url.DecodeFromChars(x)
            : null;
    }

    private async Task<Public?> PublicAsync(string keyId, CancellationToken cancellationToken)
    {
        if (keyId.Length is 0 or > 32)
        {
            return null;
        }

        if (!cache.TryGetValue((nameof(Public), keyId), out Public? key) || key == null)
        {
            key = await db.Set<IssuerKey>().AsNoTracking().Where(k => k.Id == keyId).Select(k => new Public(k.IssuerId, k.PublicJwk)).FirstOrDefaultAsync(cancellationToken);
            if (key == null)
            {
                return null;
            }

            cache.Set((nameof(Public), keyId), key, PublicLifetime);
        }

        return key;
    }

    /// <summary>The issuer's Ed25519 keys, newest first, at most <paramref name="limit"/>: what its DID document lists.</summary>
    public async Task<IReadOnlyList<VerificationMethodKey>> ProofKeysAsync(Guid issuerId, int limit, CancellationToken cancellationToken)
    {
        var rows = await db.Set<IssuerKey>().AsNoTracking()
            .Where(k => k.IssuerId == issuerId && k.Algorithm == SigningAlgorithm.Ed25519)
            .OrderByDescending(k => k.CreatedAt).Take(limit)
            .Select(k => new { k.Id, k.PublicJwk, k.CreatedAt, k.RetiredAt }).ToListAsync(cancellationToken);
        return rows.Select(k => new VerificationMethodKey(k.Id, Base64Url.DecodeFromChars((string)JsonNode.Parse(k.PublicJwk)!["x"]!), k.CreatedAt, k.RetiredAt)).ToList();
    }

    private IssuerKey Create(Guid issuerId, SigningAlgorithm algorithm)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        string publicJwk;
        byte[] privateKey;
        if (algorithm == SigningAlgorithm.Ed25519)
        {
            using var key = DataIntegrity.NewKey();
            publicJwk = new JsonObject { ["kty"] = "OKP", ["crv"] = "Ed25519", ["x"] = Base64Url.EncodeToString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)) }.ToJsonString();
            privateKey = key.Export(KeyBlobFormat.RawPrivateKey);
        }
        else
        {
            using var key = Jws.NewKey(algorithm);
            publicJwk = Jws.PublicJwk(algorithm, key, KidOf(issuerId, id)).ToJsonString();
            privateKey = key.ExportPkcs8PrivateKey();
        }

        var entity = new IssuerKey
        {
            Id = id,
            IssuerId = issuerId,
            Algorithm = algorithm,
            PublicJwk = publicJwk,
            ProtectedPrivateKey = Convert.ToBase64String(Protector.Protect(privateKey)),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        CryptographicOperations.ZeroMemory(privateKey);
        db.Add(entity);
        return entity;
    }
}
