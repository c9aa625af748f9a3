using System.Text.Json.Nodes;
using Json.Schema;

namespace PLBadges.Credentials.Verifying;

/// <summary>
/// The Open Badges 3.0 AchievementCredential and EndorsementCredential JSON Schemas (draft 2019-09),
/// as 1EdTech publishes them, shipped inside the module; a credential is checked against the one its type names.
/// </summary>
public sealed class CredentialSchema
{
    private readonly JsonSchema schema;
    private readonly JsonSchema endorsement;

    // Made once: the options hold the schema registry, which resolves the schema's $refs (rebuilding it per call costs milliseconds).
    private readonly EvaluationOptions quick = new() { OutputFormat = OutputFormat.Flag };
    private readonly EvaluationOptions detailed = new() { OutputFormat = OutputFormat.List };

    public CredentialSchema()
    {
        schema = Load("ob_v3p0_achievementcredential_schema.json");
        endorsement = Load("ob_v3p0_endorsementcredential_schema.json");

        // Fill the registries now, on one thread; afterwards concurrent evaluations only read them.
        foreach (var each in new[] { schema, endorsement })
        {
            each.Evaluate(new JsonObject(), quick);
            each.Evaluate(new JsonObject(), detailed);
        }
    }

    private static JsonSchema Load(string name)
    {
        using var stream = typeof(CredentialSchema).Assembly.GetManifestResourceStream("PLBadges.Credentials.Schemas." + name)
            ?? throw new InvalidOperationException($"The OB 3.0 schema {name} is not embedded in the module.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    }

    /// <summary>True when the credential says it is an EndorsementCredential.</summary>
    public static bool IsEndorsement(JsonNode credential) =>
        credential["type"] is JsonArray types && types.Any(t => t is JsonValue v && v.TryGetValue<string>(out var text) && text == "EndorsementCredential");

    /// <summary>The schema's name for messages.</summary>
    public static string NameFor(JsonNode credential) => IsEndorsement(credential) ? "EndorsementCredential" : "OpenBadgeCredential";

    /// <summary>What is wrong with the credential, by location; empty when it matches.</summary>
    public IReadOnlyList<string> Validate(JsonNode credential)
    {
        // The quick yes/no first; the detailed list only for a credential that fails.
        var against = IsEndorsement(credential) ? endorsement : schema;
        if (against.Evaluate(credential, quick).IsValid)
        {
            return [];
        }

        var results = against.Evaluate(credential, detailed);

        return (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {e.Value}"))
            .Distinct()
            .ToList() is { Count: > 0 } list ? list : ["the credential does not match"];
    }
}
