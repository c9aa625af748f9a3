using System.Text.Json.Nodes;
using Json.Schema;

namespace PLBadges.Credentials.Verifying;

/// <summary>The Open Badges 3.0 AchievementCredential JSON Schema (draft 2019-09), as 1EdTech publishes it, shipped inside the module.</summary>
public sealed class CredentialSchema
{
    private readonly JsonSchema schema;

    // Made once: the options hold the schema registry, which resolves the schema's $refs (rebuilding it per call costs milliseconds).
    private readonly EvaluationOptions quick = new() { OutputFormat = OutputFormat.Flag };
    private readonly EvaluationOptions detailed = new() { OutputFormat = OutputFormat.List };

    public CredentialSchema()
    {
        using var stream = typeof(CredentialSchema).Assembly.GetManifestResourceStream("PLBadges.Credentials.Schemas.ob_v3p0_achievementcredential_schema.json")
            ?? throw new InvalidOperationException("The OB 3.0 schema is not embedded in the module.");
        using var reader = new StreamReader(stream);
        schema = JsonSchema.FromText(reader.ReadToEnd());

        // Fill the registries now, on one thread; afterwards concurrent evaluations only read them.
        schema.Evaluate(new JsonObject(), quick);
        schema.Evaluate(new JsonObject(), detailed);
    }

    /// <summary>What is wrong with the credential, by location; empty when it matches.</summary>
    public IReadOnlyList<string> Validate(JsonNode credential)
    {
        // The quick yes/no first; the detailed list only for a credential that fails.
        if (schema.Evaluate(credential, quick).IsValid)
        {
            return [];
        }

        var results = schema.Evaluate(credential, detailed);

        return (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {e.Value}"))
            .Distinct()
            .ToList() is { Count: > 0 } list ? list : ["the credential does not match"];
    }
}
