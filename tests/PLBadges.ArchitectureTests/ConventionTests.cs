using Microsoft.EntityFrameworkCore;

namespace PLBadges.ArchitectureTests;

/// <summary>The written conventions, each held on the real solution and shown to fail on the broken fixture.</summary>
public class ConventionTests
{
    private static IReadOnlyList<PLBadges.Abstractions.Modules.ModuleStartup> Real => Conventions.ModulesOf(Solution.Modules);

    private static IReadOnlyList<PLBadges.Abstractions.Modules.ModuleStartup> WithBroken => Conventions.ModulesOf([.. Solution.Modules, Solution.BadModule]);

    [Fact]
    public void Entity_types_are_internal_except_the_person()
    {
        using var db = Conventions.Model(Real, postgres: false);
        Assert.True(db.Model.GetEntityTypes().Count() > 40, "The model should hold every module's entities.");
        Assert.Empty(Conventions.PublicEntityTypes(db));
    }

    [Fact]
    public void Known_bad_a_public_entity_type_is_found()
    {
        using var db = Conventions.Model(WithBroken, postgres: false);
        Assert.Equal(["PLBadges.BadModule.Conventions.LeakyTally"], Conventions.PublicEntityTypes(db));
    }

    [Fact]
    public void No_bound_property_is_out_of_model_bindings_reach()
    {
        Assert.All(Solution.Modules, module => Assert.Empty(Conventions.NonPublicBoundProperties(module)));
    }

    [Fact]
    public void Known_bad_an_internal_bound_property_is_found()
    {
        Assert.Equal(["PLBadges.BadModule.Conventions.QuietFormModel.Name"], Conventions.NonPublicBoundProperties(Solution.BadModule));
    }

    [Fact]
    public void Every_module_declares_the_modules_it_uses_and_references()
    {
        var modules = Real;
        Assert.All(modules, module => Assert.True(Conventions.UndeclaredDependencies(module, modules).Count == 0,
            $"{module.Name} uses {string.Join(", ", Conventions.UndeclaredDependencies(module, modules))} without declaring it."));
        // The check sees real edges: Coaching uses Evidence's contract and declares it.
        Assert.Contains("Evidence", modules.Single(m => m.Name == "Coaching").Dependencies);
    }

    [Fact]
    public void Known_bad_an_undeclared_dependency_is_found()
    {
        var modules = WithBroken;
        Assert.Equal(["Organizations"], Conventions.UndeclaredDependencies(modules.Single(m => m.Name == "Bad"), modules));
    }

    [Fact]
    public void Every_permission_policy_names_a_declared_permission()
    {
        Assert.All(Solution.Modules, module => Assert.Empty(Conventions.UndeclaredPermissions(module, Real)));
        Assert.NotEmpty(Real.SelectMany(m => m.Permissions));
    }

    [Fact]
    public void Known_bad_a_misspelt_permission_is_found()
    {
        Assert.Equal(["PLBadges.BadModule.Conventions.QuietFormModel: permission:People.Mange"], Conventions.UndeclaredPermissions(Solution.BadModule, WithBroken));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_migrations_match_the_model_on_both_providers(bool postgres)
    {
        using var db = Conventions.Model(Real, postgres);
        Assert.False(db.Database.HasPendingModelChanges(), $"The {(postgres ? "PostgreSQL" : "SQLite")} migrations lag the model: add a migration for each provider (README, 'One DbContext, migrations per provider').");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Known_bad_a_model_change_without_its_migration_is_found(bool postgres)
    {
        using var db = Conventions.Model(WithBroken, postgres);
        Assert.True(db.Database.HasPendingModelChanges());
    }
}
