using PLBadges.Abstractions.Modules;
using PLBadges.Recognition;

[assembly: PLBadgesModule(typeof(RecognitionModule))]

namespace PLBadges.Recognition;

/// <summary>
/// Recognition: a state's programmes for licence renewal and advancement, and the rules that turn an
/// educator's credentials, coaching hours and academy attendance into recognised units. (The rules
/// come first; programmes, applications, endorsements and the licensure API build on them.)
/// </summary>
public sealed class RecognitionModule : ModuleStartup
{
    public override string Name => "Recognition";

    public override IReadOnlyList<string> Dependencies => ["Organizations", "Identity", "Pathways", "Credentials", "Coaching", "Cohorts"];
}
