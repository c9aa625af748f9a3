using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Modules;
using PLBadges.BadModule;
using PLBadges.BadModule.Conventions;

// The same marker a real module carries, so the fixture is a module in every way the host can see;
// only its dependencies are wrong.
[assembly: PLBadgesModule(typeof(BrokenModule))]

namespace PLBadges.BadModule;

public sealed class BrokenModule : ModuleStartup
{
    public override string Name => "Bad";

    public override IReadOnlyList<string> Dependencies => ["Identity"];

    public override void ConfigureModel(ModelBuilder model) => model.Entity<LeakyTally>(e => e.ToTable("LeakyTallies"));
}
