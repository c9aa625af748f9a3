using Microsoft.Extensions.Options;
using PLBadges.Web.Hosting;
using PLBadges.Web.Recipes;

namespace PLBadges.Tests.Recipes;

/// <summary>The recipes in the repository's recipes/ folder, as the host finds them beside its output.</summary>
public class ShippedRecipeTests
{
    private static readonly string CopiedFolder = Path.Combine(AppContext.BaseDirectory, "recipes");

    /// <summary>The recipes a new site can start from.</summary>
    public static TheoryData<string> SetupRecipes() => ["demo.recipe.json", "setup.recipe.json"];

    /// <summary>Every recipe in the repository, including any added later.</summary>
    public static TheoryData<string> AllRecipes() =>
        new(Directory.GetFiles(RepositoryFolders.Recipes, "*.recipe.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(AllRecipes))]
    public void The_build_copies_each_recipe_beside_the_output_unchanged(string file)
    {
        var copy = Path.Combine(CopiedFolder, file);

        Assert.True(File.Exists(copy), $"{copy} is missing: the host's project should copy recipes/ beside its output.");
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryFolders.Recipes, file)), File.ReadAllText(copy));
    }

    [Theory]
    [MemberData(nameof(SetupRecipes))]
    public void Each_setup_recipe_parses_under_its_file_name_and_starts_by_enabling_modules(string file)
    {
        var recipe = Recipe.Parse(File.ReadAllText(Path.Combine(RepositoryFolders.Recipes, file)), file, RepositoryFolders.Recipes);

        Assert.Equal(file.Split('.')[0], recipe.Name);
        Assert.True(recipe.IsSetupRecipe);
        Assert.False(string.IsNullOrWhiteSpace(recipe.DisplayName));
        Assert.Equal("Modules", recipe.Steps[0].GetProperty("name").GetString());
    }

    [Theory]
    [MemberData(nameof(AllRecipes))]
    public void Each_module_a_shipped_recipe_enables_is_one_the_host_finds(string file)
    {
        var recipe = Recipe.Parse(File.ReadAllText(Path.Combine(RepositoryFolders.Recipes, file)), file, null);
        var known = ModuleCatalog.Discover(typeof(PLBadgesHost).Assembly).Modules.Select(m => m.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var enabled = recipe.Steps
            .Where(s => s.GetProperty("name").GetString() == "Modules")
            .SelectMany(s => s.GetProperty("enable").EnumerateArray().Select(e => e.GetString()!))
            .ToList();

        Assert.All(enabled, name => Assert.Contains(name, known));
    }

    [Fact]
    public void Demo_recipe_defines_organizations_before_the_people_who_belong_to_them()
    {
        var recipe = Recipe.Parse(File.ReadAllText(Path.Combine(RepositoryFolders.Recipes, "demo.recipe.json")), "demo.recipe.json", null);
        var steps = recipe.Steps.Select(s => s.GetProperty("name").GetString()).ToList();
        var organizations = recipe.Steps[steps.IndexOf("Organizations")];
        var people = recipe.Steps[steps.IndexOf("People")];

        Assert.True(steps.IndexOf("Organizations") < steps.IndexOf("People"), string.Join(", ", steps));
        var codes = organizations.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToHashSet();
        var referenced = people.GetProperty("people").EnumerateArray()
            .SelectMany(p => p.GetProperty("roles").EnumerateArray())
            .Where(r => r.TryGetProperty("organization", out _))
            .Select(r => r.GetProperty("organization").GetString())
            .ToList();
        Assert.NotEmpty(referenced);
        Assert.All(referenced, code => Assert.Contains(code, codes));
    }

    [Fact]
    public void Recipe_library_with_its_default_folder_finds_the_shipped_recipes_by_name()
    {
        var library = new RecipeLibrary(Options.Create(new RecipeOptions()));

        var names = library.All().Select(r => r.Name).ToList();

        Assert.Equal(Directory.GetFiles(RepositoryFolders.Recipes, "*.recipe.json").Length, names.Count);
        Assert.Contains("demo", names);
        Assert.Contains("setup", names);
        Assert.Equal("setup", library.Get("SETUP").Name);
        Assert.Equal(CopiedFolder, library.Get("demo").SourceFolder);
    }

    [Fact]
    public void Recipe_library_names_the_folder_when_a_recipe_is_not_there()
    {
        var library = new RecipeLibrary(Options.Create(new RecipeOptions()));

        var ex = Assert.Throws<PLBadges.Abstractions.Recipes.RecipeException>(() => library.Get("district-pilot"));

        Assert.Contains("'district-pilot'", ex.Message);
        Assert.Contains(CopiedFolder, ex.Message);
    }
}
