using PLBadges.Abstractions.Security;

namespace PLBadges.Organizations;

public static class OrganizationPermissions
{
    /// <summary>The permissions' names, for <see cref="RequirePermissionAttribute"/>.</summary>
    public static class Names
    {
        public const string ViewSchools = "Organizations.ViewSchools";
        public const string ManageSchools = "Organizations.ManageSchools";
        public const string ManageTree = "Organizations.ManageTree";
    }

    public static readonly Permission ViewSchools = new(Names.ViewSchools, "See the schools of a district and their rollout dates", Role.DistrictAdmin, Role.SchoolLeader);

    public static readonly Permission ManageSchools = new(Names.ManageSchools, "Add and edit a district's schools and their device rollout dates", Role.DistrictAdmin);

    public static readonly Permission ManageTree = new(Names.ManageTree, "Add states and districts to the platform");

    public static IEnumerable<Permission> All => [ViewSchools, ManageSchools, ManageTree];
}
