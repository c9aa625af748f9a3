using PLBadges.Recognition.Rules;

namespace PLBadges.Recognition.StateCredit;

/// <summary>
/// What a state takes, kept as versioned data: a shipped profile (read-only, loaded from the module's files), or a
/// copy a state reviewer or platform admin adjusts. A state's own copy belongs to it.
/// </summary>
internal sealed class StateProfile
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>Unique: "tn" for the shipped Tennessee profile, "tn-copy-…" for a copy.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>The state's two-letter postal code: the educator identifiers it takes belong to it.</summary>
    public required string Jurisdiction { get; set; }

    public bool Shipped { get; set; }

    /// <summary>The state organization whose reviewers keep this copy; null for shipped profiles and platform copies.</summary>
    public Guid? OwnerStateId { get; set; }

    public Guid? BasedOnId { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid? CreatedBy { get; set; }
}

/// <summary>One version of a profile, in effect from a day until the next version's day; never changed once made.</summary>
internal sealed class StateProfileVersion
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ProfileId { get; set; }

    public int Number { get; set; }

    public DateOnly EffectiveFrom { get; set; }

    /// <summary>The <see cref="ProfileDefinition"/> as JSON.</summary>
    public required string DefinitionJson { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid? CreatedBy { get; set; }
}

/// <summary>The profile a state on the site uses; its districts are offered it first.</summary>
internal sealed class StateProfileChoice
{
    public Guid StateId { get; set; }

    public Guid ProfileId { get; set; }

    public DateTime ChosenAt { get; set; }
}

/// <summary>
/// A district's (or a state-run program's) approved-provider name and number for a state's profile: it is set up
/// for that profile, and the name and number appear on every certificate and export for it.
/// </summary>
internal sealed class ProviderIdentity
{
    public Guid OrganizationId { get; set; }

    public Guid ProfileId { get; set; }

    public required string ProviderName { get; set; }

    public string ProviderNumber { get; set; } = "";

    public DateTime UpdatedAt { get; set; }

    public Guid? UpdatedBy { get; set; }
}

/// <summary>How a district converts one micro-credential for a profile: the profile's fixed figure, or its hours times the factor.</summary>
internal sealed class CreditChoice
{
    public Guid DistrictId { get; set; }

    public Guid ProfileId { get; set; }

    public Guid MicroCredentialId { get; set; }

    public CreditBasis Basis { get; set; }
}

/// <summary>A school leader a district admin has named to sign off the hours of that school's educators.</summary>
internal sealed class SignOffDelegate
{
    public Guid SchoolId { get; set; }

    public Guid PersonId { get; set; }

    public Guid DistrictId { get; set; }

    public DateTime AddedAt { get; set; }

    public Guid AddedBy { get; set; }
}

/// <summary>
/// An educator's identifier with a state (PPID, TEA ID…), beside the licence number recognition keeps: the educator
/// edits it until an export carries it, then it is frozen. A profile with categories also asks the license area and
/// the day the license expires.
/// </summary>
internal sealed class StateEducatorId
{
    public Guid PersonId { get; set; }

    public required string Jurisdiction { get; set; }

    public required string Value { get; set; }

    public string? LicenseArea { get; set; }

    public DateOnly? LicenseExpiresOn { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>When an export first carried it; from then on only the state can change it.</summary>
    public DateTime? FrozenAt { get; set; }
}

/// <summary>
/// A district's sign-off of an educator's hours for a state's profile: who, when, under which version of the profile.
/// It can be withdrawn, with a reason, until an export carries any of its items.
/// </summary>
internal sealed class SignOff
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid DistrictId { get; set; }

    public Guid? SchoolId { get; set; }

    public Guid PersonId { get; set; }

    public required string EducatorName { get; set; }

    public Guid ProfileId { get; set; }

    public Guid ProfileVersionId { get; set; }

    public int ProfileVersion { get; set; }

    public Guid SignedBy { get; set; }

    public required string SignedByName { get; set; }

    public DateTime SignedAt { get; set; }

    /// <summary>The short code of its public check page (<c>/c/{code}</c>), printed with its certificate's QR code.</summary>
    public required string Code { get; set; }

    public DateTime? WithdrawnAt { get; set; }

    public Guid? WithdrawnBy { get; set; }

    public string? WithdrawalReason { get; set; }
}

/// <summary>
/// One signed-off piece of learning (a micro-credential, a month of coaching, an academy session) in the state's
/// unit. The sign-off's district, educator and profile are repeated here so an export reads one table in key order.
/// </summary>
internal sealed class SignOffItem
{
    public long Id { get; set; }

    public Guid SignOffId { get; set; }

    public Guid PersonId { get; set; }

    public Guid DistrictId { get; set; }

    public Guid ProfileId { get; set; }

    public required string Jurisdiction { get; set; }

    public required string EducatorName { get; set; }

    /// <summary>The credential's URL, or "coaching:{yyyy-MM}", or "academy:{session id}".</summary>
    public required string ItemKey { get; set; }

    /// <summary>SHA-256 (hex) of jurisdiction, educator and item: the same learning sent to the same state is the same key.</summary>
    public required string DedupeKey { get; set; }

    public ItemKind Kind { get; set; }

    public required string Title { get; set; }

    public string Summary { get; set; } = "";

    public DateOnly CompletedOn { get; set; }

    public decimal Hours { get; set; }

    public decimal Units { get; set; }

    public required string UnitName { get; set; }

    public CreditBasis Basis { get; set; }

    public string? Category { get; set; }

    /// <summary>The credential's public page, for a micro-credential.</summary>
    public string? CredentialUrl { get; set; }

    /// <summary>The short code of its certificate's link (<c>/c/{code}</c>).</summary>
    public required string Code { get; set; }

    /// <summary>False once its sign-off is withdrawn.</summary>
    public bool Active { get; set; } = true;
}

/// <summary>
/// An item an export carried to the state: it is never sent again, nor is the same learning (its dedupe key) under another
/// item. Kept in a narrow table of its own, written a batch at a time, so that an export of a million rows adds a million
/// small rows instead of rewriting each wide item row and every one of its index entries.
/// </summary>
internal sealed class SentItem
{
    public long ItemId { get; set; }

    public Guid ExportId { get; set; }
}

public enum ExportKind
{
    /// <summary>The profile's own file (the state's upload, or the provider's record).</summary>
    StateFile,

    /// <summary>Ed-Fi Data Standard 6.1 ProfessionalDevelopmentEvent and ProfessionalDevelopmentEventAttendance bodies.</summary>
    EdFi,

    /// <summary>CSV whose columns are named by CEDS element.</summary>
    Ceds,
}

/// <summary>An export a provider made: who, when, for which period and profile version, the file kept (7 years) and its refusals.</summary>
internal sealed class StateExport
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The provider: a district, or a state running its own program.</summary>
    public Guid OrganizationId { get; set; }

    public Guid ProfileId { get; set; }

    public Guid ProfileVersionId { get; set; }

    public int ProfileVersion { get; set; }

    public ExportKind Kind { get; set; }

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    public Guid CreatedBy { get; set; }

    public required string CreatedByName { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime KeepUntil { get; set; }

    public required string FileKey { get; set; }

    public required string FileName { get; set; }

    public string? RefusalsKey { get; set; }

    public int Rows { get; set; }

    public int Refused { get; set; }
}
