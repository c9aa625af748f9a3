using PLBadges.Recognition.Rules;

namespace PLBadges.Recognition.Applications;

/// <summary>An educator's licence with a state: the number the state knows them by, and when it was first issued (renewal cycles count from it).</summary>
internal sealed class EducatorLicence
{
    public Guid StateId { get; set; }

    public Guid PersonId { get; set; }

    public required string EducatorNumber { get; set; }

    public DateOnly LicensedOn { get; set; }

    public DateTime UpdatedAt { get; set; }
}

public enum ApplicationStatus
{
    /// <summary>Waiting for a reviewer (the state's, or the district's where the state leaves approval to districts).</summary>
    Waiting,

    /// <summary>The reviewer asked the educator for more; the educator answers and it waits again.</summary>
    MoreAsked,

    Approved,

    Declined,
}

/// <summary>
/// An educator's application for renewal units or an advancement, decided under the version of the
/// programme in effect when it was made. The outcome is stored with the decision and never recomputed.
/// </summary>
internal sealed class RecognitionApplication
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid StateId { get; set; }

    /// <summary>The educator's district when they applied: for the district's reviewers and the state's figures.</summary>
    public Guid DistrictId { get; set; }

    public Guid PersonId { get; set; }

    public required string EducatorNumber { get; set; }

    public Guid ProgrammeId { get; set; }

    public Guid VersionId { get; set; }

    public ProgrammeKind Kind { get; set; }

    public required string ProgrammeName { get; set; }

    public ApprovalBy Approval { get; set; }

    public ApplicationStatus Status { get; set; }

    public DateOnly CycleStart { get; set; }

    public DateTime SubmittedAt { get; set; }

    /// <summary>What the educator adds: at the start, or answering a request for more.</summary>
    public string Note { get; set; } = "";

    /// <summary>The reviewer's request for more, or the reason for declining.</summary>
    public string? ReviewerMessage { get; set; }

    public DateTime? DecidedAt { get; set; }

    public Guid? DecidedBy { get; set; }

    /// <summary>Approved by rule at once (every credential endorsed by the state), not by a reviewer.</summary>
    public bool ByRule { get; set; }

    /// <summary>Units granted (renewal), as the rules gave them when approved.</summary>
    public decimal UnitsGranted { get; set; }

    public string UnitName { get; set; } = "";

    /// <summary>The rules' reading in words: units per item and why, or what an advancement still misses.</summary>
    public string Summary { get; set; } = "";
}

/// <summary>Where an item of an application comes from.</summary>
public enum ItemSource
{
    /// <summary>A credential issued on this site, checked by the credentials module.</summary>
    Issued,

    /// <summary>A credential uploaded from another issuer, verified, counted only from a trusted issuer.</summary>
    Uploaded,

    /// <summary>Hours of coaching or academy attendance, from the site's records.</summary>
    Activity,
}

/// <summary>One thing an application asks to have recognised, with what the checks and the rules said of it.</summary>
internal sealed class ApplicationItem
{
    public Guid ApplicationId { get; set; }

    public int Position { get; set; }

    /// <summary>The credential's URL (its id), or "coaching:{cycle start}" / "academy:{cycle start}" for hours.</summary>
    public required string ItemKey { get; set; }

    public ItemKind Kind { get; set; }

    public ItemSource Source { get; set; }

    public required string Name { get; set; }

    public decimal Hours { get; set; }

    public DateOnly EarnedOn { get; set; }

    public Guid? MicroCredentialId { get; set; }

    public Guid? PathwayId { get; set; }

    public string? IssuerUrl { get; set; }

    public string? IssuerName { get; set; }

    /// <summary>Counted by the state: issued by one of its districts, or verified from a trusted issuer.</summary>
    public bool Recognised { get; set; }

    /// <summary>Endorsed by the state: what lets an application be approved by rule.</summary>
    public bool Endorsed { get; set; }

    /// <summary>The verification's checks as the reviewer reads them ("signature: passed, ...").</summary>
    public string Verification { get; set; } = "";

    /// <summary>An uploaded credential as it was read (its JSON), for the reviewer.</summary>
    public string? UploadedJson { get; set; }

    public decimal Units { get; set; }

    public string Reason { get; set; } = "";
}
