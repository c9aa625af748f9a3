namespace PLBadges.Organizations.Contracts;

/// <summary>An organization as a district's roster names it: its stable sourcedId, its name, its own identifier.</summary>
public sealed record RosterOrganization(string SourcedId, string Name, string? Identifier);

/// <summary>
/// How a roster's organizations meet the district's own: the district itself, and schools found by
/// their sourcedId, else by code or name (schools set up by hand before the first roster), else new.
/// </summary>
public sealed record RosterOrganizationMatch(string SourcedId, Guid? ExistingId, bool Renamed);

/// <summary>Schools (and the district itself) as a roster keeps them, by the sourcedId the district's systems give them.</summary>
public interface IRosterOrganizations
{
    /// <summary>Organizations of the district that carry a sourcedId, by it (the district's own among them).</summary>
    Task<IReadOnlyDictionary<string, Guid>> BySourcedIdAsync(Guid districtId, CancellationToken cancellationToken = default);

    /// <summary>What saving these schools would do, without saving.</summary>
    Task<IReadOnlyList<RosterOrganizationMatch>> MatchSchoolsAsync(Guid districtId, IReadOnlyList<RosterOrganization> schools, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the district's own sourcedId and adds or renames its schools, in the caller's unit of
    /// work (saved with it), and answers every sourcedId's organization id.
    /// </summary>
    Task<IReadOnlyDictionary<string, Guid>> SaveAsync(Guid districtId, string? districtSourcedId, IReadOnlyList<RosterOrganization> schools, CancellationToken cancellationToken = default);
}
