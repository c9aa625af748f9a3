using PLBadges.Abstractions.Security;
using PLBadges.Organizations.Tree;

namespace PLBadges.Tests.Organizations;

public class OrganizationPlacementTests
{
    private static Organization State(string code = "demo-state")
    {
        var state = new Organization { Kind = OrganizationKind.State, Code = code, Name = code, TimeZone = "America/Chicago" };
        state.PlaceUnder(null);
        return state;
    }

    private static Organization District(Organization state, string code = "demo-district", string timeZone = "America/Denver")
    {
        var district = new Organization { Kind = OrganizationKind.District, Code = code, Name = code, TimeZone = timeZone };
        district.PlaceUnder(state);
        return district;
    }

    private static Organization School(string code = "lincoln-elementary") =>
        new() { Kind = OrganizationKind.School, Code = code, Name = code, TimeZone = "Pacific/Honolulu" };

    [Fact]
    public void A_state_is_its_own_state_and_in_no_district()
    {
        var state = State();

        Assert.Null(state.ParentId);
        Assert.Equal(state.Id, state.StateId);
        Assert.Null(state.DistrictId);
    }

    [Fact]
    public void A_district_under_a_state_gets_that_state_and_is_its_own_district()
    {
        var state = State();

        var district = District(state);

        Assert.Equal(state.Id, district.ParentId);
        Assert.Equal(state.Id, district.StateId);
        Assert.Equal(district.Id, district.DistrictId);
        Assert.Equal("America/Denver", district.TimeZone);
    }

    [Fact]
    public void A_school_under_a_district_gets_the_district_the_state_and_the_district_time_zone()
    {
        var state = State();
        var district = District(state, timeZone: "America/Denver");
        var school = School();

        school.PlaceUnder(district);

        Assert.Equal(district.Id, school.ParentId);
        Assert.Equal(district.Id, school.DistrictId);
        Assert.Equal(state.Id, school.StateId);
        Assert.Equal("America/Denver", school.TimeZone);
    }

    [Fact]
    public void A_school_moved_to_another_district_takes_on_the_new_district_and_time_zone()
    {
        var state = State();
        var first = District(state, "first-district", "America/Denver");
        var second = District(state, "second-district", "America/Phoenix");
        var school = School();
        school.PlaceUnder(first);

        school.PlaceUnder(second);

        Assert.Equal(second.Id, school.ParentId);
        Assert.Equal(second.Id, school.DistrictId);
        Assert.Equal("America/Phoenix", school.TimeZone);
    }

    [Fact]
    public void A_school_under_a_state_throws_saying_it_belongs_to_a_district()
    {
        var state = State();
        var school = School();

        var ex = Assert.Throws<InvalidOperationException>(() => school.PlaceUnder(state));

        Assert.Equal("A school belongs to a district; 'lincoln-elementary' was given the state 'demo-state'.", ex.Message);
        Assert.Null(school.ParentId);
    }

    [Fact]
    public void A_school_under_another_school_throws()
    {
        var district = District(State());
        var other = School("washington-middle");
        other.PlaceUnder(district);

        var ex = Assert.Throws<InvalidOperationException>(() => School().PlaceUnder(other));

        Assert.Contains("belongs to a district", ex.Message);
        Assert.Contains("the school 'washington-middle'", ex.Message);
    }

    [Fact]
    public void A_school_with_no_parent_throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => School().PlaceUnder(null));

        Assert.Equal("A school belongs to a district; 'lincoln-elementary' was given none.", ex.Message);
    }

    [Fact]
    public void A_district_with_no_parent_throws_saying_it_belongs_to_a_state()
    {
        var district = new Organization { Kind = OrganizationKind.District, Code = "demo-district", Name = "Riverbend" };

        var ex = Assert.Throws<InvalidOperationException>(() => district.PlaceUnder(null));

        Assert.Equal("A district belongs to a state; 'demo-district' was given none.", ex.Message);
    }

    [Fact]
    public void A_district_under_a_district_throws()
    {
        var state = State();
        var parent = District(state, "parent-district");
        var district = new Organization { Kind = OrganizationKind.District, Code = "child-district", Name = "Child" };

        var ex = Assert.Throws<InvalidOperationException>(() => district.PlaceUnder(parent));

        Assert.Contains("'child-district' was given the district 'parent-district'", ex.Message);
    }

    [Fact]
    public void A_state_with_a_parent_throws_saying_a_state_has_none()
    {
        var state = new Organization { Kind = OrganizationKind.State, Code = "second-state", Name = "Second" };

        var ex = Assert.Throws<InvalidOperationException>(() => state.PlaceUnder(State()));

        Assert.Equal("A state has no parent organization ('second-state').", ex.Message);
        Assert.Null(state.ParentId);
    }

    [Fact]
    public void ToInfo_carries_the_placement()
    {
        var state = State();
        var district = District(state);
        var school = School();
        school.PlaceUnder(district);
        school.DeviceRolloutDate = new DateOnly(2027, 9, 1);

        var info = school.ToInfo();

        Assert.Equal(school.Id, info.Id);
        Assert.Equal(district.Id, info.ParentId);
        Assert.Equal(district.Id, info.DistrictId);
        Assert.Equal(state.Id, info.StateId);
        Assert.Equal(new DateOnly(2027, 9, 1), info.DeviceRolloutDate);
    }
}
