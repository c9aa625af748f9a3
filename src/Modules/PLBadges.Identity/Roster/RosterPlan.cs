using PLBadges.Abstractions.Security;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Roster;

/// <summary>What a roster would do to one person.</summary>
public enum RosterChange
{
    Added,
    Changed,
    InvitationSent,
    Deactivated,
    Unchanged,
    Refused,
}

/// <summary>One line of a preview: the row it comes from, whom it names, and what would happen.</summary>
public sealed record RosterPlanRow(string File, int Line, string Key, string Name, string Email, RosterChange Change, string Detail);

/// <summary>
/// What importing a package into a district would change, computed from the package and the
/// database without writing anything: shown as the preview, and computed again inside the
/// import's transaction (the database may have moved on since the preview).
/// </summary>
public sealed class RosterPlan
{
    public required Guid DistrictId { get; init; }

    public required RosterPackage Package { get; init; }

    public List<RosterPlanRow> Rows { get; } = [];

    /// <summary>Problems that refuse the package: its own, and those found against the district (a role at an unknown organization).</summary>
    public List<RosterProblem> Errors { get; } = [];

    public List<RosterProblem> Warnings { get; } = [];

    public int SchoolsAdded { get; set; }

    public int SchoolsRenamed { get; set; }

    /// <summary>Active people holding a role in the district before the import (the base of the mass-deactivation stop).</summary>
    public int ActiveStaff { get; set; }

    public bool CanImport => Errors.Count == 0;

    public int Count(RosterChange change) => Rows.Count(r => r.Change == change);

    /// <summary>The share of the district's active staff the import would deactivate here.</summary>
    public double DeactivatedShare => ActiveStaff == 0 ? 0 : (double)Count(RosterChange.Deactivated) / ActiveStaff;

    internal string? DistrictSourcedId { get; set; }

    internal List<RosterOrganization> Schools { get; } = [];

    internal List<PersonPlan> People { get; } = [];
}

/// <summary>Where a role goes: an organization known by id, or a school new in this package (by its sourcedId).</summary>
internal readonly record struct RoleTarget(Guid? OrganizationId, string? SchoolSourcedId, Role Role);

internal enum PersonAction
{
    Create,
    Invite,
    Update,
    CancelInvitation,
}

/// <summary>The writes one person needs.</summary>
internal sealed class PersonPlan
{
    public PersonAction Action { get; init; }

    public Guid? PersonId { get; init; }

    public string? SourcedId { get; init; }

    public required string Email { get; init; }

    public required string Name { get; init; }

    public List<RoleTarget> AddRoles { get; } = [];

    public List<Guid> RemoveMemberships { get; } = [];

    public string? NewName { get; set; }

    public string? NewEmail { get; set; }

    public bool Reactivate { get; set; }

    public bool Deactivate { get; set; }

    public bool Link { get; set; }

    /// <summary>For an invitation: whether one is pending already (to be updated rather than sent again).</summary>
    public Guid? PendingInvitation { get; set; }
}
