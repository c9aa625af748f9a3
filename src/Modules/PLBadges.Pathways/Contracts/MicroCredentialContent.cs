namespace PLBadges.Pathways.Contracts;

/// <summary>
/// Everything a micro-credential says, as one immutable value: what a version stores, what authors
/// edit, what the seed files hold. Two versions are the same when their content is equal.
/// </summary>
public sealed record MicroCredentialContent
{
    public string Title { get; init; } = "";

    public decimal EstimatedHours { get; init; }

    public string Competency { get; init; } = "";

    public string KeyMethod { get; init; } = "";

    public IReadOnlyList<MethodComponent> MethodComponents { get; init; } = [];

    public IReadOnlyList<Alignment> Alignments { get; init; } = [];

    public IReadOnlyList<ResearchSource> Research { get; init; } = [];

    public IReadOnlyList<string> Resources { get; init; } = [];

    public IReadOnlyList<SubmissionPart> Submission { get; init; } = [];

    /// <summary>The background a teacher reads before starting (Markdown, no raw HTML).</summary>
    public string Body { get; init; } = "";
}

public sealed record MethodComponent(string Title, string Description);

public sealed record Alignment(string Framework, string Name, string? Code = null, string? Url = null);

public sealed record ResearchSource(string Author, string Title, int? Year = null, string? Url = null);

/// <summary>One part of what a teacher submits: overview questions, artifacts, or a reflection.</summary>
public sealed record SubmissionPart(string Part, string Title, int Minutes, IReadOnlyList<string> Prompts, IReadOnlyList<RubricCriterion> Rubric);

/// <summary>A criterion a coach scores "met" or "not yet"; <see cref="Met"/> says what met looks like.</summary>
public sealed record RubricCriterion(string Criterion, string Met);
