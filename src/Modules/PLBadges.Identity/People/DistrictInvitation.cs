namespace PLBadges.Identity.People;

/// <summary>
/// A district's invitation to a person whose account exists already (from another district, or
/// none): until they accept, the district holds only what it typed, and the person counts nowhere
/// in its figures. Accepting gives them the roles.
/// </summary>
internal sealed class DistrictInvitation
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid DistrictId { get; set; }

    public Guid PersonId { get; set; }

    /// <summary>The email and name as the district typed them: all the district sees until the person accepts.</summary>
    public required string Email { get; set; }

    public required string Name { get; set; }

    /// <summary>The roles offered, as "organizationId:Role" separated by ";".</summary>
    public required string Roles { get; set; }

    /// <summary>The roster's key for the person, linked on acceptance.</summary>
    public string? SourcedId { get; set; }

    /// <summary>Whether the roles came from a roster (and so later rosters may take them away).</summary>
    public bool FromRoster { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? AcceptedAt { get; set; }

    public IEnumerable<(Guid OrganizationId, PLBadges.Abstractions.Security.Role Role)> OfferedRoles() =>
        Roles.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(part => part.Split(':')).Select(p => (Guid.Parse(p[0]), Enum.Parse<PLBadges.Abstractions.Security.Role>(p[1])));

    public static string WriteRoles(IEnumerable<(Guid OrganizationId, PLBadges.Abstractions.Security.Role Role)> roles) =>
        string.Join(';', roles.Distinct().Select(r => $"{r.OrganizationId}:{r.Role}").Order(StringComparer.Ordinal));
}

/// <summary>What a district admin reads of sign-ins, links, invitations and roster imports in their district.</summary>
internal sealed class DistrictLogEntry
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid DistrictId { get; set; }

    public DateTime At { get; set; }

    /// <summary>A short word: sign-in, link, invitation, roster, sync.</summary>
    public required string Kind { get; set; }

    /// <summary>Whom it is about, when one person.</summary>
    public Guid? PersonId { get; set; }

    /// <summary>Who did it, when a person did.</summary>
    public Guid? ActorId { get; set; }

    public required string Text { get; set; }
}
