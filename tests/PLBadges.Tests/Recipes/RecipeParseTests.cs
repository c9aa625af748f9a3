using PLBadges.Abstractions.Recipes;
using PLBadges.Web.Recipes;

namespace PLBadges.Tests.Recipes;

public class RecipeParseTests
{
    private const string Good = """
        {
          // Comments and trailing commas are allowed, as people edit these files by hand.
          "name": "pilot",
          "displayName": "Pilot district",
          "description": "Two schools and their coaches.",
          "isSetupRecipe": true,
          "steps": [
            { "name": "Modules", "enable": [ "Organizations" ] },
            { "name": "Organizations", "items": [] },
          ],
        }
        """;

    [Fact]
    public void A_good_recipe_gives_its_name_texts_setup_flag_and_steps_in_order()
    {
        var recipe = Recipe.Parse(Good, "pilot.recipe.json", "/srv/recipes");

        Assert.Equal("pilot", recipe.Name);
        Assert.Equal("Pilot district", recipe.DisplayName);
        Assert.Equal("Two schools and their coaches.", recipe.Description);
        Assert.True(recipe.IsSetupRecipe);
        Assert.Equal("/srv/recipes", recipe.SourceFolder);
        Assert.Equal(["Modules", "Organizations"], recipe.Steps.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal("Organizations", recipe.Steps[0].GetProperty("enable")[0].GetString());
    }

    [Fact]
    public void A_recipe_without_isSetupRecipe_or_texts_is_not_a_setup_recipe()
    {
        var recipe = Recipe.Parse("""{ "name": "extras", "steps": [] }""", "extras.recipe.json", null);

        Assert.False(recipe.IsSetupRecipe);
        Assert.Null(recipe.DisplayName);
        Assert.Null(recipe.Description);
        Assert.Null(recipe.SourceFolder);
        Assert.Empty(recipe.Steps);
    }

    [Fact]
    public void Invalid_json_names_the_source_and_the_line_counted_from_one()
    {
        const string json = "{\n  \"name\": \"broken\",\n  \"steps\": [\n    { \"name\": \"Modules\" ]\n}\n";

        var ex = Assert.Throws<RecipeException>(() => Recipe.Parse(json, "broken.recipe.json", null));

        Assert.StartsWith("broken.recipe.json:", ex.Message);
        Assert.Contains("at line 4:", ex.Message);
    }

    [Fact]
    public void Invalid_json_on_the_first_line_is_line_one()
    {
        var ex = Assert.Throws<RecipeException>(() => Recipe.Parse("{ name: 1 }", "inline", null));

        Assert.Contains("inline", ex.Message);
        Assert.Contains("at line 1:", ex.Message);
    }

    [Fact]
    public void A_recipe_that_is_not_a_json_object_is_refused()
    {
        var ex = Assert.Throws<RecipeException>(() => Recipe.Parse("[ { \"name\": \"Modules\" } ]", "list.recipe.json", null));

        Assert.StartsWith("list.recipe.json:", ex.Message);
        Assert.Contains("JSON object", ex.Message);
    }

    [Theory]
    [InlineData("""{ "steps": [] }""")]
    [InlineData("""{ "name": "", "steps": [] }""")]
    [InlineData("""{ "name": "   ", "steps": [] }""")]
    [InlineData("""{ "name": 7, "steps": [] }""")]
    public void A_recipe_without_a_name_is_refused(string json)
    {
        var ex = Assert.Throws<RecipeException>(() => Recipe.Parse(json, "nameless.recipe.json", null));

        Assert.StartsWith("nameless.recipe.json:", ex.Message);
        Assert.Contains("no \"name\"", ex.Message);
    }

    [Theory]
    [InlineData("""{ "name": "demo" }""")]
    [InlineData("""{ "name": "demo", "steps": { "name": "Modules" } }""")]
    [InlineData("""{ "name": "demo", "steps": null }""")]
    public void A_recipe_without_a_steps_array_is_refused_naming_the_recipe(string json)
    {
        var ex = Assert.Throws<RecipeException>(() => Recipe.Parse(json, "demo.recipe.json", null));

        Assert.StartsWith("demo.recipe.json:", ex.Message);
        Assert.Contains("'demo'", ex.Message);
        Assert.Contains("\"steps\" array", ex.Message);
    }

    [Theory]
    [InlineData("""{ "name": "demo", "displayName": 5, "steps": [] }""")]
    [InlineData("""{ "name": "demo", "description": [ "two", "lines" ], "steps": [] }""")]
    public void A_display_name_or_description_that_is_not_text_is_refused_naming_the_source(string json)
    {
        var ex = Record.Exception(() => Recipe.Parse(json, "demo.recipe.json", null));

        var recipeException = Assert.IsType<RecipeException>(ex);
        Assert.StartsWith("demo.recipe.json:", recipeException.Message);
    }

    [Theory]
    [InlineData("""{ "name": "demo", "steps": [ { "name": "Modules" }, { "items": [] } ] }""", 2)]
    [InlineData("""{ "name": "demo", "steps": [ { "name": "Modules" }, { "name": "People" }, { "name": 3 } ] }""", 3)]
    [InlineData("""{ "name": "demo", "steps": [ "Modules" ] }""", 1)]
    public void A_step_without_a_name_says_which_step_it_is(string json, int stepNumber)
    {
        var ex = Assert.Throws<RecipeException>(() => Recipe.Parse(json, "demo.recipe.json", null));

        Assert.StartsWith("demo.recipe.json:", ex.Message);
        Assert.Contains($"step {stepNumber} of recipe 'demo'", ex.Message);
    }
}
