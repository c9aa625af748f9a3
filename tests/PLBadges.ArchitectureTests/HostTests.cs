using System.Reflection;

namespace PLBadges.ArchitectureTests;

/// <summary>Rule 2: the host owns no domain; it uses no module's types at all, Contracts included.</summary>
public class HostTests
{
    private static RuleResult Rule(Assembly underTest) => Rules.DependsOnNoModule(underTest, Solution.Modules);

    [Fact]
    public void The_host_depends_on_no_module()
    {
        var result = Rule(Solution.Host);

        Assert.True(result.TypesChecked > 0, $"{result.Assembly}: no types were checked.");
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Known_bad_an_assembly_that_uses_a_module_fails()
    {
        var result = Rule(Solution.BadModule);

        Assert.False(result.Passed, "The broken fixture uses Identity, so rule 2 must fail: " + result);
        Assert.Contains("PLBadges.BadModule.Roster.RosterShortcut", result.OffendingTypes);
        Assert.Contains("PLBadges.BadModule.People.PersonReader", result.OffendingTypes);
        // Unlike rule 1, Contracts count too: the host must not use a module even through them.
        Assert.Contains("PLBadges.BadModule.Reports.ActiveTeachers", result.OffendingTypes);
        Assert.DoesNotContain("PLBadges.BadModule.Hosting.ModuleLister", result.OffendingTypes);
    }
}
