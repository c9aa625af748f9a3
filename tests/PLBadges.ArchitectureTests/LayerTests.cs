using System.Reflection;

namespace PLBadges.ArchitectureTests;

/// <summary>Rule 3: Abstractions depends on no module, Data or host; Data depends on no module or host; Typesetting on none of them nor ASP.NET Core.</summary>
public class LayerTests
{
    private static RuleResult AbstractionsRule(Assembly underTest) =>
        Rules.DependsOnNoneOf(underTest, [.. Solution.Modules, Solution.Data, Solution.Host]);

    private static RuleResult DataRule(Assembly underTest) =>
        Rules.DependsOnNoneOf(underTest, [.. Solution.Modules, Solution.Host]);

    private static RuleResult TypesettingRule(Assembly underTest) =>
        Rules.DependsOnNoneOf(underTest, [.. Solution.Modules, Solution.Abstractions, Solution.Data, Solution.Host]);

    /// <summary>Typesetting is a library any host can use (a job, a CLI), so it references no ASP.NET Core assembly.</summary>
    private static IReadOnlyList<string> AspNetReferences(Assembly underTest) =>
        underTest.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)).ToList();

    [Fact]
    public void Typesetting_depends_on_no_module_nor_abstractions_nor_data_nor_the_host_nor_ASP_NET_Core()
    {
        var result = TypesettingRule(Solution.Typesetting);

        Assert.True(result.TypesChecked > 0, $"{result.Assembly}: no types were checked.");
        Assert.True(result.Passed, result.ToString());
        Assert.Empty(AspNetReferences(Solution.Typesetting));
    }

    [Fact]
    public void Known_bad_the_typesetting_rule_fails_on_an_assembly_using_the_host_and_a_module()
    {
        var result = TypesettingRule(Solution.BadModule);

        Assert.False(result.Passed, "The broken fixture uses the host and Identity, so the Typesetting rule must fail: " + result);
        Assert.Contains("PLBadges.Web.Hosting.ModuleCatalog", UsesOf(result, "PLBadges.BadModule.Hosting.ModuleLister"));
        Assert.NotEmpty(AspNetReferences(Solution.Host));
    }

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
