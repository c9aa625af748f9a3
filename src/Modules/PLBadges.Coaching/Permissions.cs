using PLBadges.Abstractions.Security;

namespace PLBadges.Coaching;

public static class CoachingPermissions
{
    public static readonly Permission Coach = new("Coaching.Coach", "Run coaching cycles with the teachers of their schools", Role.Coach);

    public static readonly Permission Participate = new("Coaching.Participate", "Take part in coaching cycles as a teacher", Role.Teacher);

    public static readonly Permission Oversee = new("Coaching.Oversee", "See the coaching of their school or district", Role.SchoolLeader, Role.DistrictAdmin);

    public static readonly Permission Schedules = new("Coaching.Schedules", "Set schools' bell schedules and days without school", Role.SchoolLeader, Role.DistrictAdmin);

    public static IEnumerable<Permission> All => [Coach, Participate, Oversee, Schedules];
}
