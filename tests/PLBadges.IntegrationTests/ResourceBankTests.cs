using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Data;
using PLBadges.Pathways.Catalog;

namespace PLBadges.IntegrationTests;

public abstract class ResourceBankTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    [Fact]
    public async Task The_seeded_bank_is_searchable_with_facets()
    {
        using var all = JsonDocument.Parse(await Site.CreateClient().GetStringAsync("/api/v1/resources?pageSize=100"));
        Assert.True(all.RootElement.GetProperty("total").GetInt32() >= 40);
        var focusAreas = all.RootElement.GetProperty("focusAreas").EnumerateArray().Select(f => f.GetProperty("value").GetString()).ToList();
        Assert.Equal(4, focusAreas.Count);

        using var typo = JsonDocument.Parse(await Site.CreateClient().GetStringAsync("/api/v1/resources?q=progres%20monitorng"));
        Assert.True(typo.RootElement.GetProperty("total").GetInt32() > 0, "a query with two typing mistakes still finds progress monitoring");
        var top = typo.RootElement.GetProperty("items")[0];
        Assert.Contains("progress", (top.GetProperty("title").GetString() + " " + string.Join(" ", top.GetProperty("tags").EnumerateArray().Select(t => t.GetString()))).ToLowerInvariant());

        var type = all.RootElement.GetProperty("types")[0];
        using var filtered = JsonDocument.Parse(await Site.CreateClient().GetStringAsync($"/api/v1/resources?type={type.GetProperty("value").GetString()}"));
        Assert.Equal(type.GetProperty("count").GetInt32(), filtered.RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_page_searches_and_filters_without_javascript()
    {
        var page = await Site.CreateBrowserlikeClient().GetDocumentAsync("/resources?q=udl&focus=Universal%20Design%20for%20Learning");
        var count = page.QuerySelector("#results-heading")!.TextContent;
        Assert.Matches(@"^\d+ resources?$", count.Trim());
        Assert.NotEmpty(page.QuerySelectorAll(".resource-list > li"));
        Assert.Equal("Universal Design for Learning", page.QuerySelector("#filter-focus option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_districts_own_resource_is_seen_by_its_people_only()
    {
        var district = await Site.OrganizationIdAsync("demo-district");
        await Site.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PLBadgesDbContext>();
            db.Add(new Resource { Slug = "riverbend-coaching-handbook", OwnerOrganizationId = district, Title = "Riverbend Coaching Handbook", Url = "https://riverbend.example/handbook", Type = "guide", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher);
        Assert.Contains("Riverbend Coaching Handbook", await (await teacher.GetAsync("/resources?q=riverbend")).TextAsync());
        var other = await Site.SignedInClientAsync(DemoPeople.OtherTeacher);
        Assert.DoesNotContain("Riverbend Coaching Handbook", await (await other.GetAsync("/resources?q=riverbend")).TextAsync());
        using var anonymous = JsonDocument.Parse(await Site.CreateClient().GetStringAsync("/api/v1/resources?q=riverbend"));
        Assert.Equal(0, anonymous.RootElement.GetProperty("total").GetInt32());
    }
}

public sealed class ResourceBankOnSqlite(SqliteSite fixture) : ResourceBankTests(fixture), IClassFixture<SqliteSite>;

public sealed class ResourceBankOnPostgres(PostgresSite fixture) : ResourceBankTests(fixture), IClassFixture<PostgresSite>;
