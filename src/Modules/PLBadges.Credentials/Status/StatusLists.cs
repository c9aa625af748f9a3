using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Hosting;
using PLBadges.Credentials.Api;
using PLBadges.Credentials.Issuing;
using PLBadges.Credentials.Signing;
using PLBadges.Data;

namespace PLBadges.Credentials.Status;

/// <summary>
/// Issuers' Bitstring Status Lists: hands out entries, and publishes each list as a signed
/// BitstringStatusListCredential. A published list is cached per node until its revision changes.
/// <remarks>
/// The revision itself is read at most every few seconds per node (<see cref="Revisions"/>): a revocation made on
/// this node shows at once, one made on another node within <see cref="Revisions.Lifetime"/> (the promise is a minute).
/// Every node signs the same document for the same revision: its <c>validFrom</c> and its proof's time are the
/// revision's time, and its entity tag names the revision and key, so a reader or a shared cache can ask any node
/// whether its copy is still current (304) and a revocation makes a new tag.
/// </remarks>
/// </summary>
public sealed class StatusLists(PLBadgesDbContext db, IssuerKeys keys, SiteOrigin origin, TimeProvider clock, Revisions revisions)
{
    private sealed record Revision(Guid IssuerId, int Number, DateTime At);

    /// <summary>Where the list's revision, and its published copy for each origin, are kept in <see cref="Revisions"/>.</summary>
    private sealed record ListKey(Guid ListId, string? Origin = null);

    public static string Url(string origin, Guid listId) => $"{origin}/status/{listId}";

    /// <summary>The next free entry of the issuer's current list (a new list when it is full), in the unit of work.</summary>
    internal async Task<(StatusList List, int Index)> AllocateAsync(Guid issuerId, CancellationToken cancellationToken)
    {
        var list = db.Set<StatusList>().Local.Where(l => l.IssuerId == issuerId && l.NextIndex < StatusList.Size).OrderByDescending(l => l.Number).FirstOrDefault()
            ?? await db.Set<StatusList>().Where(l => l.IssuerId == issuerId && l.NextIndex < StatusList.Size).OrderByDescending(l => l.Number).FirstOrDefaultAsync(cancellationToken);
        if (list == null)
        {
            var number = await db.Set<StatusList>().Where(l => l.IssuerId == issuerId).MaxAsync(l => (int?)l.Number, cancellationToken) ?? -1;
            list = new StatusList { Id = Guid.NewGuid(), IssuerId = issuerId, Number = number + 1, RevisedAt = clock.GetUtcNow().UtcDateTime };
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
        list.RevisedAt = clock.GetUtcNow().UtcDateTime;
    }

    /// <summary>Forgets what this node knows of the list's revision: called once a change of its entries is committed.</summary>
    internal void Forget(Guid listId) => revisions.Forget(new ListKey(listId));

    /// <summary>The list as a signed credential (a VC-JWT) and as JSON; null when there is no such list.</summary>
    internal async Task<PublishedList?> PublishAsync(Guid listId, CancellationToken cancellationToken)
    {
        var list = await revisions.RevisionAsync(new ListKey(listId), ct =>
            db.Set<StatusList>().AsNoTracking().Where(l => l.Id == listId).Select(l => new Revision(l.IssuerId, l.Revision, l.RevisedAt)).FirstOrDefaultAsync(ct), cancellationToken);
        if (list == null)
        {
            return null;
        }

        // This node's published copy for the revision (each node, and each test site, has its own).
        var here = origin.Value;
        return await revisions.DocumentAsync(new ListKey(listId, here), list, ct => SignAsync(listId, list, here, ct), cancellationToken);
    }

    private async Task<PublishedList> SignAsync(Guid listId, Revision list, string here, CancellationToken cancellationToken)
    {
        var revoked = await db.Set<IssuedCredential>().AsNoTracking()
            .Where(c => c.StatusListId == listId && c.RevokedAt != null).Select(c => c.StatusIndex).ToListAsync(cancellationToken);
        revoked.AddRange(await db.Set<Endorsement>().AsNoTracking() // a state's list holds its withdrawn endorsements
            .Where(e => e.StatusListId == listId && e.WithdrawnAt != null).Select(e => e.StatusIndex).ToListAsync(cancellationToken));
        var url = Url(here, listId);
        var revisedAt = DateTime.SpecifyKind(list.At, DateTimeKind.Utc);
        var bits = Bitstring.Bits(StatusList.Size, revoked);
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray(CredentialDocument.VcContext),
            ["id"] = url,
            ["type"] = new JsonArray("VerifiableCredential", "BitstringStatusListCredential"),
            ["issuer"] = IssuerDid.For(here, list.IssuerId), // the id the issuer's credentials name it by, as verifiers that match issuers expect
            ["validFrom"] = CredentialDocument.Timestamp(revisedAt),
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = $"{url}#list",
                ["type"] = "BitstringStatusList",
                ["statusPurpose"] = "revocation",
                ["encodedList"] = Bitstring.Encode(bits),
            },
        };
        var key = await keys.CurrentAsync(list.IssuerId, cancellationToken);
        var proofKey = await keys.CurrentProofKeyAsync(list.IssuerId, cancellationToken);
        DataIntegrity.Sign(credential, proofKey, revisedAt);
        var jwt = Jws.Sign(new JsonObject { ["alg"] = key.Algorithm.ToString(), ["kid"] = key.Kid, ["typ"] = "JWT" }, CredentialDocument.Claims(credential), key.Sign);
        // Weak tags: an ECDSA signature differs from node to node, but the list's meaning is the revision's.
        var tag = $"r{list.Number}-{key.Id}-{proofKey.Id}";
        var published = new PublishedList(list.Number, jwt, credential,
            new PublicDocument(Encoding.ASCII.GetBytes(jwt), PublicDocument.Jwt, $"W/\"{tag}-jwt\"", DocumentLifetimes.Changing, variesByAccept: true, compress: true),
            new PublicDocument(Encoding.UTF8.GetBytes(credential.ToJsonString()), PublicDocument.Json, $"W/\"{tag}-json\"", DocumentLifetimes.Changing, variesByAccept: true, compress: true),
            bits);
        return published;
    }
}

/// <summary>A status list as published for one revision: signed, in both forms ready to send, and its bits read once.</summary>
internal sealed record PublishedList(int Revision, string Jwt, JsonObject Credential, PublicDocument JwtDocument, PublicDocument JsonDocument, byte[] Bits)
{
    /// <summary>Whether the entry at <paramref name="index"/> is set (revoked).</summary>
    public bool IsSet(int index) => index >= 0 && index / 8 < Bits.Length && (Bits[index / 8] & (0x80 >> (index % 8))) != 0;
}
