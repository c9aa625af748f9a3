using PLBadges.Abstractions.Security;

namespace PLBadges.Pathways;

public static class PathwayPermissions
{
    /// <summary>The permissions' names, for <see cref="RequirePermissionAttribute"/>.</summary>
    public static class Names
    {
        public const string Offer = "Pathways.Offer";
        public const string Author = "Pathways.Author";
    }

    public static readonly Permission Offer = new(Names.Offer, "Choose which pathways the district offers its people", Role.DistrictAdmin);

    /// <summary>Edit the district's own micro-credentials (platform admins also edit the shared ones).</summary>
    public static readonly Permission Author = new(Names.Author, "Write, publish and retire the district's own micro-credentials", Role.DistrictAdmin);

    public static IEnumerable<Permission> All => [Offer, Author];
}
