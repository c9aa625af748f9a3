using PLBadges.Abstractions.Recipes;

namespace PLBadges.Tests.Recipes;

public class RecipeContextTests
{
    private static RecipeContext Context(params (string Name, string Value)[] variables) =>
        new("demo", null, variables.ToDictionary(v => v.Name, v => v.Value));

    [Fact]
    public void Expand_replaces_a_variable_with_its_value()
    {
        var context = Context(("DemoPassword", "Pl@nning-Period-45"));

        Assert.Equal("Pl@nning-Period-45", context.Expand("{{DemoPassword}}"));
    }

    [Fact]
    public void Expand_replaces_every_occurrence_of_every_variable_inside_text()
    {
        var context = Context(("District", "riverbend"), ("Host", "badges.example.org"));

        Assert.Equal(
            "https://badges.example.org/riverbend/ and riverbend again",
            context.Expand("https://{{Host}}/{{District}}/ and {{District}} again"));
    }

    [Fact]
    public void Expand_leaves_unknown_variables_and_plain_text_alone()
    {
        var context = Context(("DemoPassword", "secret"));

        Assert.Equal("{{Unknown}} stays", context.Expand("{{Unknown}} stays"));
        Assert.Equal("no variables here", context.Expand("no variables here"));
    }

    [Fact]
    public void Expand_with_no_variables_returns_the_text_unchanged()
    {
        Assert.Equal("{{DemoPassword}}", Context().Expand("{{DemoPassword}}"));
    }

    [Fact]
    public void Context_keeps_the_recipe_name_and_content_root()
    {
        var context = new RecipeContext("demo", "/srv/recipes", new Dictionary<string, string>());

        Assert.Equal("demo", context.RecipeName);
        Assert.Equal("/srv/recipes", context.ContentRoot);
    }
}
