using PLBadges.Abstractions.Modules;
using PLBadges.Web.Hosting;

namespace PLBadges.Tests.Hosting;

public class ModuleCatalogOrderTests
{
    private static List<string> Names(IEnumerable<ModuleStartup> modules) => modules.Select(m => m.Name).ToList();

    [Fact]
    public void Order_puts_dependencies_first()
    {
        var ordered = ModuleCatalog.Order(
        [
            new FakeModule("Identity", "Organizations", "Notifications"),
            new FakeModule("Notifications", "Organizations"),
            new FakeModule("Organizations"),
        ]);

        Assert.Equal(["Organizations", "Notifications", "Identity"], Names(ordered));
    }

    [Fact]
    public void Order_puts_a_dependency_first_even_when_its_name_sorts_last()
    {
        var ordered = ModuleCatalog.Order([new FakeModule("Alpha", "Zulu"), new FakeModule("Zulu")]);

        Assert.Equal(["Zulu", "Alpha"], Names(ordered));
    }

    [Fact]
    public void Order_keeps_name_order_for_modules_that_do_not_depend_on_each_other()
    {
        var ordered = ModuleCatalog.Order(
        [
            new FakeModule("Coaching"),
            new FakeModule("Badges"),
            new FakeModule("Evidence"),
            new FakeModule("Assessments"),
        ]);

        Assert.Equal(["Assessments", "Badges", "Coaching", "Evidence"], Names(ordered));
    }

    [Fact]
    public void Order_is_the_same_whatever_order_the_modules_come_in()
    {
        FakeModule[] modules =
        [
            new FakeModule("Reviews", "Evidence", "Organizations"),
            new FakeModule("Evidence", "Organizations"),
            new FakeModule("Organizations"),
            new FakeModule("Cohorts", "Organizations"),
            new FakeModule("Badges"),
        ];
        var expected = Names(ModuleCatalog.Order(modules));

        Assert.Equal(expected, Names(ModuleCatalog.Order(modules.Reverse())));
        Assert.Equal(expected, Names(ModuleCatalog.Order(modules.OrderBy(m => m.Name.Length))));
        Assert.Equal(expected, Names(ModuleCatalog.Order(modules.Skip(2).Concat(modules.Take(2)))));
    }

    [Fact]
    public void Order_places_every_module_after_all_of_its_dependencies()
    {
        FakeModule[] modules =
        [
            new FakeModule("Reviews", "Evidence", "Organizations", "Notifications"),
            new FakeModule("Evidence", "Organizations"),
            new FakeModule("Notifications", "Organizations"),
            new FakeModule("Organizations"),
            new FakeModule("Cohorts", "Organizations", "Reviews"),
            new FakeModule("Badges", "Reviews"),
        ];

        var ordered = Names(ModuleCatalog.Order(modules));

        Assert.Equal(modules.Length, ordered.Count);
        foreach (var module in modules)
        {
            foreach (var dependency in module.Dependencies)
            {
                Assert.True(ordered.IndexOf(dependency) < ordered.IndexOf(module.Name), $"{dependency} should come before {module.Name} in {string.Join(", ", ordered)}");
            }
        }
    }

    [Fact]
    public void Order_of_no_modules_is_empty()
    {
        Assert.Empty(ModuleCatalog.Order([]));
    }

    [Fact]
    public void Missing_dependency_names_both_modules_and_says_to_add_a_project_reference()
    {
        var ex = Assert.Throws<ModuleLoadException>(() => ModuleCatalog.Order(
        [
            new FakeModule("Organizations"),
            new FakeModule("Reports", "Organizations", "Badges"),
        ]));

        Assert.Contains("'Reports'", ex.Message);
        Assert.Contains("'Badges'", ex.Message);
        Assert.Contains("project reference", ex.Message);
        Assert.Contains("PLBadges.Badges", ex.Message);
    }

    [Fact]
    public void Two_modules_that_depend_on_each_other_throw_with_the_cycle_path()
    {
        var ex = Assert.Throws<ModuleLoadException>(() => ModuleCatalog.Order([new FakeModule("B", "A"), new FakeModule("A", "B")]));

        Assert.Contains("cycle", ex.Message);
        Assert.Contains("A -> B -> A", ex.Message);
    }

    [Fact]
    public void Three_modules_in_a_cycle_throw_with_the_whole_cycle_path()
    {
        var ex = Assert.Throws<ModuleLoadException>(() => ModuleCatalog.Order(
        [
            new FakeModule("C", "A"),
            new FakeModule("B", "C"),
            new FakeModule("A", "B"),
        ]));

        Assert.Contains("A -> B -> C -> A", ex.Message);
    }

    [Fact]
    public void Cycle_path_leaves_out_the_module_that_only_leads_into_the_cycle()
    {
        var ex = Assert.Throws<ModuleLoadException>(() => ModuleCatalog.Order(
        [
            new FakeModule("Alpha", "Beta"),
            new FakeModule("Beta", "Gamma"),
            new FakeModule("Gamma", "Beta"),
        ]));

        Assert.Contains("Beta -> Gamma -> Beta", ex.Message);
        Assert.DoesNotContain("Alpha", ex.Message);
    }

    [Fact]
    public void A_module_that_depends_on_itself_is_a_cycle()
    {
        var ex = Assert.Throws<ModuleLoadException>(() => ModuleCatalog.Order([new FakeModule("Loop", "Loop")]));

        Assert.Contains("Loop -> Loop", ex.Message);
    }

    [Fact]
    public void Duplicate_names_throw_naming_both_types()
    {
        var ex = Assert.Throws<ModuleLoadException>(() => ModuleCatalog.Order([new FakeModule("Badges"), new OtherFakeModule("Badges")]));

        Assert.Contains("'Badges'", ex.Message);
        Assert.Contains(typeof(FakeModule).FullName!, ex.Message);
        Assert.Contains(typeof(OtherFakeModule).FullName!, ex.Message);
    }

    [Fact]
    public void Duplicate_names_that_differ_only_in_case_throw()
    {
        Assert.Throws<ModuleLoadException>(() => ModuleCatalog.Order([new FakeModule("Badges"), new FakeModule("badges")]));
    }

    [Fact]
    public void Dependency_names_are_case_insensitive()
    {
        var ordered = ModuleCatalog.Order(
        [
            new FakeModule("Identity", "ORGANIZATIONS", "notifications"),
            new FakeModule("Notifications", "organizations"),
            new FakeModule("Organizations"),
        ]);

        Assert.Equal(["Organizations", "Notifications", "Identity"], Names(ordered));
    }

    [Fact]
    public void Cycle_through_differently_cased_names_is_still_found()
    {
        var ex = Assert.Throws<ModuleLoadException>(() => ModuleCatalog.Order([new FakeModule("A", "b"), new FakeModule("B", "a")]));

        Assert.Contains("cycle", ex.Message);
    }
}
