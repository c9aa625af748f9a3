using System.Text.Json;

namespace PLBadges.Abstractions.Recipes;

/// <summary>
/// Handles one named step of a recipe. A step is an upsert: applying it twice changes nothing.
/// Throw <see cref="RecipeException"/> with a clear message for bad step data.
/// </summary>
public interface IRecipeStep
{
    string Name { get; }

    Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken);
}

/// <summary>What a step may know about the recipe run it belongs to.</summary>
public sealed class RecipeContext(string recipeName, string? contentRoot, IReadOnlyDictionary<string, string> variables)
{
    public string RecipeName { get; } = recipeName;

    /// <summary>The folder the recipe file came from, for steps that load files beside it (null for inline recipes).</summary>
    public string? ContentRoot { get; } = contentRoot;

    /// <summary>Values a recipe can refer to as "{{name}}", such as the demo password.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; } = variables;

    /// <summary>Replaces each {{name}} in a value with its variable (names are case-insensitive, as in configuration).</summary>
    public string Expand(string value)
    {
        foreach (var (name, replacement) in Variables)
        {
            value = value.Replace("{{" + name + "}}", replacement, StringComparison.OrdinalIgnoreCase);
        }

        return value;
    }
}

public sealed class RecipeException(string message, Exception? inner = null) : Exception(message, inner);
