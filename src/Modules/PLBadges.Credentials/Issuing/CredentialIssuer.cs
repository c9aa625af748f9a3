using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Events;
using PLBadges.Abstractions.Hosting;
using PLBadges.Credentials.Signing;
using PLBadges.Credentials.Status;
using PLBadges.Data;
using PLBadges.Evidence.Contracts;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;
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
    IOrganizationDirectory organizations,
    IssuerKeys keys,
    StatusLists statusLists,
    SiteOrigin origin,
    IOptions<CredentialOptions> options)
{
    /// <summary>Issues the credential for a passed submission (and a capstone it completes); returns the credential's id.</summary>
    public async Task<string> IssueForPassAsync(MicroCredentialPassed passed, DateTime? validUntil = null, CancellationToken cancellationToken = default)
    {
        var existing = await db.Set<IssuedCredential>().Where(c => c.SubmissionId == passed.SubmissionId).Select(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing != null)
        {
            return existing;
        }

        var version = await catalog.VersionAsync(passed.VersionId, cancellationToken)
            ?? throw new InvalidOperationException($"The passed submission {passed.SubmissionId} names version {passed.VersionId}, which the catalog does not know.");
        var here = origin.Value;
        var evidence = new JsonObject
        {
            ["id"] = $"{here}/evidence/{passed.SubmissionId}",
            ["type"] = new JsonArray("Evidence"),
            ["name"] = $"Submission for {version.Content.Title}, attempt {passed.Attempt}",
            ["description"] = "Answers to the overview questions, artifacts of classroom practice (redacted of student identifiers), and a reflection on impact, scored by a coach against the rubric. The link opens only for the educator and the district's reviewers.",
        };
        var credential = await IssueAsync(
            passed.DistrictId, passed.TeacherId, CredentialKind.MicroCredential, version.Content.Title,
            CredentialDocument.Achievement(here, version), version.Content.EstimatedHours, [evidence], passed.PassedAt, validUntil,
            c => { c.SubmissionId = passed.SubmissionId; c.PathwayId = version.PathwayId; c.MicroCredentialId = version.MicroCredentialId; c.VersionId = version.VersionId; },
            cancellationToken);
        await IssueCapstoneIfCompleteAsync(passed.DistrictId, passed.TeacherId, version.PathwayId, passed.PassedAt, cancellationToken);
        return credential.Id;
    }

    private async Task IssueCapstoneIfCompleteAsync(Guid issuerId, Guid recipientId, Guid pathwayId, DateTime at, CancellationToken cancellationToken)
    {
        if (await db.Set<IssuedCredential>().AnyAsync(c => c.RecipientId == recipientId && c.CapstoneOf == pathwayId, cancellationToken)
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
        await IssueAsync(issuerId, recipientId, CredentialKind.Pathway, string.IsNullOrWhiteSpace(pathway.CapstoneTitle) ? pathway.Title : pathway.CapstoneTitle,
            CredentialDocument.Capstone(here, pathway, parts.Select(p => p.Name), hours), hours, evidence, at, null,
            c => { c.CapstoneOf = pathwayId; c.PathwayId = pathwayId; }, cancellationToken);
    }

    /// <summary>Writes, signs and stores one credential (added to the unit of work; the caller saves).</summary>
    internal async Task<IssuedCredential> IssueAsync(
        Guid issuerId, Guid recipientId, CredentialKind kind, string name, JsonObject achievement, decimal hours, IReadOnlyList<JsonObject> evidence,
        DateTime validFrom, DateTime? validUntil, Action<IssuedCredential> describe, CancellationToken cancellationToken)
    {
        var issuer = await organizations.GetAsync(issuerId, cancellationToken)
            ?? throw new InvalidOperationException($"Issuer {issuerId} is not an organization.");
        var person = (await people.GetAsync([recipientId], cancellationToken)).FirstOrDefault()
            ?? throw new InvalidOperationException($"Recipient {recipientId} is not a person.");
        var sharing = await db.Set<CredentialSharing>().AsNoTracking().FirstOrDefaultAsync(s => s.PersonId == recipientId, cancellationToken);
        var id = NewId();
        var (list, index) = await statusLists.AllocateAsync(issuerId, cancellationToken);
        var here = origin.Value;
        var facts = new CredentialFacts(id, issuerId, issuer.Name, name, person.Email, sharing?.IncludeEmail == true,
            DateTime.SpecifyKind(validFrom, DateTimeKind.Utc), validUntil, achievement, hours, evidence, StatusLists.Url(here, list.Id), index);
        var document = CredentialDocument.Build(here, options.Value.IssuerEmail, facts);
        var key = await keys.CurrentAsync(issuerId, cancellationToken);
        var jwt = Jws.Sign(new JsonObject { ["alg"] = key.Algorithm.ToString(), ["kid"] = key.Kid, ["typ"] = "JWT" }, CredentialDocument.Claims(document), key.Sign);
        var credential = new IssuedCredential
        {
            Id = id,
            IssuerId = issuerId,
            RecipientId = recipientId,
            Kind = kind,
            Name = name,
            Hours = hours,
            ValidFrom = facts.ValidFrom,
            ValidUntil = validUntil,
            Json = document.ToJsonString(),
            Jwt = jwt,
            KeyId = key.Id,
            StatusListId = list.Id,
            StatusIndex = index,
        };
        describe(credential);
        db.Add(credential);
        return credential;
    }

    /// <summary>128 random bits in base64url (22 characters).</summary>
    public static string NewId() => Base64Url.Encode(RandomNumberGenerator.GetBytes(16));
}

/// <summary>Issues the credential when Evidence says a micro-credential was passed.</summary>
internal sealed class IssueOnPass(CredentialIssuer issuer, PLBadgesDbContext db) : IEventHandler<MicroCredentialPassed>
{
    public async Task HandleAsync(MicroCredentialPassed domainEvent, CancellationToken cancellationToken)
    {
        await issuer.IssueForPassAsync(domainEvent, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
