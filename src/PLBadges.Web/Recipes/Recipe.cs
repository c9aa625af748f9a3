using System.Text.Json;
using PLBadges.Abstractions.Recipes;

namespace PLBadges.Web.Recipes;

/// <summary>A recipe: a name, whether it can set up a new site, and its steps in order.</summary>
public sealed record Recipe(string Name, string? DisplayName, string? Description, bool IsSetupRecipe, IReadOnlyList<JsonElement> Steps, string? SourceFolder)
{
    /// <summary>Parses recipe JSON; errors name the source and the line.</summary>
    public static Recipe Parse(string json, string source, string? sourceFolder)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new RecipeException($"{source}: not valid JSON at line {(ex.LineNumber ?? 0) + 1}: {ex.Message}");
        }

        var root = document.RootElement.Clone();
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RecipeException($"{source}: a recipe is a JSON object with \"name\" and \"steps\".");
        }

        var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : null;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new RecipeException($"{source}: the recipe has no \"name\".");
        }

        if (!root.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeException($"{source}: the recipe '{name}' has no \"steps\" array.");
        }

        var list = new List<JsonElement>();
        var index = 0;
        foreach (var step in steps.EnumerateArray())
        {
            index++;
            if (step.ValueKind != JsonValueKind.Object || !step.TryGetProperty("name", out var stepName) || stepName.ValueKind != JsonValueKind.String)
            {
                throw new RecipeException($"{source}: step {index} of recipe '{name}' has no \"name\".");
            }

            list.Add(step);
        }

        return new Recipe(
            name,
            OptionalText(root, "displayName", source),
            OptionalText(root, "description", source),
            root.TryGetProperty("isSetupRecipe", out var setup) && setup.ValueKind == JsonValueKind.True,
            list,
            sourceFolder);
    }

    private static string? OptionalText(JsonElement root, string property, string source) =>
        !root.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new RecipeException($"{source}: \"{property}\" must be text.");
}
