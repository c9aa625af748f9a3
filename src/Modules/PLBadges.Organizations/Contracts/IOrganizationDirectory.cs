using PLBadges.Abstractions.Security;

namespace PLBadges.Organizations.Contracts;

/// <summary>An organization as other modules see it.</summary>
public sealed record OrganizationInfo(
    Guid Id,
    OrganizationKind Kind,
    string Code,
    string Name,
    Guid? ParentId,
    Guid? StateId,
    Guid? DistrictId,
    string TimeZone,
    DateOnly? DeviceRolloutDate)
{
    /// <summary>The organization's time zone (UTC when its id is unknown on this machine), the one lookup every module uses.</summary>
    public TimeZoneInfo Zone => ZoneOf(TimeZone);

    /// <summary>A time zone by its id; UTC when there is none or this machine does not know it.</summary>
    public static TimeZoneInfo ZoneOf(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}

/// <summary>Reads the state &gt; district &gt; school tree.</summary>
public interface IOrganizationDirectory
{
    Task<OrganizationInfo?> GetAsync(Guid id, CancellationToken cancellationToken = default);

    Task<OrganizationInfo?> FindByCodeAsync(string code, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OrganizationInfo>> ListAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken = default);

    /// <summary>The given organizations and everything below them.</summary>
    Task<IReadOnlySet<Guid>> WithDescendantsAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken = default);

    /// <summary>A school of the district, by its code or (case-insensitively) its name.</summary>
    Task<OrganizationInfo?> FindSchoolAsync(Guid districtId, string codeOrName, CancellationToken cancellationToken = default);

    /// <summary>The district an organization belongs to (itself for a district; null for a state).</summary>
    Task<OrganizationInfo?> DistrictOfAsync(Guid organizationId, CancellationToken cancellationToken = default);
}
