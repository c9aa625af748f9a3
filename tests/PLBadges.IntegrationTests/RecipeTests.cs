using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Recipes;
using PLBadges.Web.Recipes;

namespace PLBadges.IntegrationTests;

public abstract class RecipeTests(SiteFixture fixture)
{
    private static readonly string[] Tables = ["Organizations", "People", "Memberships", "OpenIddictApplications", "SiteSettings", "EmailMessages", "Pathways", "MicroCredentials", "MicroCredentialVersions", "Resources", "PathwayOffers"];

    private TestSite Site => fixture.Site;

    [Fact]
    public async Task Applying_the_demo_recipe_again_changes_nothing()
    {
        var before = await SnapshotAsync();
        var stampsBefore = await PeopleStampsAsync();
        await Site.InScopeAsync(async services =>
        {
            var library = services.GetRequiredService<RecipeLibrary>();
            await services.GetRequiredService<RecipeExecutor>().ApplyAsync(library.Get("demo"), CancellationToken.None);
        });
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(stampsBefore, await PeopleStampsAsync());
    }

    [Fact]
    public async Task A_failing_step_names_itself_and_leaves_nothing_behind()
    {
        var before = await SnapshotAsync();
        var error = await Assert.ThrowsAsync<RecipeException>(() => Site.ApplyRecipeAsync("""
            { "name": "broken", "steps": [
              { "name": "Organizations", "items": [ { "kind": "School", "code": "half-made", "name": "Half Made School", "parent": "demo-district" } ] },
              { "name": "People", "people": [ { "email": "x@demo.plbadges.test", "roles": [ { "role": "Teacher", "organization": "no-such-school" } ] } ] }
            ] }
            """));
        Assert.Contains("Recipe 'broken', step 2 'People' failed", error.Message);
        Assert.Contains("no-such-school", error.Message);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task An_unknown_step_is_refused_before_anything_runs()
    {
        var error = await Assert.ThrowsAsync<RecipeException>(() => Site.ApplyRecipeAsync("""{ "name": "typo", "steps": [ { "name": "Peeple", "people": [] } ] }"""));
        Assert.Contains("Peeple", error.Message);
        Assert.Contains("Known steps:", error.Message);
    }

    [Fact]
    public async Task Organizations_must_nest_state_district_school()
    {
        var error = await Assert.ThrowsAsync<RecipeException>(() => Site.ApplyRecipeAsync("""
            { "name": "bad-tree", "steps": [ { "name": "Organizations", "items": [ { "kind": "School", "code": "orphan", "name": "Orphan", "parent": "demo-state" } ] } ] }
            """));
        Assert.Contains("belongs to a district", error.Message);
    }

    [Fact]
    public async Task The_modules_step_refuses_an_unknown_module()
    {
        var error = await Assert.ThrowsAsync<RecipeException>(() => Site.ApplyRecipeAsync("""{ "name": "m", "steps": [ { "name": "Modules", "enable": [ "Identity", "Telepathy" ] } ] }"""));
        Assert.Contains("Unknown module(s): Telepathy", error.Message);
    }

    private async Task<Dictionary<string, int>> SnapshotAsync()
    {
        var counts = new Dictionary<string, int>();
        foreach (var table in Tables)
        {
            counts[table] = await Site.CountAsync(table);
        }

        return counts;
    }

    private Task<List<string>> PeopleStampsAsync() =>
        Site.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PLBadges.Data.PLBadgesDbContext>();
            return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.Set<PLBadges.Identity.People.Person>().OrderBy(p => p.Email).Select(p => p.Email + "|" + p.ConcurrencyStamp + "|" + p.PasswordHash));
        });
}

public sealed class RecipesOnSqlite(SqliteSite fixture) : RecipeTests(fixture), IClassFixture<SqliteSite>;

public sealed class RecipesOnPostgres(PostgresSite fixture) : RecipeTests(fixture), IClassFixture<PostgresSite>;

/// <summary>A production start: the setup recipe leaves no people, and the first visit creates the platform admin.</summary>
public sealed class SetupRecipeTests
{
    [Fact]
    public async Task The_first_visit_asks_for_the_platform_admin_and_then_setup_is_gone()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var site = new TestSite(database, new Dictionary<string, string?> { ["Recipes:OnFirstRun"] = "setup" });
        Assert.Equal(0, await site.CountAsync("People"));
        Assert.Equal(0, await site.CountAsync("Organizations"));

        var client = site.CreateBrowserlikeClient();
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/setup", home.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        var weak = await client.SubmitAsync("/setup", new Dictionary<string, string> { ["Name"] = "Ada Admin", ["Email"] = "ada@district.test", ["Password"] = "short" });
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Equal(0, await site.CountAsync("People"));

        var created = await client.SubmitAsync("/setup", new Dictionary<string, string> { ["Name"] = "Ada Admin", ["Email"] = "ada@district.test", ["Password"] = "Str0ng-Enough-Pass" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/admin/organizations", created.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/organizations")).StatusCode);

        var stranger = site.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/setup")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("/")).StatusCode);
        Assert.Equal(1, await site.CountAsync("People"));
    }
}
