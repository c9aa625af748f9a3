using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.People;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Pages.District.People;

/// <summary>The roles a district admin may give, and the district's schools to give them in.</summary>
public sealed record RoleChoices(IReadOnlyList<Role> Roles, IReadOnlyList<OrganizationInfo> Schools, Role SelectedRole, Guid? SelectedSchool)
{
    public static readonly Role[] DistrictRoles = [Role.Teacher, Role.Coach, Role.SchoolLeader, Role.DistrictAdmin];

    public static async Task<RoleChoices> ForAsync(Guid districtId, IOrganizationDirectory organizations, Role selected, Guid? school, CancellationToken cancellationToken)
    {
        var tree = await organizations.WithDescendantsAsync([districtId], cancellationToken);
        var schools = (await organizations.ListAsync(tree, cancellationToken)).Where(o => o.Kind == OrganizationKind.School).ToList();
        return new RoleChoices(DistrictRoles, schools, selected, school);
    }

    /// <summary>Checks a role and school against the district; returns the organization the role is held in, or an error.</summary>
    public (Guid? OrganizationId, string? Error) Resolve(Guid districtId, Role role, Guid? school)
    {
        if (!DistrictRoles.Contains(role))
        {
            return (null, "Choose one of the roles listed.");
        }

        if (role == Role.DistrictAdmin)
        {
            return (districtId, null);
        }

        return school != null && Schools.Any(s => s.Id == school) ? (school, null) : (null, $"Choose the school where this person is a {RoleNames.Of(role).ToLowerInvariant()}.");
    }

    internal static Task<bool> HoldsAsync(PLBadgesDbContext db, Guid personId, Guid organizationId, Role role, CancellationToken cancellationToken) =>
        db.Set<Membership>().AnyAsync(m => m.PersonId == personId && m.OrganizationId == organizationId && m.Role == role, cancellationToken);
}
