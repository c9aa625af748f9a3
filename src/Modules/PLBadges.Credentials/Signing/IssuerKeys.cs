using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Hosting;
using PLBadges.Credentials.Issuing;
using PLBadges.Data;

namespace PLBadges.Credentials.Signing;

/// <summary>A key ready to sign: its public identity (the <c>kid</c> URL) and the private key.</summary>
public sealed record SigningKey(string Id, string Kid, SigningAlgorithm Algorithm, AsymmetricAlgorithm Key)
{
    public byte[] Sign(byte[] data) => Jws.SignWith(Algorithm, Key, data);
}

/// <summary>
/// Each issuer's signing keys: created on first use, private halves kept as Data Protection
/// ciphertext, rotated on demand (the new key signs; older public keys stay published). Unprotected
/// keys are cached per node, so signing does not pay for decryption every time. Which key is
/// current is remembered for a minute per node (a rotation here forgets it at once; another node
/// signs with the retired key for at most that minute, which still verifies); a public key, which
/// never changes, is remembered for an hour.
/// </summary>
public sealed class IssuerKeys(PLBadgesDbContext db, IDataProtectionProvider protection, SiteOrigin origin, IOptions<CredentialOptions> options, TimeProvider clock, IMemoryCache cache)
{
    private static readonly ConcurrentDictionary<string, AsymmetricAlgorithm> Unprotected = new();
    private static readonly TimeSpan CurrentLifetime = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan PublicLifetime = TimeSpan.FromHours(1);

    private sealed record Current(string Id, SigningAlgorithm Algorithm, string ProtectedPrivateKey);

    private sealed record Public(Guid IssuerId, string Jwk);

    private IDataProtector Protector => protection.CreateProtector("PLBadges.Credentials.IssuerKeys.v1");

    public string KidOf(Guid issuerId, string keyId) => $"{origin.Value}/issuers/{issuerId}/keys/{keyId}";

    /// <summary>The key that signs for the issuer now, in the configured algorithm; made the first time.</summary>
    public async Task<SigningKey> CurrentAsync(Guid issuerId, CancellationToken cancellationToken)
    {
        var algorithm = options.Value.Algorithm;
        var cacheKey = (nameof(Current), issuerId, algorithm);
        if (!cache.TryGetValue(cacheKey, out Current? key) || key == null)
        {
            var stored = await db.Set<IssuerKey>().AsNoTracking()
                .FirstOrDefaultAsync(k => k.IssuerId == issuerId && k.Algorithm == algorithm && k.RetiredAt == null, cancellationToken);
            if (stored == null)
            {
                stored = Create(issuerId, algorithm);
                await db.SaveChangesAsync(cancellationToken); // two nodes at once: the unique index lets one win; the other retries
            }
            key = new Current(stored.Id, stored.Algorithm, stored.ProtectedPrivateKey);
            if (stored.CreatedAt < clock.GetUtcNow().UtcDateTime - TimeSpan.FromSeconds(1))
            {
                cache.Set(cacheKey, key, CurrentLifetime); // a key made just now may still lose a race with another node's: remembered once it is settled
            }
        }

        return new SigningKey(key.Id, KidOf(issuerId, key.Id), key.Algorithm, Unprotected.GetOrAdd(key.Id, _ => Jws.ImportPrivate(key.Algorithm, Protector.Unprotect(Convert.FromBase64String(key.ProtectedPrivateKey)))));
    }

    /// <summary>Retires the issuer's current keys and makes new ones; credentials signed before still verify.</summary>
    public async Task RotateAsync(Guid issuerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var current = await db.Set<IssuerKey>().Where(k => k.IssuerId == issuerId && k.RetiredAt == null).ToListAsync(cancellationToken);
        foreach (var key in current)
        {
            key.RetiredAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        Create(issuerId, options.Value.Algorithm);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var algorithm in Enum.GetValues<SigningAlgorithm>())
        {
            cache.Remove((nameof(Current), issuerId, algorithm));
        }
    }

    /// <summary>The issuer's public keys, current and retired, as a JWK Set.</summary>
    public async Task<JsonObject> JwksAsync(Guid? issuerId, CancellationToken cancellationToken)
    {
        var keys = await db.Set<IssuerKey>().AsNoTracking()
            .Where(k => issuerId == null || k.IssuerId == issuerId)
            .OrderBy(k => k.CreatedAt).Select(k => k.PublicJwk).ToListAsync(cancellationToken);
        return new JsonObject { ["keys"] = new JsonArray(keys.Select(k => (JsonNode)JsonNode.Parse(k)!).ToArray()) };
    }

    /// <summary>A public key by its <c>kid</c> URL, when this site issued it.</summary>
    public async Task<(Guid IssuerId, JsonObject Jwk)?> FindAsync(string kid, CancellationToken cancellationToken)
    {
        var prefix = $"{origin.Value}/issuers/";
        if (!kid.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var keyId = kid[(kid.LastIndexOf('/') + 1)..];
        if (!cache.TryGetValue((nameof(Public), keyId), out Public? key) || key == null)
        {
            key = await db.Set<IssuerKey>().AsNoTracking().Where(k => k.Id == keyId).Select(k => new Public(k.IssuerId, k.PublicJwk)).FirstOrDefaultAsync(cancellationToken);
            if (key == null)
            {
                return null;
            }

            cache.Set((nameof(Public), keyId), key, PublicLifetime);
        }

        return KidOf(key.IssuerId, keyId) == kid ? (key.IssuerId, (JsonObject)JsonNode.Parse(key.Jwk)!) : null;
    }

    private IssuerKey Create(Guid issuerId, SigningAlgorithm algorithm)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        using var key = Jws.NewKey(algorithm);
        var entity = new IssuerKey
        {
            Id = id,
            IssuerId = issuerId,
            Algorithm = algorithm,
            PublicJwk = Jws.PublicJwk(algorithm, key, KidOf(issuerId, id)).ToJsonString(),
            ProtectedPrivateKey = Convert.ToBase64String(Protector.Protect(key.ExportPkcs8PrivateKey())),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(entity);
        return entity;
    }
}
