using PLBadges.Recognition.Rules;

namespace PLBadges.Recognition.Programmes;

/// <summary>What a state sets once: the form of its educator (licence) numbers.</summary>
internal sealed class StateSettings
{
    public Guid StateId { get; set; }

    /// <summary>A regular expression a whole educator number must match.</summary>
    public string EducatorNumberPattern { get; set; } = DefaultPattern;

    /// <summary>The form in words, shown beside the field: "seven digits".</summary>
    public string EducatorNumberHint { get; set; } = DefaultHint;

    public const string DefaultPattern = "^(?:[0-9]{7})$";

    public const string DefaultHint = "seven digits, such as 1234567";
}

/// <summary>An issuer (by its URL, as credentials name it) whose credentials the state counts when brought from elsewhere.</summary>
internal sealed class TrustedIssuer
{
    public Guid StateId { get; set; }

    public required string IssuerUrl { get; set; }

    public required string Name { get; set; }

    public DateTime AddedAt { get; set; }
}

/// <summary>A state's recognition programme: licence renewal, or one advancement step.</summary>
internal sealed class Programme
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid StateId { get; set; }

    public ProgrammeKind Kind { get; set; }

    public required string Name { get; set; }

    public string Description { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// One version of a programme's rules, in effect from a day; the next version ends it. Applications
/// keep the version they were decided under, so a change of rules never rewrites a decision.
/// </summary>
internal sealed class ProgrammeVersion
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ProgrammeId { get; set; }

    public int Number { get; set; }

    public DateOnly EffectiveFrom { get; set; }

    /// <summary><see cref="RenewalRules"/> or <see cref="AdvancementRules"/> as JSON.</summary>
    public required string RulesJson { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid CreatedBy { get; set; }
}
