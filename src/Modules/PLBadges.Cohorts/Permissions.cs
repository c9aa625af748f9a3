using PLBadges.Abstractions.Security;

namespace PLBadges.Cohorts;

public static class CohortPermissions
{
    public static readonly Permission Manage = new("Cohorts.Manage", "Run the district's academies, waves and roadmap", Role.DistrictAdmin);

    public static readonly Permission Readiness = new("Cohorts.Readiness", "See rollout readiness of their school or district", Role.SchoolLeader, Role.DistrictAdmin);

    public static readonly Permission Waves = new("Cohorts.Waves", "Take the self-assessment and follow their wave of professional learning", Role.Teacher);

    public static IEnumerable<Permission> All => [Manage, Readiness, Waves];
}
