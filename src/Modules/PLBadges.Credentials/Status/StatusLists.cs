using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PLBadges.Abstractions.Hosting;
using PLBadges.Credentials.Issuing;
using PLBadges.Credentials.Signing;
using PLBadges.Data;

namespace PLBadges.Credentials.Status;

/// <summary>
/// Issuers' Bitstring Status Lists: hands out entries, and publishes each list as a signed
/// BitstringStatusListCredential. A published list is cached per node until its revision changes.
/// The revision itself is read at most every few seconds per node: a revocation made on this node
/// shows at once, one made on another node within <see cref="RevisionLifetime"/> (the promise is a minute).
/// </summary>
public sealed class StatusLists(PLBadgesDbContext db, IssuerKeys keys, SiteOrigin origin, TimeProvider clock, IMemoryCache cache)
{
    private static readonly ConcurrentDictionary<Guid, (int Revision, string Origin, string Jwt, JsonObject Credential)> Published = new();
    private static readonly TimeSpan RevisionLifetime = TimeSpan.FromSeconds(10);

    private sealed record Revision(Guid IssuerId, int Number);

    public static string Url(string origin, Guid listId) => $"{origin}/status/{listId}";

    /// <summary>The next free entry of the issuer's current list (a new list when it is full), in the unit of work.</summary>
    internal async Task<(StatusList List, int Index)> AllocateAsync(Guid issuerId, CancellationToken cancellationToken)
    {
        var list = db.Set<StatusList>().Local.Where(l => l.IssuerId == issuerId && l.NextIndex < StatusList.Size).OrderByDescending(l => l.Number).FirstOrDefault()
            ?? await db.Set<StatusList>().Where(l => l.IssuerId == issuerId && l.NextIndex < StatusList.Size).OrderByDescending(l => l.Number).FirstOrDefaultAsync(cancellationToken);
        if (list == null)
        {
            var number = await db.Set<StatusList>().Where(l => l.IssuerId == issuerId).MaxAsync(l => (int?)l.Number, cancellationToken) ?? -1;
            list = new StatusList { Id = Guid.NewGuid(), IssuerId = issuerId, Number = number + 1 };
            db.Add(list);
        }

        var index = list.NextIndex;
        list.NextIndex++;
        return (list, index);
    }

    /// <summary>Marks a change of the list's entries (a revocation or its undoing), in the unit of work.</summary>
    internal async Task TouchAsync(Guid listId, CancellationToken cancellationToken)
    {
        var list = await db.Set<StatusList>().FirstAsync(l => l.Id == listId, cancellationToken);
        list.Revision++;
    }

    /// <summary>Forgets what this node knows of the list's revision: called once a change of its entries is committed.</summary>
    internal void Forget(Guid listId) => cache.Remove((nameof(Revision), listId));

    /// <summary>The list as a signed credential (a VC-JWT) and as JSON; null when there is no such list.</summary>
    public async Task<(string Jwt, JsonObject Credential)?> PublishAsync(Guid listId, CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue((nameof(Revision), listId), out Revision? list) || list == null)
        {
            list = await db.Set<StatusList>().AsNoTracking().Where(l => l.Id == listId).Select(l => new Revision(l.IssuerId, l.Revision)).FirstOrDefaultAsync(cancellationToken);
            if (list == null)
            {
                return null;
            }

            cache.Set((nameof(Revision), listId), list, RevisionLifetime);
        }

        var here = origin.Value;
        if (Published.TryGetValue(listId, out var cached) && cached.Revision == list.Number && cached.Origin == here)
        {
            return (cached.Jwt, cached.Credential);
        }

        var revoked = await db.Set<IssuedCredential>().AsNoTracking()
            .Where(c => c.StatusListId == listId && c.RevokedAt != null).Select(c => c.StatusIndex).ToListAsync(cancellationToken);
        revoked.AddRange(await db.Set<Endorsement>().AsNoTracking() // a state's list holds its withdrawn endorsements
            .Where(e => e.StatusListId == listId && e.WithdrawnAt != null).Select(e => e.StatusIndex).ToListAsync(cancellationToken));
        var url = Url(here, listId);
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray(CredentialDocument.VcContext),
            ["id"] = url,
            ["type"] = new JsonArray("VerifiableCredential", "BitstringStatusListCredential"),
            ["issuer"] = IssuerDid.For(here, list.IssuerId), // the id the issuer's credentials name it by, as verifiers that match issuers expect
            ["validFrom"] = CredentialDocument.Timestamp(clock.GetUtcNow().UtcDateTime),
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = $"{url}#list",
                ["type"] = "BitstringStatusList",
                ["statusPurpose"] = "revocation",
                ["encodedList"] = Bitstring.Encode(StatusList.Size, revoked),
            },
        };
        var key = await keys.CurrentAsync(list.IssuerId, cancellationToken);
        DataIntegrity.Sign(credential, await keys.CurrentProofKeyAsync(list.IssuerId, cancellationToken), clock.GetUtcNow().UtcDateTime);
        var jwt = Jws.Sign(new JsonObject { ["alg"] = key.Algorithm.ToString(), ["kid"] = key.Kid, ["typ"] = "JWT" }, CredentialDocument.Claims(credential), key.Sign);
        Published[listId] = (list.Number, here, jwt, credential);
        return (jwt, credential);
    }
}
