using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Data;
using PLBadges.Web.Recipes;

namespace PLBadges.IntegrationTests;

/// <summary>Small helpers over a demo site's services (the demo people are in <see cref="DemoPeople"/>).</summary>
internal static class Demo
{

    public static Task ApplyRecipeAsync(this TestSite site, string json) =>
        site.InScopeAsync(services => services.GetRequiredService<RecipeExecutor>().ApplyJsonAsync(json));

    public static Task<Guid> OrganizationIdAsync(this TestSite site, string code) =>
        site.InScopeAsync(async services =>
        {
            var directory = services.GetRequiredService<PLBadges.Organizations.Contracts.IOrganizationDirectory>();
            return (await directory.FindByCodeAsync(code))!.Id;
        });

    public static Task<Guid> PersonIdAsync(this TestSite site, string email) =>
        site.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PLBadges.Identity.People.Person>>();
            return (await users.FindByEmailAsync(email))!.Id;
        });

    /// <summary>Counts the rows of a table, optionally with a SQL condition written for both providers.</summary>
    public static Task<int> CountAsync(this TestSite site, string table, string? where = null) =>
        site.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PLBadgesDbContext>();
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"" + (where == null ? "" : " WHERE " + where);
            return Convert.ToInt32(await command.ExecuteScalarAsync());
        });

    /// <summary>Adds a person with a password through a recipe, for tests that change them (lockout, say).</summary>
    public static Task AddPersonAsync(this TestSite site, string email, string role = "Teacher", string organization = "lincoln-elementary") =>
        site.ApplyRecipeAsync($$"""
            { "name": "test-person", "steps": [ { "name": "People", "people": [
              { "email": "{{email}}", "name": "Test {{email}}", "password": "{{Forms.DemoPassword}}", "roles": [ { "role": "{{role}}", "organization": "{{organization}}" } ] } ] } ] }
            """);
}
