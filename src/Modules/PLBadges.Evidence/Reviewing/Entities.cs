namespace PLBadges.Evidence.Reviewing;

public enum ReviewKind
{
    /// <summary>The first (or only) review.</summary>
    First,

    /// <summary>An independent second review, required by the district.</summary>
    Second,

    /// <summary>A lead coach settling a disagreement; this decision is final.</summary>
    Lead,
}

public enum ReviewStatus
{
    Claimed,
    Completed,
    Released,
    Lapsed,
}

public enum Decision
{
    Pass,
    NotYet,
}

/// <summary>A coach's review of one attempt: claimed, then completed (or released, or lapsed).</summary>
internal sealed class Review
{
    public Guid Id { get; set; }

    public Guid SubmissionId { get; set; }

    public int Attempt { get; set; }

    public Guid ReviewerId { get; set; }

    public ReviewKind Kind { get; set; }

    public ReviewStatus Status { get; set; }

    public DateTime ClaimedAt { get; set; }

    public DateTime ClaimExpiresAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    public Decision? Decision { get; set; }

    public string Feedback { get; set; } = "";

    public List<CriterionScore> Scores { get; set; } = [];
}

/// <summary>"Met" or "not yet" for one rubric criterion, with the coach's comment.</summary>
internal sealed class CriterionScore
{
    public Guid ReviewId { get; set; }

    public int Part { get; set; }

    public int Criterion { get; set; }

    public bool Met { get; set; }

    public string Comment { get; set; } = "";
}

/// <summary>A district's review rules. A district without a row uses the defaults.</summary>
internal sealed class ReviewPolicy
{
    public Guid DistrictId { get; set; }

    public int MaxAttempts { get; set; } = 3;

    public int ClaimHours { get; set; } = 48;

    public bool ExcludeOwnSchool { get; set; }

    /// <summary>The share of all submissions that also get an independent second review (0-100).</summary>
    public int SecondReviewPercent { get; set; }

    /// <summary>A submission waiting longer than this reminds the coaches and the district admins.</summary>
    public int TargetDays { get; set; } = 7;

    public const int MinRetentionYears = 1;

    public const int MaxRetentionYears = 20;

    /// <summary>How long finished evidence is kept before its answers and files are removed (<see cref="Submissions.EvidenceRetention"/>).</summary>
    public int RetentionYears { get; set; } = 7;

    /// <summary>Micro-credentials that always get a second review.</summary>
    public List<Guid> SecondReviewMicroCredentials { get; set; } = [];

    /// <summary>Coaches who settle disagreements between reviewers.</summary>
    public List<Guid> LeadCoaches { get; set; } = [];
}
