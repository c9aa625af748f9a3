namespace PLBadges.Abstractions.Security;

/// <summary>The roles a person can hold in an organization.</summary>
public enum Role
{
    Teacher,
    Coach,
    SchoolLeader,
    DistrictAdmin,
    StateReviewer,
    PlatformAdmin,
}

public enum OrganizationKind
{
    State,
    District,
    School,
}
