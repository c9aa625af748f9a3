using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Hosting;
using PLBadges.Credentials.Contracts;
using PLBadges.Credentials.Signing;
using PLBadges.Credentials.Status;
using PLBadges.Data;

namespace PLBadges.Credentials.Issuing;

/// <summary>
/// An EndorsementCredential of a micro-credential's achievement, signed by the endorser (a state).
/// Like a credential, its JSON and VC-JWT never change; withdrawal lives beside it and in the
/// endorser's status list.
/// </summary>
internal sealed class Endorsement
{
    public required string Id { get; set; }

    public Guid EndorserId { get; set; }

    public Guid MicroCredentialId { get; set; }

    public required string AchievementId { get; set; }

    public required string Name { get; set; }

    public required string Comment { get; set; }

    public DateTime EndorsedAt { get; set; }

    public Guid EndorsedBy { get; set; }

    public required string Json { get; set; }

    public required string Jwt { get; set; }

    public required string KeyId { get; set; }

    public Guid StatusListId { get; set; }

    public int StatusIndex { get; set; }

    public DateTime? WithdrawnAt { get; set; }

    public string? WithdrawalReason { get; set; }

    public Guid? WithdrawnBy { get; set; }
}

internal sealed class EndorsementService(
    PLBadgesDbContext db,
    IssuerNames issuers,
    IssuerKeys keys,
    StatusLists statusLists,
    SiteOrigin origin,
    IOptions<CredentialOptions> options,
    TimeProvider clock) : IEndorsements
{
    public const int MaxCommentLength = 2000;

    public static string Url(string origin, string id) => $"{origin}/endorsements/{id}";

    public async Task<EndorsementOutcome> EndorseAsync(Guid endorserId, Guid microCredentialId, string slug, string name, string comment, Guid endorsedBy, CancellationToken cancellationToken = default)
    {
        comment = comment.Trim();
        if (comment.Length is 0 or > MaxCommentLength)
        {
            return new(null, $"Say in a sentence or two what the endorsement affirms (at most {MaxCommentLength} characters): it is part of the signed endorsement.");
        }

        if (await db.Set<Endorsement>().AnyAsync(e => e.EndorserId == endorserId && e.MicroCredentialId == microCredentialId && e.WithdrawnAt == null, cancellationToken))
        {
            return new(null, $"{name} is already endorsed; withdraw that endorsement first to endorse it again.");
        }

        var endorserName = await issuers.NameAsync(endorserId, cancellationToken) ?? throw new InvalidOperationException($"Endorser {endorserId} is not an organization.");
        var here = origin.Value;
        var id = CredentialIssuer.NewId();
        var now = clock.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var (list, index) = await statusLists.AllocateAsync(endorserId, cancellationToken);
        var achievementId = $"{here}/micro-credentials/{slug}";
        var document = new JsonObject
        {
            ["@context"] = CredentialDocument.Contexts(),
            ["id"] = Url(here, id),
            ["type"] = new JsonArray("VerifiableCredential", "EndorsementCredential"),
            ["name"] = $"{endorserName} endorses {name}",
            ["issuer"] = CredentialDocument.IssuerProfile(IssuerDid.For(here, endorserId), here, endorserName, options.Value.IssuerEmail),
            ["validFrom"] = CredentialDocument.Timestamp(now),
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = achievementId,
                ["type"] = new JsonArray("EndorsementSubject"),
                ["endorsementComment"] = comment,
            },
            ["credentialStatus"] = new JsonObject
            {
                ["id"] = $"{StatusLists.Url(here, list.Id)}#{index}",
                ["type"] = "BitstringStatusListEntry",
                ["statusPurpose"] = "revocation",
                ["statusListIndex"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["statusListCredential"] = StatusLists.Url(here, list.Id),
            },
            ["credentialSchema"] = CredentialDocument.SchemaOf(CredentialDocument.EndorsementSchema),
        };
        var key = await keys.CurrentAsync(endorserId, cancellationToken);
        DataIntegrity.Sign(document, await keys.CurrentProofKeyAsync(endorserId, cancellationToken), clock.GetUtcNow().UtcDateTime);
        var endorsement = new Endorsement
        {
            Id = id,
            EndorserId = endorserId,
            MicroCredentialId = microCredentialId,
            AchievementId = achievementId,
            Name = name.Length > 300 ? name[..300] : name,
            Comment = comment,
            EndorsedAt = now,
            EndorsedBy = endorsedBy,
            Json = document.ToJsonString(),
            Jwt = Jws.Sign(new JsonObject { ["alg"] = key.Algorithm.ToString(), ["kid"] = key.Kid, ["typ"] = "JWT" }, CredentialDocument.Claims(document), key.Sign),
            KeyId = key.Id,
            StatusListId = list.Id,
            StatusIndex = index,
        };
        db.Add(endorsement);
        await db.SaveChangesAsync(cancellationToken); // a second endorsement racing this one fails on the unique index of current endorsements
        return new(Info(here, endorsement), null);
    }

    public async Task<string?> WithdrawAsync(string endorsementId, string reason, Guid withdrawnBy, CancellationToken cancellationToken = default)
    {
        reason = reason.Trim();
        if (reason.Length is 0 or > Revocations.MaxReasonLength)
        {
            return $"Give the reason for withdrawing (at most {Revocations.MaxReasonLength} characters): anyone who checks the endorsement is shown it.";
        }

        var endorsement = await db.Set<Endorsement>().FirstOrDefaultAsync(e => e.Id == endorsementId, cancellationToken);
        if (endorsement == null || endorsement.WithdrawnAt != null)
        {
            return endorsement == null ? "No such endorsement." : "This endorsement is already withdrawn.";
        }

        endorsement.WithdrawnAt = clock.GetUtcNow().UtcDateTime;
        endorsement.WithdrawalReason = reason;
        endorsement.WithdrawnBy = withdrawnBy;
        await statusLists.TouchAsync(endorsement.StatusListId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        statusLists.Forget(endorsement.StatusListId);
        return null;
    }

    public async Task<IReadOnlyList<EndorsementInfo>> ByEndorserAsync(Guid endorserId, CancellationToken cancellationToken = default)
    {
        var here = origin.Value;
        var rows = await db.Set<Endorsement>().AsNoTracking().Where(e => e.EndorserId == endorserId).ToListAsync(cancellationToken);
        return rows.OrderByDescending(e => e.EndorsedAt).Select(e => Info(here, e)).ToList();
    }

    /// <summary>The current endorsements of each micro-credential, as signed (with their own proofs): what new credentials' achievements embed.</summary>
    internal static async Task<ILookup<Guid, JsonObject>> CurrentDocumentsAsync(PLBadgesDbContext db, IEnumerable<Guid> microCredentialIds, CancellationToken cancellationToken)
    {
        var ids = microCredentialIds.Distinct().ToList();
        var rows = await db.Set<Endorsement>().AsNoTracking()
            .Where(e => ids.Contains(e.MicroCredentialId) && e.WithdrawnAt == null)
            .OrderBy(e => e.EndorsedAt).Select(e => new { e.MicroCredentialId, e.Json }).ToListAsync(cancellationToken);
        return rows.ToLookup(r => r.MicroCredentialId, r => (JsonObject)JsonNode.Parse(r.Json)!);
    }

    private static EndorsementInfo Info(string here, Endorsement e) =>
        new(e.Id, Url(here, e.Id), e.EndorserId, e.MicroCredentialId, e.AchievementId, e.Name, e.Comment, e.EndorsedAt, e.EndorsedBy, e.WithdrawnAt, e.WithdrawalReason, e.Jwt);
}
