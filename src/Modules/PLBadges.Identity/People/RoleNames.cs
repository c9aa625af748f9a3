using PLBadges.Abstractions.Security;

namespace PLBadges.Identity.People;

/// <summary>Role names as people say them.</summary>
public static class RoleNames
{
    public static string Of(Role role) => role switch
    {
        Role.SchoolLeader => "School leader",
        Role.DistrictAdmin => "District administrator",
        Role.StateReviewer => "State reviewer",
        Role.PlatformAdmin => "Platform administrator",
        _ => role.ToString(),
    };
}
