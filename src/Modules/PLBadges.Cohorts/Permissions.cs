using PLBadges.Abstractions.Security;

namespace PLBadges.Cohorts;

public static class CohortPermissions
{
    /// <summary>The permissions' names, for <see cref="RequirePermissionAttribute"/>.</summary>
    public static class Names
    {
        public const string Manage = "Cohorts.Manage";
        public const string Readiness = "Cohorts.Readiness";
        public const string Waves = "Cohorts.Waves";
    }

    public static readonly Permission Manage = new(Names.Manage, "Run the district's academies, waves and roadmap", Role.DistrictAdmin);

    public static readonly Permission Readiness = new(Names.Readiness, "See rollout readiness of their school or district", Role.SchoolLeader, Role.DistrictAdmin);

    public static readonly Permission Waves = new(Names.Waves, "Take the self-assessment and follow their wave of professional learning", Role.Teacher);

    public static IEnumerable<Permission> All => [Manage, Readiness, Waves];
}
