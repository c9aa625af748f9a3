using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Credentials.Issuing;

/// <summary>The facts one credential states, gathered by the issuer before it is written down.</summary>
/// <param name="IssuerId">The issuer's identifier: its DID (did:web) in new credentials.</param>
/// <param name="SubjectId">The recipient's credentialSubject.id: an opaque urn:uuid per educator, or a wallet's DID.</param>
public sealed record CredentialFacts(
    string Id,
    string IssuerId,
    string IssuerName,
    string Name,
    string RecipientEmail,
    bool IncludePlainEmail,
    DateTime ValidFrom,
    DateTime? ValidUntil,
    JsonObject Achievement,
    decimal Hours,
    IReadOnlyList<JsonObject> Evidence,
    string StatusListUrl,
    int StatusIndex,
    string? SubjectId = null);

/// <summary>
/// Writes an OpenBadgeCredential as Open Badges 3.0 (on the W3C Verifiable Credentials 2.0 data
/// model) defines it, and the registered JWT claims OB 3.0 section 8.2 asks for beside it.
/// </summary>
public static class CredentialDocument
{
    public const string VcContext = "https://www.w3.org/ns/credentials/v2";

    public const string ObContext = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

    /// <summary>OB 3.0's extensions context: it defines <c>1EdTechJsonSchemaValidator2019</c>, the type of <c>credentialSchema</c>.</summary>
    public const string ExtensionsContext = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json";

    public const string AchievementSchema = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";

    public const string EndorsementSchema = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json";

    /// <summary>
    /// The @context of what we sign: VC 2.0, OB 3.0.3, then OB's extensions (for credentialSchema), in that order (the
    /// order the OB 3.0 JSON Schema requires; the reference verifiers read every term in JSON-LD safe mode).
    /// </summary>
    public static JsonArray Contexts() => new(VcContext, ObContext, ExtensionsContext);

    /// <summary>The credentialSchema entry naming 1EdTech's JSON Schema for the credential.</summary>
    public static JsonArray SchemaOf(string schemaUrl) => new(new JsonObject { ["id"] = schemaUrl, ["type"] = "1EdTechJsonSchemaValidator2019" });

    public static string Url(string origin, string id) => $"{origin}/credentials/{id}";

    public static string IssuerUrl(string origin, Guid issuerId) => $"{origin}/issuers/{issuerId}";

    /// <summary>The issuer's Profile embedded in what it signs: <paramref name="id"/> is its DID in new credentials.</summary>
    public static JsonObject IssuerProfile(string id, string origin, string name, string email) => new()
    {
        ["id"] = id,
        ["type"] = new JsonArray("Profile"),
        ["name"] = name,
        ["url"] = origin,
        ["email"] = email,
    };

    public static JsonObject Build(string origin, string issuerEmail, CredentialFacts facts)
    {
        var subject = new JsonObject();
        if (facts.SubjectId != null)
        {
            subject["id"] = facts.SubjectId;
        }

        subject["type"] = new JsonArray("AchievementSubject");
        subject["identifier"] = new JsonArray(Identity(facts.RecipientEmail, facts.IncludePlainEmail, facts.Id));
        subject["achievement"] = facts.Achievement.DeepClone();

        if (facts.Hours > 0)
        {
            subject["creditsEarned"] = facts.Hours;
        }

        var credential = new JsonObject
        {
            ["@context"] = Contexts(),
            ["id"] = Url(origin, facts.Id),
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["issuer"] = IssuerProfile(facts.IssuerId, origin, facts.IssuerName, issuerEmail),
            ["validFrom"] = Timestamp(facts.ValidFrom),
            ["name"] = facts.Name,
            ["credentialSubject"] = subject,
        };
        if (facts.ValidUntil is { } until)
        {
            credential["validUntil"] = Timestamp(until);
        }

        if (facts.Evidence.Count > 0)
        {
            credential["evidence"] = new JsonArray(facts.Evidence.Select(e => (JsonNode)e.DeepClone()).ToArray());
        }

        credential["credentialStatus"] = new JsonObject
        {
            ["id"] = $"{facts.StatusListUrl}#{facts.StatusIndex}",
            ["type"] = "BitstringStatusListEntry",
            ["statusPurpose"] = "revocation",
            ["statusListIndex"] = facts.StatusIndex.ToString(CultureInfo.InvariantCulture),
            ["statusListCredential"] = facts.StatusListUrl,
        };
        credential["credentialSchema"] = SchemaOf(AchievementSchema);
        return credential;
    }

