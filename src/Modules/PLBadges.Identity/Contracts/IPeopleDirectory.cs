using PLBadges.Abstractions.Security;

namespace PLBadges.Identity.Contracts;

public sealed record PersonInfo(Guid Id, string DisplayName, string Email, bool IsActive);

/// <summary>People as other modules see them: names and emails, and who holds which role where.</summary>
public interface IPeopleDirectory
{
    Task<IReadOnlyList<PersonInfo>> GetAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken = default);

    /// <summary>People holding the role in any of the organizations.</summary>
    Task<IReadOnlyList<PersonInfo>> WithRoleAsync(Role role, IEnumerable<Guid> organizationIds, CancellationToken cancellationToken = default);

    /// <summary>The active people holding the role in each of the organizations, in one query (organizations with none are absent).</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<Guid>>> ActiveWithRoleByOrganizationAsync(Role role, IEnumerable<Guid> organizationIds, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RoleAssignment>> RolesOfAsync(Guid personId, CancellationToken cancellationToken = default);

    /// <summary>A person by email (as recipes name people), or null.</summary>
    Task<PersonInfo?> FindByEmailAsync(string email, CancellationToken cancellationToken = default);
}
