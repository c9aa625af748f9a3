namespace PLBadges.ArchitectureTests;

/// <summary>A type that breaks a rule: what is wrong, and (for dependency rules) the forbidden types it uses.</summary>
public sealed record Violation(string Type, string Problem, IReadOnlyList<string> Uses)
{
    public static Violation Using(string type, IReadOnlyList<string> uses) => new(type, "uses " + string.Join(", ", uses), uses);
}

/// <summary>What a rule found in one assembly.</summary>
public sealed record RuleResult(string Rule, string Assembly, int TypesChecked, IReadOnlyList<Violation> Violations)
{
    public bool Passed => Violations.Count == 0;

    public IReadOnlyList<string> OffendingTypes => Violations.Select(v => v.Type).ToList();

    public override string ToString()
    {
        if (Passed)
        {
            return $"{Assembly}: {Rule}: passed ({TypesChecked} types checked).";
        }

        var lines = Violations.Select(v => $"  {v.Type} {v.Problem}");
        return $"{Assembly}: {Rule}: {Violations.Count} offending type(s):{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }
}
