namespace PLBadges.Pathways.Contracts;

/// <summary>A resource of the bank as other modules link to it.</summary>
public sealed record ResourceLink(Guid Id, string Slug, string Title, string Url, string Type, string FocusArea, int Minutes);

/// <summary>The resource bank, for modules that attach resources to their own things (an academy session's reading).</summary>
public interface IResourceLibrary
{
    /// <summary>The resources a district's people see: the shared ones and the district's own, by focus area and title.</summary>
    Task<IReadOnlyList<ResourceLink>> AvailableToAsync(Guid districtId, CancellationToken cancellationToken = default);

    /// <summary>The resources with these ids (those that still exist).</summary>
    Task<IReadOnlyList<ResourceLink>> GetAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken = default);

    /// <summary>A resource by its slug, when the district's people may see it.</summary>
    Task<ResourceLink?> FindAsync(string slug, Guid districtId, CancellationToken cancellationToken = default);
}
