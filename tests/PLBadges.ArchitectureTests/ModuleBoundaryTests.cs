using System.Reflection;
using Microsoft.Extensions.DependencyModel;
using PLBadges.Web.Hosting;

namespace PLBadges.ArchitectureTests;

/// <summary>Rule 1: a module depends on other modules only through their Contracts namespace.</summary>
public class ModuleBoundaryTests
{
    private static RuleResult Rule(Assembly underTest) => Rules.UsesOtherModulesOnlyThroughContracts(underTest, Solution.Modules);

    /// <summary>Rule 1 for every module of the list against all the others.</summary>
    private static IReadOnlyList<RuleResult> CheckEveryModule(IReadOnlyList<Assembly> modules) =>
        modules.Select(module => Rules.UsesOtherModulesOnlyThroughContracts(module, modules)).ToList();

    [Fact]
    public void The_host_finds_the_real_modules_and_not_the_broken_fixture()
    {
        var names = Solution.Modules.Select(m => m.GetName().Name).ToList();
        Assert.True(names.Count >= 3, $"Expected at least 3 modules, so the boundary rule cannot pass vacuously; found: {string.Join(", ", names)}");
        Assert.Contains("PLBadges.Identity", names);
        Assert.Contains("PLBadges.Organizations", names);
        Assert.Contains("PLBadges.Notifications", names);
        Assert.DoesNotContain(Solution.BadModule, Solution.Modules);
        // The host's own dependency list (PLBadges.Web.deps.json), which discovery reads, must not name the fixture.
        var hostDependencies = DependencyContext.Load(Solution.Host);
        Assert.NotNull(hostDependencies);
        Assert.Contains(hostDependencies.RuntimeLibraries, library => library.Name == "PLBadges.Identity");
        Assert.DoesNotContain(hostDependencies.RuntimeLibraries, library => library.Name == Solution.BadModule.GetName().Name);
    }

    [Fact]
    public void The_broken_fixture_is_a_module_by_the_hosts_own_marker()
    {
        // So the known-bad case is a module in every way the host can see, not just some assembly.
        var catalog = ModuleCatalog.FromAssemblies([.. Solution.Modules, Solution.BadModule]);
        Assert.Contains(catalog.Modules, module => module.Name == "Bad" && module.GetType().Assembly == Solution.BadModule);
    }

    [Fact]
    public void Modules_use_each_other_only_through_contracts()
    {
        var results = CheckEveryModule(Solution.Modules);

        Assert.All(results, result => Assert.True(result.TypesChecked > 0, $"{result.Assembly}: no types were checked."));
        Assert.True(results.All(r => r.Passed), string.Join(Environment.NewLine, results.Where(r => !r.Passed)));
    }

    [Fact]
    public void The_analysis_sees_the_real_modules_use_of_each_others_contracts()
    {
        // A positive control on the real assemblies: Identity does use Organizations, through its
        // Contracts. If the analysis could not see that edge, rule 1 passing would prove nothing.
        var identity = Assert.Single(Solution.Modules, m => m.GetName().Name == "PLBadges.Identity");
        var everyUse = Rules.DependsOnNoModule(identity, Solution.Modules);

        Assert.Contains(everyUse.Violations, v => v.Uses.Contains("PLBadges.Organizations.Contracts.IOrganizationDirectory"));
    }

    [Fact]
    public void Known_bad_a_module_using_identity_internals_fails()
    {
        var result = Rule(Solution.BadModule);

        Assert.False(result.Passed, "The broken fixture uses Identity's internals, so rule 1 must fail: " + result);
        Assert.Contains("PLBadges.Identity.Roster.RosterImport", UsesOf(result, "PLBadges.BadModule.Roster.RosterShortcut"));
        Assert.Equal(["PLBadges.Identity.People.Person"], UsesOf(result, "PLBadges.BadModule.People.PersonReader"));
        // Going through Identity.Contracts is allowed, and must not be reported.
        Assert.DoesNotContain("PLBadges.BadModule.Reports.ActiveTeachers", result.OffendingTypes);
    }

    [Fact]
    public void Known_bad_a_type_in_a_namespace_netarchtest_skips_is_reported_not_passed()
    {
        var result = Rule(Solution.BadModule);

        var hidden = Assert.Single(result.Violations, v => v.Type == "Microsoft.Extensions.DependencyInjection.BadModuleServiceCollectionExtensions");
        Assert.Contains("does not analyse", hidden.Problem);
    }

    [Fact]
    public void Known_bad_the_every_module_check_catches_a_broken_module_among_the_real_ones()
    {
        // The same loop the real test runs, given the broken module as one more module: it must
        // report the broken module, and only it (the real ones still pass with it present).
        var results = CheckEveryModule([.. Solution.Modules, Solution.BadModule]);

        var failed = results.Where(r => !r.Passed).ToList();
        Assert.Equal(["PLBadges.BadModule"], failed.Select(r => r.Assembly));
        Assert.Contains("PLBadges.BadModule.Roster.RosterShortcut", failed[0].OffendingTypes);
    }

    private static IReadOnlyList<string> UsesOf(RuleResult result, string type) =>
        result.Violations.SingleOrDefault(v => v.Type == type)?.Uses
        ?? throw new Xunit.Sdk.XunitException($"Expected {type} among the offending types: {result}");
}
