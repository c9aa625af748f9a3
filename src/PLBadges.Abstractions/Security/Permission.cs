namespace PLBadges.Abstractions.Security;

/// <summary>
/// A named right and the roles that hold it. A person holds a permission in an organization when
/// one of their roles there, or in an organization above it, grants it. Platform admins hold all.
/// </summary>
public sealed record Permission(string Name, string Description, params Role[] GrantedTo)
{
    public string PolicyName => PolicyPrefix + Name;

    public const string PolicyPrefix = "permission:";

    public bool IsGrantedTo(Role role) => role == Role.PlatformAdmin || GrantedTo.Contains(role);
}

/// <summary>One role held by a person in one organization (or across the platform when OrganizationId is null).</summary>
public sealed record RoleAssignment(Role Role, Guid? OrganizationId);

/// <summary>
/// Answers "may the signed-in person do this, and where". Every page and endpoint that shows
/// organization data narrows its query with <see cref="ScopeAsync"/>.
/// </summary>
public interface IAccessControl
{
    Guid? PersonId { get; }

    Task<IReadOnlyList<RoleAssignment>> RolesAsync(CancellationToken cancellationToken = default);

    /// <summary>True when the person holds the permission in the organization (or anywhere, when null).</summary>
    Task<bool> HasAsync(Permission permission, Guid? organizationId = null, CancellationToken cancellationToken = default);

    /// <summary>The organizations (with everything below them) where the person holds the permission.</summary>
    Task<AccessScope> ScopeAsync(Permission permission, CancellationToken cancellationToken = default);
}

/// <summary>Where a permission reaches: everywhere, or a set of organization ids (each with its descendants included).</summary>
public sealed class AccessScope
{
    public static readonly AccessScope Nowhere = new(false, new HashSet<Guid>());
    public static readonly AccessScope Everywhere = new(true, new HashSet<Guid>());

    public AccessScope(bool all, IReadOnlySet<Guid> organizationIds)
    {
        All = all;
        OrganizationIds = organizationIds;
    }

    public bool All { get; }

    public IReadOnlySet<Guid> OrganizationIds { get; }

    public bool IsEmpty => !All && OrganizationIds.Count == 0;

    public bool Contains(Guid organizationId) => All || OrganizationIds.Contains(organizationId);
}

/// <summary>Names of the rate-limiting policies the host defines.</summary>
public static class RateLimitPolicies
{
    /// <summary>
    /// The sign-in, setup and password forms: POSTs per minute per client address (per node), a flood
    /// limit set high enough for a school signing in together; guessing is slowed by the password throttle.
    /// </summary>
    public const string SignIn = "signin";

    /// <summary>The OpenID Connect token endpoint: requests per minute per client address (per node).</summary>
    public const string Token = "token";

    /// <summary>Machine clients' API calls (the licensure feed): a budget per minute per client address.</summary>
    public const string Api = "api";

    /// <summary>Verifying a credential (the /verify page and POST /api/v1/verify), which anyone may ask for: a budget per minute per client address (<c>RateLimits:VerifyPerMinute</c>).</summary>
    public const string Verify = "verify";
}
