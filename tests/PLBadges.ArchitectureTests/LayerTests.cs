using System.Reflection;

namespace PLBadges.ArchitectureTests;

/// <summary>Rule 3: Abstractions depends on no module, Data or host; Data depends on no module or host.</summary>
public class LayerTests
{
    private static RuleResult AbstractionsRule(Assembly underTest) =>
        Rules.DependsOnNoneOf(underTest, [.. Solution.Modules, Solution.Data, Solution.Host]);

    private static RuleResult DataRule(Assembly underTest) =>
        Rules.DependsOnNoneOf(underTest, [.. Solution.Modules, Solution.Host]);

    [Fact]
    public void Abstractions_depends_on_no_module_nor_data_nor_the_host()
    {
        var result = AbstractionsRule(Solution.Abstractions);

        Assert.True(result.TypesChecked > 0, $"{result.Assembly}: no types were checked.");
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Data_depends_on_no_module_nor_the_host()
    {
        var result = DataRule(Solution.Data);

        Assert.True(result.TypesChecked > 0, $"{result.Assembly}: no types were checked.");
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Known_bad_the_abstractions_rule_fails_on_an_assembly_using_the_host_and_a_module()
    {
        var result = AbstractionsRule(Solution.BadModule);

        Assert.False(result.Passed, "The broken fixture uses the host and Identity, so the Abstractions rule must fail: " + result);
        Assert.Contains("PLBadges.Web.Hosting.ModuleCatalog", UsesOf(result, "PLBadges.BadModule.Hosting.ModuleLister"));
        Assert.Contains("PLBadges.Identity.Roster.RosterImport", UsesOf(result, "PLBadges.BadModule.Roster.RosterShortcut"));
    }

    [Fact]
    public void Known_bad_the_data_rule_fails_on_an_assembly_using_the_host_and_a_module()
    {
        var result = DataRule(Solution.BadModule);

        Assert.False(result.Passed, "The broken fixture uses the host and Identity, so the Data rule must fail: " + result);
        Assert.Contains("PLBadges.Web.Hosting.ModuleCatalog", UsesOf(result, "PLBadges.BadModule.Hosting.ModuleLister"));
        Assert.Contains("PLBadges.Identity.People.Person", UsesOf(result, "PLBadges.BadModule.People.PersonReader"));
    }

    private static IReadOnlyList<string> UsesOf(RuleResult result, string type) =>
        result.Violations.SingleOrDefault(v => v.Type == type)?.Uses
        ?? throw new Xunit.Sdk.XunitException($"Expected {type} among the offending types: {result}");
}
