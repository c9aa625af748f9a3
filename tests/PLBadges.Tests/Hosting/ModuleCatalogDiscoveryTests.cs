using System.Reflection;
using System.Reflection.Emit;
using PLBadges.Abstractions.Modules;
using PLBadges.Identity;
using PLBadges.Notifications;
using PLBadges.Organizations;
using PLBadges.Web.Hosting;

namespace PLBadges.Tests.Hosting;

public class ModuleCatalogDiscoveryTests
{
    private static readonly Assembly OrganizationsAssembly = typeof(OrganizationsModule).Assembly;
    private static readonly Assembly NotificationsAssembly = typeof(NotificationsModule).Assembly;
    private static readonly Assembly IdentityAssembly = typeof(IdentityModule).Assembly;

    private static List<string> Names(ModuleCatalog catalog) => catalog.Modules.Select(m => m.Name).ToList();

    /// <summary>An assembly made in memory whose marker attribute names <paramref name="startupType"/>.</summary>
    private static Assembly AssemblyMarkedWith(Type startupType)
    {
        var marker = new CustomAttributeBuilder(typeof(PLBadgesModuleAttribute).GetConstructor([typeof(Type)])!, [startupType]);
        return AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("PLBadges.Fake" + Guid.NewGuid().ToString("N")), AssemblyBuilderAccess.Run, [marker]);
    }

    [Fact]
    public void FromAssemblies_finds_the_real_modules_in_dependency_order()
    {
        var catalog = ModuleCatalog.FromAssemblies([IdentityAssembly, NotificationsAssembly, OrganizationsAssembly]);

        Assert.Equal(["Organizations", "Notifications", "Identity"], Names(catalog));
        Assert.IsType<OrganizationsModule>(catalog.Modules[0]);
        Assert.IsType<NotificationsModule>(catalog.Modules[1]);
        Assert.IsType<IdentityModule>(catalog.Modules[2]);
    }

    [Fact]
    public void FromAssemblies_ignores_an_assembly_without_the_marker_attribute()
    {
        var thisAssembly = typeof(ModuleCatalogDiscoveryTests).Assembly; // holds ModuleStartup subclasses, but no marker
        var abstractions = typeof(ModuleStartup).Assembly;

        Assert.Empty(ModuleCatalog.FromAssemblies([thisAssembly, abstractions]).Modules);
        Assert.Equal(
            ["Organizations", "Notifications", "Identity"],
            Names(ModuleCatalog.FromAssemblies([thisAssembly, IdentityAssembly, abstractions, NotificationsAssembly, OrganizationsAssembly])));
    }

    [Fact]
    public void FromAssemblies_counts_an_assembly_listed_twice_once()
    {
        var catalog = ModuleCatalog.FromAssemblies([OrganizationsAssembly, OrganizationsAssembly, NotificationsAssembly]);

        Assert.Equal(["Organizations", "Notifications"], Names(catalog));
    }

    [Fact]
    public void FromAssemblies_without_a_module_that_another_needs_stops_with_a_missing_dependency()
    {
        var ex = Assert.Throws<ModuleLoadException>(() => ModuleCatalog.FromAssemblies([IdentityAssembly, OrganizationsAssembly]));

        Assert.Contains("'Identity'", ex.Message);
        Assert.Contains("'Notifications'", ex.Message);
    }

    [Fact]
    public void FromAssemblies_rejects_a_marker_naming_a_type_that_is_not_a_module_startup()
    {
        var assembly = AssemblyMarkedWith(typeof(NotAStartup));

        var ex = Assert.Throws<ModuleLoadException>(() => ModuleCatalog.FromAssemblies([assembly]));

        Assert.Contains(typeof(NotAStartup).FullName!, ex.Message);
        Assert.Contains("ModuleStartup", ex.Message);
    }

    [Fact]
    public void FromAssemblies_creates_the_startup_a_marker_names_and_checks_its_dependencies()
    {
        var assembly = AssemblyMarkedWith(typeof(ReportsModuleNeedingBadges));

        var ex = Assert.Throws<ModuleLoadException>(() => ModuleCatalog.FromAssemblies([OrganizationsAssembly, assembly]));

        Assert.Contains("'Reports'", ex.Message);
        Assert.Contains("'Badges'", ex.Message);
    }

    [Fact]
    public void FindByAssembly_returns_the_module_of_that_assembly_and_null_for_others()
    {
        var catalog = ModuleCatalog.FromAssemblies([OrganizationsAssembly, NotificationsAssembly, IdentityAssembly]);

        Assert.IsType<NotificationsModule>(catalog.FindByAssembly(NotificationsAssembly));
        Assert.IsType<IdentityModule>(catalog.FindByAssembly(IdentityAssembly));
        Assert.Null(catalog.FindByAssembly(typeof(ModuleStartup).Assembly));
    }

    [Fact]
    public void Discover_finds_exactly_the_modules_the_host_references_in_dependency_order()
    {
        var catalog = ModuleCatalog.Discover(typeof(PLBadgesHost).Assembly);

        // Dependencies first; otherwise name order (Identity's dependencies pull Organizations and Notifications ahead).
        Assert.Equal(["Organizations", "Notifications", "Identity", "Pathways", "Evidence", "Coaching", "Credentials", "Cohorts", "Recognition"], Names(catalog));
        Assert.Same(OrganizationsAssembly, catalog.Modules[0].GetType().Assembly);
        Assert.Same(NotificationsAssembly, catalog.Modules[1].GetType().Assembly);
        Assert.Same(IdentityAssembly, catalog.Modules[2].GetType().Assembly);
        Assert.Same(typeof(PLBadges.Pathways.PathwaysModule).Assembly, catalog.Modules[3].GetType().Assembly);
    }
}
