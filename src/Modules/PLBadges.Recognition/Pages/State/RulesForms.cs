using PLBadges.Recognition.Rules;

namespace PLBadges.Recognition.Pages.State;

/// <summary>A renewal version's rules as the form gives them.</summary>
public sealed class RenewalForm
{
    public string UnitName { get; set; } = "points";

    public decimal UnitsNeeded { get; set; }

    public int CycleYears { get; set; } = 5;

    public UnitBasis Basis { get; set; }

    public decimal UnitsPerCredential { get; set; }

    public decimal? CredentialCap { get; set; }

    public bool CoachingCounts { get; set; }

    public decimal? CoachingCap { get; set; }

    public bool AcademyCounts { get; set; }

    public decimal? AcademyCap { get; set; }

    public ApprovalBy Approval { get; set; }

    public RenewalRules ToRules() => new(UnitName.Trim(), UnitsNeeded, CycleYears, Basis, Basis == UnitBasis.PerCredential ? UnitsPerCredential : 0,
        CredentialCap, CoachingCounts, CoachingCounts ? CoachingCap : null, AcademyCounts, AcademyCounts ? AcademyCap : null, Approval);

    public static RenewalForm From(RenewalRules rules) => new()
    {
        UnitName = rules.UnitName, UnitsNeeded = rules.UnitsNeeded, CycleYears = rules.CycleYears, Basis = rules.Basis, UnitsPerCredential = rules.UnitsPerCredential,
        CredentialCap = rules.CredentialCap, CoachingCounts = rules.CoachingCounts, CoachingCap = rules.CoachingCap, AcademyCounts = rules.AcademyCounts, AcademyCap = rules.AcademyCap, Approval = rules.Approval,
    };
}

/// <summary>An advancement version's rules as the form gives them.</summary>
public sealed class AdvancementForm
{
    public string StepName { get; set; } = "";

    public List<Guid> Pathways { get; set; } = [];

    public List<Guid> MicroCredentials { get; set; } = [];

    public ApprovalBy Approval { get; set; }

    public AdvancementRules ToRules() => new(StepName.Trim(), Pathways.Distinct().ToList(), MicroCredentials.Distinct().ToList(), Approval);

    public static AdvancementForm From(AdvancementRules rules) => new() { StepName = rules.StepName, Pathways = [.. rules.RequiredPathwayIds], MicroCredentials = [.. rules.RequiredMicroCredentialIds], Approval = rules.Approval };
}
