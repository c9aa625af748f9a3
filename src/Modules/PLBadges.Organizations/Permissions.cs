using PLBadges.Abstractions.Security;

namespace PLBadges.Organizations;

public static class OrganizationPermissions
{
    public static readonly Permission ViewSchools = new("Organizations.ViewSchools", "See the schools of a district and their rollout dates", Role.DistrictAdmin, Role.SchoolLeader);

    public static readonly Permission ManageSchools = new("Organizations.ManageSchools", "Add and edit a district's schools and their device rollout dates", Role.DistrictAdmin);

    public static readonly Permission ManageTree = new("Organizations.ManageTree", "Add states and districts to the platform");

    public static IEnumerable<Permission> All => [ViewSchools, ManageSchools, ManageTree];
}
