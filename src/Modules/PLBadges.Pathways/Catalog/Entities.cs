namespace PLBadges.Pathways.Catalog;

internal enum ContentStatus
{
    Draft,
    Published,
    Retired,
}

/// <summary>A focus area with an ordered set of micro-credentials and a capstone badge. Owned by a district, or shared (no owner).</summary>
internal sealed class Pathway
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string Slug { get; set; }

    public Guid? OwnerOrganizationId { get; set; }

    public required string Title { get; set; }

    public string Summary { get; set; } = "";

    public string FocusArea { get; set; } = "";

    public string Color { get; set; } = "#1d4ed8";

    public string Icon { get; set; } = "prism";

    public string Body { get; set; } = "";

    public string CapstoneTitle { get; set; } = "";

    public string CapstoneDescription { get; set; } = "";

    public ContentStatus Status { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>One competency. What it says lives in its versions; the published one is what teachers start.</summary>
internal sealed class MicroCredential
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string Slug { get; set; }

    public Guid? OwnerOrganizationId { get; set; }

    public Guid PathwayId { get; set; }

    public int Position { get; set; }

    public ContentStatus Status { get; set; }

    /// <summary>The number of the version teachers start now (null until first published).</summary>
    public int? PublishedVersion { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// One version of a micro-credential's content. A published version never changes: work started
/// against it keeps it. An edit is a draft version until published as the next number.
/// </summary>
internal sealed class MicroCredentialVersion
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid MicroCredentialId { get; set; }

    public int Number { get; set; }

    public required string Title { get; set; }

    public decimal EstimatedHours { get; set; }

    public required string ContentJson { get; set; }

    public required string ContentHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? PublishedAt { get; set; }

    public Guid? PublishedBy { get; set; }
}

/// <summary>A resource of the bank: something to read, watch or use, tagged for search.</summary>
internal sealed class Resource
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string Slug { get; set; }

    public Guid? OwnerOrganizationId { get; set; }

    public required string Title { get; set; }

    public string Summary { get; set; } = "";

    public required string Url { get; set; }

    public string Type { get; set; } = "article";

    public string FocusArea { get; set; } = "";

    /// <summary>Grade bands and tags, each stored as "|a|b|" so that one LIKE '%|b|%' finds a value.</summary>
    public string GradeBands { get; set; } = "|";

    public string Tags { get; set; } = "|";

    public int Minutes { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>A district offers a pathway to its people.</summary>
internal sealed class PathwayOffer
{
    public Guid DistrictId { get; set; }

    public Guid PathwayId { get; set; }

    public DateTime OfferedAt { get; set; }
}
