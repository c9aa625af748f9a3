namespace PLBadges.Pathways.Contracts;

/// <summary>One published version of a micro-credential: what a teacher's submission is made against.</summary>
public sealed record MicroCredentialVersionInfo(
    Guid MicroCredentialId,
    Guid VersionId,
    int Number,
    string Slug,
    Guid PathwayId,
    string PathwaySlug,
    Guid? OwnerOrganizationId,
    MicroCredentialContent Content);

/// <summary>A published micro-credential, as lists in other modules name it.</summary>
public sealed record MicroCredentialSummary(Guid MicroCredentialId, string Slug, string Title, Guid PathwayId, string PathwayTitle);

/// <summary>A published pathway as other modules need it: its artwork, its capstone, and its published micro-credentials in order.</summary>
public sealed record PathwayInfo(
    Guid PathwayId,
    string Slug,
    string Title,
    string Summary,
    string Color,
    string Icon,
    string CapstoneTitle,
    string CapstoneDescription,
    IReadOnlyList<Guid> MicroCredentialIds);

/// <summary>What other modules may ask of the catalog.</summary>
public interface IMicroCredentialCatalog
{
    /// <summary>The version teachers start now, or null when the micro-credential is unknown, unpublished or retired.</summary>
    Task<MicroCredentialVersionInfo?> PublishedAsync(string slug, CancellationToken cancellationToken = default);

    /// <summary>A version by id, published or not: a submission keeps the version it was started against.</summary>
    Task<MicroCredentialVersionInfo?> VersionAsync(Guid versionId, CancellationToken cancellationToken = default);

    /// <summary>The published micro-credentials a district can use: the shared ones and its own, by pathway.</summary>
    Task<IReadOnlyList<MicroCredentialSummary>> AvailableToAsync(Guid districtId, CancellationToken cancellationToken = default);

    /// <summary>A published pathway by id, or null when it is unknown or not published.</summary>
    Task<PathwayInfo?> PathwayAsync(Guid pathwayId, CancellationToken cancellationToken = default);

    /// <summary>The badge artwork (SVG, with its text alternative) in the pathway's colour and icon.</summary>
    string BadgeSvg(PathwayInfo pathway, string title, bool capstone);
}
