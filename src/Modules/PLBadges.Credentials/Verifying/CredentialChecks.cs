using System.Globalization;
using System.Text.Json.Nodes;
using PLBadges.Abstractions.Hosting;
using PLBadges.Credentials.Contracts;
using PLBadges.Credentials.Issuing;

namespace PLBadges.Credentials.Verifying;

/// <summary>
/// Another module's door to verification (a state counting a credential brought from elsewhere):
/// the verifier's checks, and one more, that the credential names the person who brings it.
/// </summary>
internal sealed class CredentialChecks(CredentialVerifier verifier, SiteOrigin origin) : ICredentialChecks
{
    public string IssuerUrl(Guid issuerId) => Signing.IssuerDid.For(origin.Value, issuerId);

    public async Task<CheckedCredential> CheckAsync(byte[] bytes, string? contentType, string recipientEmail, CancellationToken cancellationToken = default)
    {
        var result = await verifier.VerifyAsync(bytes, CredentialVerifier.FormOf(contentType, bytes), cancellationToken);
        var checks = result.Checks.Select(c => new CredentialCheck(c.Name, c.Passed, c.Message)).ToList();
        var document = result.Document;
        if (document == null)
        {
            return new(false, checks, null, null, null, null, null, null, null, 0, null);
        }

        if (CredentialSchema.IsEndorsement(document))
        {
            checks.Add(new("recipient", false, "This is an endorsement of an achievement, not a credential earned by a person."));
        }
        else
        {
            var mine = Names(document, recipientEmail);
            checks.Add(new("recipient", mine, mine ? "Issued to you (its recipient identity matches your email address)." : "Issued to someone else: its recipient identity does not match your email address."));
        }

        var subject = document["credentialSubject"] as JsonObject;
        var achievement = subject?["achievement"] as JsonObject;
        var hours = Number(subject?["creditsEarned"]) ?? Number(achievement?["creditsAvailable"]) ?? 0;
        DateTime? validFrom = Text(document["validFrom"]) is { } from && DateTimeOffset.TryParse(from, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.UtcDateTime : null;
        return new(checks.All(c => c.Passed), checks, Text(document["id"]), Text(document["name"]), Text(achievement?["id"]), Text(achievement?["name"]),
            result.Credential?.IssuerId, result.Credential?.IssuerName, validFrom, Math.Max(0, hours), document.ToJsonString());
    }

    /// <summary>True when one of the subject's identifiers is the email: hashed with its salt (sha256$hex), or plain.</summary>
    private static bool Names(JsonObject document, string email)
    {
        var identifiers = document["credentialSubject"]?["identifier"] switch
        {
            JsonArray many => many.OfType<JsonObject>(),
            JsonObject one => [one],
            _ => [],
        };
        foreach (var identity in identifiers)
        {
            if (Text(identity["identityType"]) != "emailAddress" || Text(identity["identityHash"]) is not { } hash)
            {
                continue;
            }

            var hashed = identity["hashed"] is JsonValue flag && flag.TryGetValue<bool>(out var b) && b;
            if (hashed ? string.Equals(hash, CredentialDocument.HashEmail(email, Text(identity["salt"]) ?? ""), StringComparison.OrdinalIgnoreCase)
                       : string.Equals(hash.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static decimal? Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<decimal>(out var number) ? number : null;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
