using PLBadges.Abstractions.Security;

namespace PLBadges.Pathways;

public static class PathwayPermissions
{
    public static readonly Permission Offer = new("Pathways.Offer", "Choose which pathways the district offers its people", Role.DistrictAdmin);

    /// <summary>Edit the district's own micro-credentials (platform admins also edit the shared ones).</summary>
    public static readonly Permission Author = new("Pathways.Author", "Write, publish and retire the district's own micro-credentials", Role.DistrictAdmin);

    public static IEnumerable<Permission> All => [Offer, Author];
}
