using PLBadges.Abstractions.Security;

namespace PLBadges.Tests.Abstractions;

public class PermissionTests
{
    private static readonly Permission ReviewSubmissions = new("ReviewSubmissions", "Score submissions against the rubric", Role.Coach, Role.DistrictAdmin);

    [Fact]
    public void A_platform_admin_holds_every_permission_even_one_granted_to_no_role()
    {
        var nobody = new Permission("RotateSigningKeys", "Rotate the issuer's keys");

        Assert.True(nobody.IsGrantedTo(Role.PlatformAdmin));
        Assert.True(ReviewSubmissions.IsGrantedTo(Role.PlatformAdmin));
    }

    [Theory]
    [InlineData(Role.Coach)]
    [InlineData(Role.DistrictAdmin)]
    public void A_listed_role_holds_the_permission(Role role)
    {
        Assert.True(ReviewSubmissions.IsGrantedTo(role));
    }

    [Theory]
    [InlineData(Role.Teacher)]
    [InlineData(Role.SchoolLeader)]
    [InlineData(Role.StateReviewer)]
    public void A_role_that_is_not_listed_does_not_hold_the_permission(Role role)
    {
        Assert.False(ReviewSubmissions.IsGrantedTo(role));
    }

    [Fact]
    public void A_permission_granted_to_no_role_is_held_by_no_other_role()
    {
        var nobody = new Permission("RotateSigningKeys", "Rotate the issuer's keys");

        Assert.All(Enum.GetValues<Role>().Where(r => r != Role.PlatformAdmin), role => Assert.False(nobody.IsGrantedTo(role)));
    }

    [Fact]
    public void Policy_name_is_the_prefix_and_the_permission_name()
    {
        Assert.Equal("permission:ReviewSubmissions", ReviewSubmissions.PolicyName);
        Assert.StartsWith(Permission.PolicyPrefix, ReviewSubmissions.PolicyName);
    }
}
