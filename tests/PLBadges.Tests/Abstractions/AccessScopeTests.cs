using PLBadges.Abstractions.Security;

namespace PLBadges.Tests.Abstractions;

public class AccessScopeTests
{
    [Fact]
    public void Everywhere_contains_any_organization_and_is_not_empty()
    {
        Assert.True(AccessScope.Everywhere.All);
        Assert.False(AccessScope.Everywhere.IsEmpty);
        Assert.True(AccessScope.Everywhere.Contains(Guid.NewGuid()));
        Assert.True(AccessScope.Everywhere.Contains(Guid.Empty));
    }

    [Fact]
    public void Nowhere_is_empty_and_contains_nothing()
    {
        Assert.False(AccessScope.Nowhere.All);
        Assert.True(AccessScope.Nowhere.IsEmpty);
        Assert.False(AccessScope.Nowhere.Contains(Guid.NewGuid()));
        Assert.False(AccessScope.Nowhere.Contains(Guid.Empty));
    }

    [Fact]
    public void A_set_of_organizations_contains_its_ids_and_no_others()
    {
        var district = Guid.NewGuid();
        var school = Guid.NewGuid();
        var scope = new AccessScope(false, new HashSet<Guid> { district, school });

        Assert.False(scope.IsEmpty);
        Assert.True(scope.Contains(district));
        Assert.True(scope.Contains(school));
        Assert.False(scope.Contains(Guid.NewGuid()));
        Assert.False(scope.Contains(Guid.Empty));
    }

    [Fact]
    public void An_empty_set_is_empty()
    {
        var scope = new AccessScope(false, new HashSet<Guid>());

        Assert.True(scope.IsEmpty);
        Assert.False(scope.Contains(Guid.NewGuid()));
    }
}
