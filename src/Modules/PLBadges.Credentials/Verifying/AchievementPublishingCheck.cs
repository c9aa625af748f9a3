using System.Text.Json.Nodes;
using PLBadges.Credentials.Issuing;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Credentials.Verifying;

/// <summary>
/// Builds the credential a pass of the micro-credential would be issued (with sample recipient,
/// issuer and dates) exactly as issuing does, and checks it against the Open Badges 3.0 schema, so
/// content that would make every credential of it fail verification is refused when published.
/// </summary>
internal sealed class AchievementPublishingCheck(CredentialSchema schema) : IAchievementPublishingCheck
{
    private const string SampleOrigin = "https://badges.example.org";

    public IReadOnlyList<string> Problems(string slug, MicroCredentialContent content)
    {
        var version = new MicroCredentialVersionInfo(Guid.Empty, Guid.Empty, 1, slug, Guid.Empty, "sample-pathway", null, content);
        var issuer = Signing.IssuerDid.For(SampleOrigin, Guid.Empty);
        var credential = CredentialDocument.Build(SampleOrigin, "credentials@example.org", new CredentialFacts(
            "sample", issuer, "Sample District", content.Title, "teacher@example.org", false, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), null,
            CredentialDocument.Achievement(SampleOrigin, version), content.EstimatedHours, [], $"{SampleOrigin}/status/{Guid.Empty}", 0));
        var problems = schema.Validate(credential).Select(p => $"A credential issued for it would not match the Open Badges 3.0 schema: {p}.").ToList();
        foreach (var alignment in (credential["credentialSubject"]?["achievement"]?["alignment"] as JsonArray ?? []).OfType<JsonObject>())
        {
            // The schema only asks for a string; a credential's links must be web addresses people can follow.
            if (!Uri.TryCreate((string?)alignment["targetUrl"], UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            {
                problems.Add($"The alignment “{(string?)alignment["targetName"]}” needs a web address starting with https:// (or http://).");
            }
        }

        return problems;
    }
}