    /// <summary>The JWT payload: the credential itself, with iss, jti, nbf (and sub, exp where they apply).</summary>
    public static JsonObject Claims(JsonObject credential)
    {
        var payload = (JsonObject)credential.DeepClone();
        payload["iss"] = IssuerId(credential);
        payload["jti"] = (string?)credential["id"];
        payload["nbf"] = DateTimeOffset.Parse((string)credential["validFrom"]!, CultureInfo.InvariantCulture).ToUnixTimeSeconds();
        if ((string?)credential["validUntil"] is { } until)
        {
            payload["exp"] = DateTimeOffset.Parse(until, CultureInfo.InvariantCulture).ToUnixTimeSeconds();
        }

        if (credential["credentialSubject"] is JsonObject { } about && (string?)about["id"] is { } subject)
        {
            payload["sub"] = subject;
        }

        return payload;
    }

    /// <summary>The issuer's id, whether the issuer is written as a Profile or as its URL.</summary>
    public static string? IssuerId(JsonObject credential) => credential["issuer"] switch
    {
        JsonObject profile => profile["id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => null,
    };

    /// <summary>The achievement of one micro-credential version: its competency, the rubric as criteria, its badge, alignments and hours.</summary>
    /// <param name="endorsements">The current endorsements of the micro-credential (a state's, say): signed EndorsementCredentials, embedded with their own proofs.</param>
    public static JsonObject Achievement(string origin, MicroCredentialVersionInfo version, IReadOnlyList<JsonObject>? endorsements = null)
    {
        var content = version.Content;
        // Plain text, read as it is by wallets and verifiers: a paragraph per part of the submission, its criteria as sentences.
        var narrative = new StringBuilder();
        narrative.AppendLine($"Earned by submitting evidence of classroom practice that a coach scored \"met\" on every criterion of the rubric (version {version.Number}).");
        foreach (var part in content.Submission)
        {
            narrative.AppendLine().Append(Sentence(part.Title));
            foreach (var criterion in part.Rubric)
            {
                narrative.Append(' ').Append(Sentence($"{criterion.Criterion}: {criterion.Met}"));
            }

            narrative.AppendLine();
        }

        var achievement = new JsonObject
        {
            ["id"] = $"{origin}/micro-credentials/{version.Slug}",
            ["type"] = new JsonArray("Achievement"),
            ["achievementType"] = "MicroCredential",
            ["name"] = content.Title,
            ["description"] = content.Competency,
            ["criteria"] = new JsonObject { ["id"] = $"{origin}/micro-credentials/{version.Slug}", ["narrative"] = narrative.ToString().TrimEnd() },
            ["image"] = new JsonObject { ["id"] = $"{origin}/micro-credentials/{version.Slug}/badge.svg", ["type"] = "Image", ["caption"] = $"Micro-credential badge: {content.Title}" },
            ["version"] = version.Number.ToString(CultureInfo.InvariantCulture),
            ["inLanguage"] = "en",
        };
        if (content.EstimatedHours > 0)
        {
            achievement["creditsAvailable"] = content.EstimatedHours;
        }

        var alignments = content.Alignments.Where(a => !string.IsNullOrWhiteSpace(a.Url)).Select(AlignmentOf).ToArray();
        if (alignments.Length > 0)
        {
            achievement["alignment"] = new JsonArray(alignments);
        }

        if (endorsements is { Count: > 0 })
        {
            // Embedded, not as endorsementJwt: OB 3.0.3's context defines no such term, so safe-mode verifiers would refuse it.
            achievement["endorsement"] = new JsonArray(endorsements.Select(e => (JsonNode)e.DeepClone()).ToArray());
        }

        return achievement;
    }

    /// <summary>
    /// An OB 3.0 Alignment: the type, targetName and targetUrl the schema requires, and the optional
    /// fields only when they have a value (the schema types them as strings, so a null fails it).
    /// </summary>
    /// <summary>The text as a sentence: trimmed, ending with a period unless it already ends with punctuation.</summary>
    private static string Sentence(string text)
    {
        text = text.Trim();
        return text.Length == 0 || ".!?".Contains(text[^1]) ? text : text + ".";
    }

    private static JsonNode AlignmentOf(Alignment alignment)
    {
        var node = new JsonObject { ["type"] = new JsonArray("Alignment"), ["targetName"] = alignment.Name, ["targetUrl"] = alignment.Url };
        if (!string.IsNullOrWhiteSpace(alignment.Framework))
        {
            node["targetFramework"] = alignment.Framework;
        }

        if (!string.IsNullOrWhiteSpace(alignment.Code))
        {
            node["targetCode"] = alignment.Code;
        }

        return node;
    }

    /// <summary>The capstone achievement of a pathway: every one of its micro-credentials passed.</summary>
    public static JsonObject Capstone(string origin, PathwayInfo pathway, IEnumerable<string> microCredentialNames, decimal hours)
    {
        var achievement = new JsonObject
        {
            ["id"] = $"{origin}/pathways/{pathway.Slug}",
            ["type"] = new JsonArray("Achievement"),
            ["achievementType"] = "LearningProgram",
            ["name"] = string.IsNullOrWhiteSpace(pathway.CapstoneTitle) ? pathway.Title : pathway.CapstoneTitle,
            ["description"] = string.IsNullOrWhiteSpace(pathway.CapstoneDescription) ? pathway.Summary : pathway.CapstoneDescription,
            ["criteria"] = new JsonObject
            {
                ["id"] = $"{origin}/pathways/{pathway.Slug}",
                ["narrative"] = "Earned by passing every micro-credential of the pathway: " + string.Join("; ", microCredentialNames) + ".",
            },
            ["image"] = new JsonObject { ["id"] = $"{origin}/pathways/{pathway.Slug}/badge.svg", ["type"] = "Image", ["caption"] = $"Pathway badge: {pathway.Title}" },
            ["inLanguage"] = "en",
        };
        if (hours > 0)
        {
            achievement["creditsAvailable"] = hours;
        }

        return achievement;
    }

    /// <summary>The achievement of an award another module makes (an academy completed): its own id, type, description and criteria.</summary>
    public static JsonObject Award(Contracts.AchievementAwarded award)
    {
        var achievement = new JsonObject
        {
            ["id"] = award.AchievementId,
            ["type"] = new JsonArray("Achievement"),
            ["achievementType"] = award.AchievementType,
            ["name"] = award.Name,
            ["description"] = award.Description,
            ["criteria"] = new JsonObject { ["narrative"] = award.Criteria },
            ["inLanguage"] = "en",
        };
        return achievement; // the recipient's own hours are the credential's creditsEarned; the achievement is the same for everyone
    }

    /// <summary>
    /// The recipient: their email hashed with a salt (OB 3.0's IdentityHash, sha256$hex), or in
    /// plain text only where they chose that.
    /// </summary>
    public static JsonObject Identity(string email, bool plain, string salt) => plain
        ? new JsonObject { ["type"] = "IdentityObject", ["hashed"] = false, ["identityHash"] = email.Trim().ToLowerInvariant(), ["identityType"] = "emailAddress" }
        : new JsonObject
        {
            ["type"] = "IdentityObject",
            ["hashed"] = true,
            ["identityHash"] = HashEmail(email, salt),
            ["identityType"] = "emailAddress",
            ["salt"] = salt,
        };

    public static string HashEmail(string email, string salt) =>
        "sha256$" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant() + salt))).ToLowerInvariant();

    public static string Timestamp(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
