using PLBadges.Abstractions.Security;

namespace PLBadges.Evidence;

public static class EvidencePermissions
{
    /// <summary>The permissions' names, for <see cref="RequirePermissionAttribute"/>.</summary>
    public static class Names
    {
        public const string Submit = "Evidence.Submit";
        public const string Review = "Evidence.Review";
        public const string Manage = "Evidence.Manage";
    }

    public static readonly Permission Submit = new(Names.Submit, "Work on and submit evidence for micro-credentials", Role.Teacher, Role.Coach, Role.SchoolLeader);

    public static readonly Permission Review = new(Names.Review, "Review the district's submissions against their rubrics", Role.Coach);

    public static readonly Permission Manage = new(Names.Manage, "Set the district's review rules and see reviewer agreement", Role.DistrictAdmin);

    public static IEnumerable<Permission> All => [Submit, Review, Manage];
}
