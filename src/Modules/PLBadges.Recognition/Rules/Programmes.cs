namespace PLBadges.Recognition.Rules;

/// <summary>What a state's programme recognises learning for.</summary>
public enum ProgrammeKind
{
    /// <summary>Licence renewal: units (points, clock hours) toward a total per renewal cycle.</summary>
    Renewal,

    /// <summary>Advancement: a named step (an endorsement on the licence) for a set of pathways or micro-credentials.</summary>
    Advancement,
}

/// <summary>Who decides an application the rules do not approve at once.</summary>
public enum ApprovalBy
{
    State,
    District,
}

/// <summary>How a recognised micro-credential or pathway counts toward renewal.</summary>
public enum UnitBasis
{
    /// <summary>Each counts a fixed number of units (6 points, say).</summary>
    PerCredential,

    /// <summary>Each counts its own hours (clock hours).</summary>
    CredentialHours,
}

/// <summary>
/// A renewal programme's rules in one version: how many units renew a licence in how many years,
/// how credentials count, what caps apply per cycle, and whether coaching hours and academy
/// attendance count. Real programmes differ; each is expressed here as data:
/// "every micro-credential is 6 of the 60 points needed" is PerCredential 6, needed 60;
/// "90 clock hours per five years, at most 30 from micro-credentials" is CredentialHours, needed 90, cycle 5, cap 30.
/// </summary>
public sealed record RenewalRules(
    string UnitName,
    decimal UnitsNeeded,
    int CycleYears,
    UnitBasis Basis,
    decimal UnitsPerCredential,
    decimal? CredentialCap,
    bool CoachingCounts,
    decimal? CoachingCap,
    bool AcademyCounts,
    decimal? AcademyCap,
    ApprovalBy Approval);

/// <summary>An advancement programme's rules in one version: the step, and the pathways and micro-credentials it requires.</summary>
public sealed record AdvancementRules(string StepName, IReadOnlyList<Guid> RequiredPathwayIds, IReadOnlyList<Guid> RequiredMicroCredentialIds, ApprovalBy Approval);

/// <summary>One version of a programme's rules, in effect from a day until (not including) another.</summary>
public sealed record RulesVersion<TRules>(int Number, DateOnly EffectiveFrom, DateOnly? EffectiveUntil, TRules Rules);

public static class Versions
{
    /// <summary>The version in effect on a day: the latest to have begun by then and not yet ended; null when none was.</summary>
    public static RulesVersion<T>? InEffect<T>(IEnumerable<RulesVersion<T>> versions, DateOnly day) =>
        versions.Where(v => v.EffectiveFrom <= day && (v.EffectiveUntil is not { } until || day < until)).OrderByDescending(v => v.EffectiveFrom).FirstOrDefault();
}
