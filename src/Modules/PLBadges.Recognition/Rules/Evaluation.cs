namespace PLBadges.Recognition.Rules;

/// <summary>What an educator's learning item is.</summary>
public enum ItemKind
{
    MicroCredential,
    Pathway,
    CoachingHours,
    AcademyHours,
}

/// <summary>
/// One thing an educator asks to have recognised: a credential (recognised by the state or not),
/// or hours of coaching or academy attendance. <paramref name="Hours"/> is the credential's or the activity's.
/// </summary>
public sealed record LearningItem(string Id, ItemKind Kind, string Name, decimal Hours, DateOnly EarnedOn, bool Recognised);

/// <summary>Units already granted in the same renewal cycle by earlier decisions, by kind: caps apply across applications.</summary>
public sealed record CycleSoFar(decimal FromCredentials, decimal FromCoaching, decimal FromAcademy)
{
    public static readonly CycleSoFar None = new(0, 0, 0);
}

/// <summary>An item's outcome: the units it earns (possibly cut by a cap, possibly none) and why.</summary>
public sealed record ItemOutcome(LearningItem Item, decimal Units, string Reason);

/// <summary>A renewal application's outcome under one version of the rules.</summary>
public sealed record RenewalOutcome(IReadOnlyList<ItemOutcome> Items, decimal Granted, decimal TotalInCycle, decimal StillNeeded, string UnitName);

/// <summary>An advancement application's outcome: met, or the pathways and micro-credentials still missing.</summary>
public sealed record AdvancementOutcome(bool Met, IReadOnlyList<Guid> MissingPathways, IReadOnlyList<Guid> MissingMicroCredentials);

/// <summary>
/// Applies a version of a programme's rules to what an educator brings. Pure: the same rules and
/// items always give the same outcome, which is stored with the decision so a later change of
/// rules never rewrites it.
/// </summary>
public static class RecognitionRules
{
    /// <summary>
    /// Renewal: items earned inside the cycle count (credentials only when recognised; coaching and
    /// academy hours only where the state says so), in the order given, each cut by the cap of its
    /// kind for the cycle (counting what earlier decisions already granted).
    /// </summary>
    public static RenewalOutcome Renewal(RenewalRules rules, IReadOnlyList<LearningItem> items, DateOnly cycleStart, CycleSoFar soFar)
    {
        var cycleEnd = cycleStart.AddYears(rules.CycleYears);
        var fromCredentials = soFar.FromCredentials;
        var fromCoaching = soFar.FromCoaching;
        var fromAcademy = soFar.FromAcademy;
        var outcomes = new List<ItemOutcome>();
        var seen = new HashSet<string>();
        foreach (var item in items)
        {
            if (!seen.Add(item.Id))
            {
                outcomes.Add(new(item, 0, "Already counted in this application."));
                continue;
            }

            if (item.EarnedOn < cycleStart || item.EarnedOn >= cycleEnd)
            {
                outcomes.Add(new(item, 0, $"Earned {item.EarnedOn:d MMMM yyyy}, outside the renewal cycle ({cycleStart:d MMMM yyyy} to {cycleEnd.AddDays(-1):d MMMM yyyy})."));
                continue;
            }

            switch (item.Kind)
            {
                case ItemKind.Pathway:
                    outcomes.Add(new(item, 0, "A pathway counts through its micro-credentials, each recognized on its own, so its hours are not counted twice."));
                    break;
                case ItemKind.MicroCredential when !item.Recognised:
                    outcomes.Add(new(item, 0, "Not recognized by the state (not endorsed, or from an issuer the state does not trust)."));
                    break;
                case ItemKind.MicroCredential:
                {
                    var units = rules.Basis == UnitBasis.PerCredential ? rules.UnitsPerCredential : item.Hours;
                    var (granted, reason) = Cap(units, fromCredentials, rules.CredentialCap, "from micro-credentials", rules.UnitName);
                    fromCredentials += granted;
                    outcomes.Add(new(item, granted, reason));
                    break;
                }

                case ItemKind.CoachingHours when !rules.CoachingCounts:
                    outcomes.Add(new(item, 0, "The state does not count coaching hours toward renewal."));
                    break;
                case ItemKind.CoachingHours:
                {
                    var (granted, reason) = Cap(item.Hours, fromCoaching, rules.CoachingCap, "from coaching", rules.UnitName);
                    fromCoaching += granted;
                    outcomes.Add(new(item, granted, reason));
                    break;
                }

                case ItemKind.AcademyHours when !rules.AcademyCounts:
                    outcomes.Add(new(item, 0, "The state does not count academy attendance toward renewal."));
                    break;
                default:
                {
                    var (granted, reason) = Cap(item.Hours, fromAcademy, rules.AcademyCap, "from academy attendance", rules.UnitName);
                    fromAcademy += granted;
                    outcomes.Add(new(item, granted, reason));
                    break;
                }
            }
        }

        var grantedNow = outcomes.Sum(o => o.Units);
        var total = soFar.FromCredentials + soFar.FromCoaching + soFar.FromAcademy + grantedNow;
        return new(outcomes, grantedNow, total, Math.Max(0, rules.UnitsNeeded - total), rules.UnitName);
    }

    /// <summary>Advancement: every required pathway (its capstone held) and micro-credential, among those recognised.</summary>
    public static AdvancementOutcome Advancement(AdvancementRules rules, IReadOnlyCollection<Guid> pathwaysHeld, IReadOnlyCollection<Guid> microCredentialsHeld)
    {
        var missingPathways = rules.RequiredPathwayIds.Where(p => !pathwaysHeld.Contains(p)).ToList();
        var missingCredentials = rules.RequiredMicroCredentialIds.Where(m => !microCredentialsHeld.Contains(m)).ToList();
        return new(missingPathways.Count == 0 && missingCredentials.Count == 0, missingPathways, missingCredentials);
    }

    /// <summary>The first day of the renewal cycle that contains a day, counting whole cycles from the licence's first day.</summary>
    public static DateOnly CycleStart(DateOnly licensedOn, int cycleYears, DateOnly day)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cycleYears, 1);
        var cycles = Math.Max(0, (day.Year - licensedOn.Year) / cycleYears);
        while (cycles > 0 && licensedOn.AddYears(cycles * cycleYears) > day)
        {
            cycles--;
        }

        return licensedOn.AddYears(cycles * cycleYears); // from the first day each time, so a 29 February start does not drift
    }

    private static (decimal Granted, string Reason) Cap(decimal units, decimal sofar, decimal? cap, string what, string unitName)
    {
        if (cap is not { } limit)
        {
            return (units, $"{units:0.##} {unitName}.");
        }

        var room = Math.Max(0, limit - sofar);
        return units <= room
            ? (units, $"{units:0.##} {unitName}.")
            : (room, $"{room:0.##} of {units:0.##} {unitName}: the state counts at most {limit:0.##} {unitName} {what} per renewal cycle.");
    }
}
