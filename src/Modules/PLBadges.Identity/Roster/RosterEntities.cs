namespace PLBadges.Identity.Roster;

/// <summary>
/// A district's roster key for a person (OneRoster sourcedId), kept beside their email: later
/// rosters find the person by it, so a changed email is a change of the same person.
/// </summary>
internal sealed class RosterLink
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid DistrictId { get; set; }

    public required string SourcedId { get; set; }

    public Guid PersonId { get; set; }

    public DateTime LinkedAt { get; set; }
}

/// <summary>
/// A package read and previewed, waiting for an admin's confirmation. The file it points to holds the
/// checked package (staff only), so whichever node serves the confirmation reads the same thing.
/// </summary>
internal sealed class RosterUpload
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid DistrictId { get; set; }

    public required string FileKey { get; set; }

    public required string FileName { get; set; }

    public required string Format { get; set; }

    public bool Invite { get; set; }

    public Guid? UploadedBy { get; set; }

    public DateTime UploadedAt { get; set; }

    public DateTime? ImportedAt { get; set; }
}
