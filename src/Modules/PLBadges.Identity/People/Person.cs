using Microsoft.AspNetCore.Identity;
using PLBadges.Abstractions.Security;

namespace PLBadges.Identity.People;

/// <summary>A person who signs in: a teacher, coach, leader, admin or state reviewer.</summary>
public sealed class Person : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public bool IsActive { get; set; } = true;

    public DateTime CreatedAt { get; set; }
}

/// <summary>A role a person holds in an organization (or across the platform, for platform admins).</summary>
internal sealed class Membership
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid PersonId { get; set; }

    public Guid? OrganizationId { get; set; }

    public Role Role { get; set; }

    /// <summary>Given by a roster (so a later roster may take it away); roles given in PLBadges survive syncs.</summary>
    public bool FromRoster { get; set; }

    public DateTime CreatedAt { get; set; }
}
