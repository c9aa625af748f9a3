using PLBadges.Abstractions.Modules;

namespace PLBadges.Tests.Hosting;

/// <summary>A module that is only a name and the names it depends on.</summary>
internal class FakeModule(string name, params string[] dependencies) : ModuleStartup
{
    public override string Name => name;

    public override IReadOnlyList<string> Dependencies => dependencies;

    public override string ToString() => name;
}

/// <summary>A second fake type, so that a duplicate-name message can be seen to name both types.</summary>
internal sealed class OtherFakeModule(string name) : FakeModule(name);

/// <summary>A startup with a parameterless constructor, for assemblies built in a test that point at it.</summary>
public sealed class ReportsModuleNeedingBadges : ModuleStartup
{
    public override string Name => "Reports";

    public override IReadOnlyList<string> Dependencies => ["Badges"];
}

/// <summary>Not a module startup at all: what a typo in a marker attribute looks like.</summary>
public sealed class NotAStartup;
