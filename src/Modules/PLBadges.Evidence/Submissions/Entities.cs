namespace PLBadges.Evidence.Submissions;

public enum SubmissionState
{
    Draft,
    Submitted,
    InReview,
    Passed,
    NotYet,
    Withdrawn,
}

/// <summary>One teacher's attempt at one micro-credential version.</summary>
internal sealed class Submission
{
    public Guid Id { get; set; }

    public Guid TeacherId { get; set; }

    public Guid DistrictId { get; set; }

    /// <summary>The teacher's school when they started, for the queue's filters and the own-school rule.</summary>
    public Guid? SchoolId { get; set; }

    public Guid MicroCredentialId { get; set; }

    public Guid VersionId { get; set; }

    public Guid PathwayId { get; set; }

    /// <summary>The micro-credential's title and slug when started, so lists need no catalog lookup.</summary>
    public string Title { get; set; } = "";

    public string Slug { get; set; } = "";

    public SubmissionState State { get; set; }

    /// <summary>1 for the first submission; each resubmission after "not yet" adds one.</summary>
    public int Attempt { get; set; } = 1;

    /// <summary>How many independent reviews this attempt needs (1, or 2 when a second review is required).</summary>
    public int ReviewsRequired { get; set; } = 1;

    /// <summary>Two reviewers disagreed on this attempt; a lead coach decides.</summary>
    public bool AwaitingLead { get; set; }

    /// <summary>
    /// This attempt's reviews that hold a seat (completed, or claimed and not yet lapsed), kept by
    /// <see cref="Reviewing.ReviewSeats"/> in the transaction that changes them, so the queue reads
    /// the row instead of counting reviews for every submission.
    /// </summary>
    public int ReviewsHeld { get; set; }

    /// <summary>When this attempt's earliest open claim lapses (null with none): past it, a seat is free again.</summary>
    public DateTime? ClaimsLapseAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>When this attempt was submitted: the queue's order and the waiting time.</summary>
    public DateTime? SubmittedAt { get; set; }

    public DateTime? DecidedAt { get; set; }

    /// <summary>When the evidence (answers and files) was removed at the end of the retention period.</summary>
    public DateTime? PurgedAt { get; set; }

    /// <summary>Optimistic concurrency: two coaches claiming at once, or a claim racing a withdrawal, cannot both win.</summary>
    public int Revision { get; set; }
}

/// <summary>The teacher's text for one prompt (or, for an artifacts part, the notes; <see cref="NotesPrompt"/>).</summary>
internal sealed class Answer
{
    public const int NotesPrompt = -1;

    public Guid SubmissionId { get; set; }

    public int Part { get; set; }

    public int Prompt { get; set; }

    public string Text { get; set; } = "";

    public DateTime UpdatedAt { get; set; }
}

public enum ArtifactKind
{
    File,
    Link,
}

/// <summary>A file (stored outside the web root under a random name) or a link to a video.</summary>
internal sealed class Artifact
{
    public Guid Id { get; set; }

    public Guid SubmissionId { get; set; }

    public int Part { get; set; }

    public ArtifactKind Kind { get; set; }

    /// <summary>The name to show and to offer on download; never used as a path.</summary>
    public string DisplayName { get; set; } = "";

    public string? ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>The random name of the stored file.</summary>
    public string? StorageKey { get; set; }

    public string? Url { get; set; }

    public string? Sha256 { get; set; }

    public DateTime UploadedAt { get; set; }
}

/// <summary>One change of state: who, when, from, to.</summary>
internal sealed class Transition
{
    public Guid Id { get; set; }

    public Guid SubmissionId { get; set; }

    public SubmissionState From { get; set; }

    public SubmissionState To { get; set; }

    /// <summary>The person who made the change; null for the system (a lapsed claim).</summary>
    public Guid? ById { get; set; }

    public DateTime At { get; set; }

    public int Attempt { get; set; }

    public string? Note { get; set; }
}

/// <summary>Someone other than the teacher opened the evidence, or fetched a file of it (an image shown in their page: viewed; any other file: downloaded).</summary>
internal sealed class EvidenceView
{
    public Guid Id { get; set; }

    public Guid SubmissionId { get; set; }

    public Guid ViewerId { get; set; }

    public Guid? ArtifactId { get; set; }

    public DateTime At { get; set; }
}
