using PLBadges.Abstractions.Security;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Organizations.Tree;

/// <summary>
/// A state, district or school. Each row carries its state and district ids, so "everything under
/// this district" is one indexed filter rather than a walk of the tree.
/// </summary>
internal sealed class Organization
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public OrganizationKind Kind { get; set; }

    /// <summary>A short unique key that recipes and rosters use (for example "lincoln-elementary").</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>The district's own key for this organization in its rosters (OneRoster sourcedId), unique within the district.</summary>
    public string? SourcedId { get; set; }

    public Guid? ParentId { get; set; }

    public Guid? StateId { get; set; }

    public Guid? DistrictId { get; set; }

    /// <summary>IANA time zone; a district's applies to its schools.</summary>
    public string TimeZone { get; set; } = "America/New_York";

    /// <summary>A school's planned device rollout date (read by cohorts and readiness).</summary>
    public DateOnly? DeviceRolloutDate { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public OrganizationInfo ToInfo() => new(Id, Kind, Code, Name, ParentId, StateId, DistrictId, TimeZone, DeviceRolloutDate);

    /// <summary>Places this organization under its parent, checking that the kinds nest as state &gt; district &gt; school.</summary>
    public void PlaceUnder(Organization? parent)
    {
        var expected = Kind switch
        {
            OrganizationKind.State => (OrganizationKind?)null,
            OrganizationKind.District => OrganizationKind.State,
            _ => OrganizationKind.District,
        };
        if (parent?.Kind != expected)
        {
            throw new InvalidOperationException(expected == null
                ? $"A state has no parent organization ('{Code}')."
                : $"A {Kind.ToString().ToLowerInvariant()} belongs to a {expected.ToString()!.ToLowerInvariant()}; '{Code}' was given {(parent == null ? "none" : $"the {parent.Kind.ToString().ToLowerInvariant()} '{parent.Code}'")}.");
        }

        ParentId = parent?.Id;
        StateId = Kind == OrganizationKind.State ? Id : parent!.StateId;
        DistrictId = Kind switch
        {
            OrganizationKind.State => null,
            OrganizationKind.District => Id,
            _ => parent!.Id,
        };
        if (parent != null && Kind == OrganizationKind.School)
        {
            TimeZone = parent.TimeZone;
        }
    }
}
