using System.Reflection;
using PLBadges.Abstractions.Modules;
using PLBadges.BadModule;
using PLBadges.Data;
using PLBadges.Web.Hosting;

namespace PLBadges.ArchitectureTests;

/// <summary>The assemblies the rules are about, with the modules found exactly as the host finds them.</summary>
public static class Solution
{
    public static Assembly Host { get; } = typeof(PLBadgesHost).Assembly;

    public static Assembly Abstractions { get; } = typeof(ModuleStartup).Assembly;

    public static Assembly Data { get; } = typeof(PLBadgesDbContext).Assembly;

    /// <summary>The typesetting library: a plain library that modules use, not a module.</summary>
    public static Assembly Typesetting { get; } = typeof(PLBadges.Typesetting.TextLayout).Assembly;

    /// <summary>The real modules: what the host's own discovery finds among its dependencies.</summary>
    public static IReadOnlyList<Assembly> Modules { get; } =
        ModuleCatalog.Discover(Host).Modules.Select(module => module.GetType().Assembly).Distinct().ToList();

    /// <summary>The deliberately broken fixture module (tests/Fixtures/PLBadges.BadModule).</summary>
    public static Assembly BadModule { get; } = typeof(BrokenModule).Assembly;
}
