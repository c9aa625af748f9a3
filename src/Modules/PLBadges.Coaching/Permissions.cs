using PLBadges.Abstractions.Security;

namespace PLBadges.Coaching;

public static class CoachingPermissions
{
    /// <summary>The permissions' names, for <see cref="RequirePermissionAttribute"/>.</summary>
    public static class Names
    {
        public const string Coach = "Coaching.Coach";
        public const string Participate = "Coaching.Participate";
        public const string Oversee = "Coaching.Oversee";
        public const string Schedules = "Coaching.Schedules";
    }

    public static readonly Permission Coach = new(Names.Coach, "Run coaching cycles with the teachers of their schools", Role.Coach);

    public static readonly Permission Participate = new(Names.Participate, "Take part in coaching cycles as a teacher", Role.Teacher);

    public static readonly Permission Oversee = new(Names.Oversee, "See the coaching of their school or district", Role.SchoolLeader, Role.DistrictAdmin);

    public static readonly Permission Schedules = new(Names.Schedules, "Set schools' bell schedules and days without school", Role.SchoolLeader, Role.DistrictAdmin);

    public static IEnumerable<Permission> All => [Coach, Participate, Oversee, Schedules];
}
