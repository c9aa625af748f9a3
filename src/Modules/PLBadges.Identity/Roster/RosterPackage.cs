namespace PLBadges.Identity.Roster;

/// <summary>How a package gives one kind of record: not at all, all of them (absence means gone), or only the changes.</summary>
public enum RosterFileMode
{
    Absent,
    Bulk,
    Delta,
}

/// <summary>What a roster role gives in PLBadges. <see cref="Administrator"/> (OneRoster 1.1) depends on the type of the organization it is held at.</summary>
public enum RosterRole
{
    Teacher,
    Coach,
    SchoolLeader,
    DistrictAdmin,
    Administrator,
}

/// <summary>Something wrong with a package or one of its rows: the file, the line (0 for the file as a whole) and why.</summary>
public sealed record RosterProblem(string File, int Line, string Reason)
{
    public override string ToString() => Line > 0 ? $"{File}, line {Line}: {Reason}" : $"{File}: {Reason}";
}

/// <summary>A row refused on its own: the file, the line, whom it names and why.</summary>
public sealed record RosterRefusal(string File, int Line, string Key, string Reason);

/// <summary>An organization row: only schools and the district matter here.</summary>
public sealed record RosterOrgRow(string File, int Line, string SourcedId, bool ToBeDeleted, string Name, string Type, string? Identifier)
{
    public bool IsSchool => Type == "school";

    public bool IsDistrict => Type == "district";
}

/// <summary>
/// A member of staff as the package gives them. <see cref="SourcedId"/> is null in the simple CSV,
/// whose people are known by email only.
/// </summary>
public sealed record RosterUserRow(string File, int Line, string? SourcedId, bool ToBeDeleted, bool Enabled, string Email, string Name);

/// <summary>
/// A role of a person at an organization: named by the organization's sourcedId (OneRoster) or by a
/// school's code or name (the simple CSV). Dates are the role's own, when the package gives them.
/// </summary>
public sealed record RosterRoleRow(string File, int Line, string UserKey, string? OrgSourcedId, string? School, RosterRole Role, bool ToBeDeleted, DateOnly? Begins, DateOnly? Ends);

/// <summary>
/// A roster package read and checked, holding staff only: students, parents, guardians and
/// relatives are counted and dropped as the files are read, so they are never stored. This is what
/// is kept between the preview and the confirmation.
/// </summary>
public sealed class RosterPackage
{
    public const string SimpleFormat = "Simple CSV";

    public string Format { get; set; } = "";

    public RosterFileMode OrgsMode { get; set; }

    public RosterFileMode UsersMode { get; set; }

    /// <summary>How roles are given: in OneRoster 1.1 they come with each user row, so as users are.</summary>
    public RosterFileMode RolesMode { get; set; }

    /// <summary>
    /// Each user row carries all of that person's roles (OneRoster 1.1's users.csv, a OneRoster 1.2
    /// REST user), so a role missing from a named person's row is a role they no longer hold.
    /// </summary>
    public bool RolesWithUsers { get; set; }

    public List<RosterOrgRow> Orgs { get; set; } = [];

    public List<RosterUserRow> Users { get; set; } = [];

    public List<RosterRoleRow> Roles { get; set; } = [];

    /// <summary>Problems that refuse the whole package.</summary>
    public List<RosterProblem> Errors { get; set; } = [];

    /// <summary>Rows refused on their own (the rest can still be imported): the person's key (email or sourcedId) and why.</summary>
    public List<RosterRefusal> Refusals { get; set; } = [];

    /// <summary>Rows left out on purpose (a role PLBadges does not use), said so the admin knows.</summary>
    public List<RosterProblem> Warnings { get; set; } = [];

    /// <summary>Student, parent, guardian and relative rows skipped (counted, never kept).</summary>
    public int SkippedNonStaff { get; set; }

    public bool IsSimple => Format == SimpleFormat;

    public static RosterPackage Refused(string format, string file, int line, string reason)
    {
        var package = new RosterPackage { Format = format };
        package.Errors.Add(new RosterProblem(file, line, reason));
        return package;
    }
}
