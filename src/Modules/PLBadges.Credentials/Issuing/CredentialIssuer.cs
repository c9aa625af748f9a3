using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Events;
using PLBadges.Abstractions.Hosting;
using PLBadges.Credentials.Contracts;
using PLBadges.Credentials.Signing;
using PLBadges.Credentials.Status;
using PLBadges.Data;
using PLBadges.Evidence.Contracts;
using PLBadges.Identity.Contracts;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Credentials.Issuing;

/// <summary>
/// Issues credentials: one per passed submission, and a pathway's capstone once every one of its
/// micro-credentials is held. Asking twice issues nothing more (the checks below, and unique
/// indexes on the submission and on person + pathway when two nodes race).
/// </summary>
public sealed class CredentialIssuer(
    PLBadgesDbContext db,
    IMicroCredentialCatalog catalog,
    IPeopleDirectory people,
    IssuerNames issuers,
    IssuerKeys keys,
    StatusLists statusLists,
    SiteOrigin origin,
    IEventOutbox events,
    IOptions<CredentialOptions> options,
    TimeProvider clock)
{
    /// <summary>Issues the credential for a passed submission (and a capstone it completes); returns the credential's id.</summary>
    public async Task<string> IssueForPassAsync(MicroCredentialPassed passed, DateTime? validUntil = null, CancellationToken cancellationToken = default) =>
        (await IssueForPassesAsync([passed], validUntil, cancellationToken))[0];

    /// <summary>
    /// Issues the credentials for several passed submissions in the unit of work (the caller saves):
    /// what they need is read in a few set-wise queries, and the signatures are made on every core.
    /// Returns each pass's credential id, in order; a pass already issued gives its existing id.
    /// </summary>
    public async Task<IReadOnlyList<string>> IssueForPassesAsync(IReadOnlyList<MicroCredentialPassed> passes, DateTime? validUntil = null, CancellationToken cancellationToken = default)
    {
        var submissionIds = passes.Select(p => p.SubmissionId).Distinct().ToList();
        var issued = await db.Set<IssuedCredential>().AsNoTracking()
            .Where(c => c.SubmissionId != null && submissionIds.Contains(c.SubmissionId.Value))
            .ToDictionaryAsync(c => c.SubmissionId!.Value, c => c.Id, cancellationToken);
        foreach (var local in db.Set<IssuedCredential>().Local.Where(c => c.SubmissionId != null && submissionIds.Contains(c.SubmissionId.Value)))
        {
            issued[local.SubmissionId!.Value] = local.Id;
        }

        var recipients = await RecipientsAsync(passes.Where(p => !issued.ContainsKey(p.SubmissionId)).Select(p => p.TeacherId), cancellationToken);
        var endorsements = await EndorsementService.CurrentDocumentsAsync(db, passes.Where(p => !issued.ContainsKey(p.SubmissionId)).Select(p => p.MicroCredentialId), cancellationToken);
        var here = origin.Value;
        var drafts = new List<Draft>();
        foreach (var passed in passes.Where(p => !issued.ContainsKey(p.SubmissionId)))
        {
            var version = await catalog.VersionAsync(passed.VersionId, cancellationToken)
                ?? throw new InvalidOperationException($"The passed submission {passed.SubmissionId} names version {passed.VersionId}, which the catalog does not know.");
            var evidence = new JsonObject
            {
                ["id"] = $"{here}/evidence/{passed.SubmissionId}",
                ["type"] = new JsonArray("Evidence"),
                ["name"] = $"Submission for {version.Content.Title}, attempt {passed.Attempt}",
                ["description"] = "Answers to the overview questions, artifacts of classroom practice (redacted of student identifiers), and a reflection on impact, scored by a coach against the rubric. The link opens only for the educator and the district's reviewers.",
            };
            var draft = await DraftAsync(
                passed.DistrictId, recipients[passed.TeacherId], CredentialKind.MicroCredential, version.Content.Title,
                CredentialDocument.Achievement(here, version, endorsements[version.MicroCredentialId].ToList()), version.Content.EstimatedHours, [evidence], passed.PassedAt, validUntil,
                c => { c.SubmissionId = passed.SubmissionId; c.PathwayId = version.PathwayId; c.MicroCredentialId = version.MicroCredentialId; c.VersionId = version.VersionId; },
                cancellationToken);
            issued[passed.SubmissionId] = draft.Credential.Id;
            drafts.Add(draft);
        }

        Sign(drafts);
        foreach (var earned in drafts.Select(d => d.Credential).DistinctBy(c => (c.RecipientId, c.PathwayId)))
        {
            await IssueCapstoneIfCompleteAsync(earned.IssuerId, earned.RecipientId, earned.PathwayId, earned.ValidFrom, recipients, cancellationToken);
        }

        return passes.Select(p => issued[p.SubmissionId]).ToList();
    }

    /// <summary>
    /// Issues the credential another module awards (in the unit of work; the caller saves); an
    /// award already issued to the person under the same key gives its existing id.
    /// </summary>
    public async Task<string> IssueAwardAsync(AchievementAwarded award, CancellationToken cancellationToken = default)
    {
        var existing = db.Set<IssuedCredential>().Local.FirstOrDefault(c => c.RecipientId == award.RecipientId && c.AwardKey == award.AwardKey)?.Id
            ?? await db.Set<IssuedCredential>().Where(c => c.RecipientId == award.RecipientId && c.AwardKey == award.AwardKey).Select(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing != null)
        {
            return existing;
        }

        var recipients = await RecipientsAsync([award.RecipientId], cancellationToken);
        var evidence = new JsonObject
        {
            ["type"] = new JsonArray("Evidence"),
            ["name"] = award.Name,
            ["narrative"] = award.Evidence,
        };
        var draft = await DraftAsync(award.IssuerId, recipients[award.RecipientId], CredentialKind.Award, award.Name,
            CredentialDocument.Award(award), award.Hours, [evidence], award.AwardedAt, null, c => c.AwardKey = award.AwardKey, cancellationToken);
        Sign([draft]);
        return draft.Credential.Id;
    }

    private async Task IssueCapstoneIfCompleteAsync(Guid issuerId, Guid recipientId, Guid pathwayId, DateTime at, IReadOnlyDictionary<Guid, Recipient> recipients, CancellationToken cancellationToken)
    {
        if (db.Set<IssuedCredential>().Local.Any(c => c.RecipientId == recipientId && c.CapstoneOf == pathwayId)
            || await db.Set<IssuedCredential>().AnyAsync(c => c.RecipientId == recipientId && c.CapstoneOf == pathwayId, cancellationToken)
            || await catalog.PathwayAsync(pathwayId, cancellationToken) is not { MicroCredentialIds.Count: > 0 } pathway)
        {
            return;
        }

        var held = (await db.Set<IssuedCredential>().AsNoTracking()
                .Where(c => c.RecipientId == recipientId && c.Kind == CredentialKind.MicroCredential && c.PathwayId == pathwayId && c.RevokedAt == null)
                .Select(c => new { c.Id, c.MicroCredentialId, c.Name, c.Hours }).ToListAsync(cancellationToken))
            .Concat(db.Set<IssuedCredential>().Local.Where(c => c.RecipientId == recipientId && c.Kind == CredentialKind.MicroCredential && c.PathwayId == pathwayId)
                .Select(c => new { c.Id, c.MicroCredentialId, c.Name, c.Hours }))
            .DistinctBy(c => c.MicroCredentialId).Where(c => c.MicroCredentialId != null).ToDictionary(c => c.MicroCredentialId!.Value);
        if (!pathway.MicroCredentialIds.All(held.ContainsKey))
        {
            return;
        }

        var parts = pathway.MicroCredentialIds.Select(id => held[id]).ToList();
        var here = origin.Value;
        var evidence = parts.Select(p => new JsonObject
        {
            ["id"] = CredentialDocument.Url(here, p.Id),
            ["type"] = new JsonArray("Evidence"),
            ["name"] = p.Name,
            ["description"] = "A micro-credential of the pathway, itself a verifiable credential.",
        }).ToList();
        var hours = parts.Sum(p => p.Hours);
        var capstone = await DraftAsync(issuerId, recipients[recipientId], CredentialKind.Pathway, string.IsNullOrWhiteSpace(pathway.CapstoneTitle) ? pathway.Title : pathway.CapstoneTitle,
            CredentialDocument.Capstone(here, pathway, parts.Select(p => p.Name), hours), hours, evidence, at, null,
            c => { c.CapstoneOf = pathwayId; c.PathwayId = pathwayId; }, cancellationToken);
        Sign([capstone]);
    }

    /// <summary>The person a credential is for, the identifier credentials name them by, and whether they let their email into it.</summary>
    private sealed record Recipient(Guid Id, string SubjectId, string Email, bool IncludeEmail);

    private async Task<IReadOnlyDictionary<Guid, Recipient>> RecipientsAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        var found = await people.GetAsync(wanted, cancellationToken);
        var sharing = await db.Set<CredentialSharing>().AsNoTracking().Where(s => wanted.Contains(s.PersonId)).ToDictionaryAsync(s => s.PersonId, s => s.IncludeEmail, cancellationToken);
        var subjects = await SubjectIdsAsync(db, found.Select(p => p.Id), cancellationToken);
        var recipients = found.ToDictionary(p => p.Id, p => new Recipient(p.Id, subjects[p.Id], p.Email, sharing.GetValueOrDefault(p.Id)));
        return wanted.FirstOrDefault(id => !recipients.ContainsKey(id)) is var missing && missing != Guid.Empty
            ? throw new InvalidOperationException($"Recipient {missing} is not a person.")
            : recipients;
    }

    /// <summary>
    /// Each educator's credentialSubject.id, made (in the unit of work) for those who have none yet; two nodes making
    /// one for the same person at once collide on its key, and the loser's retry finds the winner's.
    /// </summary>
    internal static async Task<IReadOnlyDictionary<Guid, string>> SubjectIdsAsync(PLBadgesDbContext db, IEnumerable<Guid> personIds, CancellationToken cancellationToken)
    {
        var wanted = personIds.Distinct().ToList();
        var known = await db.Set<EducatorSubject>().AsNoTracking().Where(s => wanted.Contains(s.PersonId)).ToDictionaryAsync(s => s.PersonId, s => s.SubjectId, cancellationToken);
        foreach (var local in db.Set<EducatorSubject>().Local.Where(s => wanted.Contains(s.PersonId)))
        {
            known[local.PersonId] = local.SubjectId;
        }

        foreach (var missing in wanted.Where(id => !known.ContainsKey(id)))
        {
            var subject = new EducatorSubject { PersonId = missing, SubjectId = $"urn:uuid:{Guid.NewGuid()}" };
            db.Add(subject);
            known[missing] = subject.SubjectId;
        }

        return known;
    }

    /// <summary>
    /// Signs the drafts' documents on every core (the keys are only read): first the Data Integrity proof, embedded,
    /// then the VC-JWT, whose payload is the document with that proof.
    /// </summary>
    private void Sign(IReadOnlyList<Draft> drafts)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Parallel.For(0, drafts.Count, i =>
        {
            var (credential, document, key, proofKey) = drafts[i];
            DataIntegrity.Sign(document, proofKey, now);
            credential.Jwt = Jws.Sign(new JsonObject { ["alg"] = key.Algorithm.ToString(), ["kid"] = key.Kid, ["typ"] = "JWT" }, CredentialDocument.Claims(document), key.Sign);
            credential.Json = document.ToJsonString();
        });
    }

    /// <summary>A credential written but not yet signed, with the keys that will sign it.</summary>
    private sealed record Draft(IssuedCredential Credential, JsonObject Document, SigningKey Key, ProofKey ProofKey);

    /// <summary>Writes one credential and adds it to the unit of work, its status entry taken; <see cref="Sign"/> completes it before the caller saves.</summary>
    private async Task<Draft> DraftAsync(
        Guid issuerId, Recipient recipient, CredentialKind kind, string name, JsonObject achievement, decimal hours, IReadOnlyList<JsonObject> evidence,
        DateTime validFrom, DateTime? validUntil, Action<IssuedCredential> describe, CancellationToken cancellationToken)
    {
        var issuerName = await issuers.NameAsync(issuerId, cancellationToken)
            ?? throw new InvalidOperationException($"Issuer {issuerId} is not an organization.");
        var id = NewId();
        var (list, index) = await statusLists.AllocateAsync(issuerId, cancellationToken);
        var here = origin.Value;
        var facts = new CredentialFacts(id, IssuerDid.For(here, issuerId), issuerName, name, recipient.Email, recipient.IncludeEmail,
            DateTime.SpecifyKind(validFrom, DateTimeKind.Utc), validUntil, achievement, hours, evidence, StatusLists.Url(here, list.Id), index, recipient.SubjectId);
        var document = CredentialDocument.Build(here, options.Value.IssuerEmail, facts);
        var key = await keys.CurrentAsync(issuerId, cancellationToken);
        var proofKey = await keys.CurrentProofKeyAsync(issuerId, cancellationToken);
        var credential = new IssuedCredential
        {
            Id = id,
            IssuerId = issuerId,
            RecipientId = recipient.Id,
            Kind = kind,
            Name = name,
            Hours = hours,
            ValidFrom = facts.ValidFrom,
            ValidUntil = validUntil,
            Json = "",
            Jwt = "",
            KeyId = key.Id,
            StatusListId = list.Id,
            StatusIndex = index,
        };
        describe(credential);
        db.Add(credential);
        events.Add(new CredentialIssued(id, recipient.Id, issuerId, credential.MicroCredentialId, credential.PathwayId == Guid.Empty ? null : credential.PathwayId, facts.ValidFrom));
        return new Draft(credential, document, key, proofKey);
    }

    /// <summary>128 random bits in base64url (22 characters).</summary>
    public static string NewId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}

/// <summary>Issues the credential another module awards (an academy completed).</summary>
internal sealed class IssueOnAward(CredentialIssuer issuer, PLBadgesDbContext db) : IEventHandler<AchievementAwarded>
{
    public async Task HandleAsync(AchievementAwarded domainEvent, CancellationToken cancellationToken)
    {
        await issuer.IssueAwardAsync(domainEvent, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Issues the credential when Evidence says a micro-credential was passed; a backlog of passes in one transaction.</summary>
internal sealed class IssueOnPass(CredentialIssuer issuer, PLBadgesDbContext db) : IBatchEventHandler<MicroCredentialPassed>
{
    public Task HandleAsync(MicroCredentialPassed domainEvent, CancellationToken cancellationToken) => HandleAsync([domainEvent], cancellationToken);

    public async Task HandleAsync(IReadOnlyList<MicroCredentialPassed> domainEvents, CancellationToken cancellationToken)
    {
        await issuer.IssueForPassesAsync(domainEvents, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
