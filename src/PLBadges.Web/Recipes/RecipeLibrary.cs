using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Recipes;

namespace PLBadges.Web.Recipes;

public sealed class RecipeOptions
{
    public const string Section = "Recipes";

    /// <summary>The folder of *.recipe.json files; by default the recipes/ folder copied beside the host.</summary>
    public string Folder { get; set; } = Path.Combine(AppContext.BaseDirectory, "recipes");

    /// <summary>The recipe applied on the first start of an empty database ("demo", "setup", or "none").</summary>
    public string OnFirstRun { get; set; } = "demo";

    /// <summary>Values recipes refer to as {{Name}}.</summary>
    public Dictionary<string, string> Variables { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>The recipes on disk, by name.</summary>
public sealed class RecipeLibrary(IOptions<RecipeOptions> options)
{
    public IReadOnlyList<Recipe> All()
    {
        var folder = options.Value.Folder;
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.GetFiles(folder, "*.recipe.json")
            .Order(StringComparer.Ordinal)
            .Select(path => Recipe.Parse(File.ReadAllText(path), Path.GetFileName(path), Path.GetDirectoryName(path)))
            .ToList();
    }

    public Recipe Get(string name) =>
        All().FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new RecipeException($"No recipe named '{name}' in {options.Value.Folder}.");
}
