using PLBadges.Abstractions.Security;

namespace PLBadges.Evidence;

public static class EvidencePermissions
{
    public static readonly Permission Submit = new("Evidence.Submit", "Work on and submit evidence for micro-credentials", Role.Teacher, Role.Coach, Role.SchoolLeader);

    public static readonly Permission Review = new("Evidence.Review", "Review the district's submissions against their rubrics", Role.Coach);

    public static readonly Permission Manage = new("Evidence.Manage", "Set the district's review rules and see reviewer agreement", Role.DistrictAdmin);

    public static IEnumerable<Permission> All => [Submit, Review, Manage];
}
