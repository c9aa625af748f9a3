using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Data;
using PLBadges.Pathways.Catalog;
using PLBadges.Pathways.Contracts;

namespace PLBadges.IntegrationTests;

public abstract class CatalogTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    [Fact]
    public async Task Anyone_browses_the_four_pathways_and_their_micro_credentials()
    {
        var client = Site.CreateBrowserlikeClient();
        var index = await client.GetAsync("/pathways");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        var text = await index.TextAsync();
        foreach (var title in new[] { "Executive Functioning", "Universal Design for Learning", "MTSS", "Self-Advocacy" })
        {
            Assert.Contains(title, text);
        }

        var pathway = await client.GetDocumentAsync("/pathways/universal-design-for-learning");
        var steps = pathway.QuerySelectorAll("ol.steps > li h3 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.True(steps.Count >= 4);
        var credential = await client.GetDocumentAsync(steps[0]!);
        Assert.NotNull(credential.QuerySelector("#competency-heading"));
        Assert.NotNull(credential.QuerySelector("#part-overview"));
        Assert.NotNull(credential.QuerySelector("#part-artifacts"));
        Assert.NotNull(credential.QuerySelector("#part-reflection"));
        Assert.True(credential.QuerySelectorAll("table tbody tr").Length >= 6, "the rubric lists at least two criteria per part");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/micro-credentials/no-such-thing")).StatusCode);
    }

    [Fact]
    public async Task The_api_lists_pathways_and_gives_a_micro_credential_with_its_rubric()
    {
        var client = Site.CreateClient();
        using var pathways = JsonDocument.Parse(await client.GetStringAsync("/api/v1/pathways"));
        Assert.Equal(4, pathways.RootElement.GetArrayLength());
        var first = pathways.RootElement.EnumerateArray().SelectMany(p => p.GetProperty("microCredentials").EnumerateArray()).First();
        var slug = first.GetProperty("slug").GetString();

        using var detail = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/micro-credentials/{slug}"));
        var parts = detail.RootElement.GetProperty("content").GetProperty("submission").EnumerateArray().ToList();
        Assert.Equal(["overview", "artifacts", "reflection"], parts.Select(p => p.GetProperty("part").GetString()));
        Assert.All(parts, p => Assert.True(p.GetProperty("rubric").GetArrayLength() > 0));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/micro-credentials/nope")).StatusCode);
    }

    [Fact]
    public async Task Badge_images_are_svg_with_a_text_alternative()
    {
        var response = await Site.CreateClient().GetAsync("/pathways/executive-functioning/badge.svg");
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = await response.Content.ReadAsStringAsync();
        Assert.Contains("role=\"img\"", svg);
        Assert.Matches("<title id=\"badge-title\">Pathway capstone badge: [^<]+</title>", svg);
        Assert.Contains("#9a3412", svg);
    }

    [Fact]
    public async Task Publishing_an_edit_makes_a_new_version_and_work_started_on_the_old_one_keeps_it()
    {
        var slug = await Site.InScopeAsync(async s => await s.GetRequiredService<PLBadgesDbContext>().Set<MicroCredential>().OrderBy(m => m.Slug).Select(m => m.Slug).FirstAsync());
        var started = await Site.InScopeAsync(async s => (await s.GetRequiredService<IMicroCredentialCatalog>().PublishedAsync(slug))!);

        await Site.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PLBadgesDbContext>();
            var credential = await db.Set<MicroCredential>().FirstAsync(m => m.Slug == slug);
            Assert.False(await s.GetRequiredService<Publishing>().PublishAsync(credential, started.Content, null, CancellationToken.None)); // unchanged: no new version
            Assert.True(await s.GetRequiredService<Publishing>().PublishAsync(credential, started.Content with { Competency = "The educator does it better." }, null, CancellationToken.None));
            await db.SaveChangesAsync();
        });

        var now = await Site.InScopeAsync(async s => (await s.GetRequiredService<IMicroCredentialCatalog>().PublishedAsync(slug))!);
        Assert.Equal(started.Number + 1, now.Number);
        Assert.Equal("The educator does it better.", now.Content.Competency);
        var kept = await Site.InScopeAsync(async s => (await s.GetRequiredService<IMicroCredentialCatalog>().VersionAsync(started.VersionId))!);
        Assert.Equal(started.Number, kept.Number);
        Assert.Equal(started.Content.Competency, kept.Content.Competency);
        Assert.Contains("The educator does it better.", await (await Site.CreateClient().GetAsync($"/micro-credentials/{slug}")).TextAsync());
    }

    [Fact]
    public async Task A_district_sees_the_pathways_it_offers()
    {
        // The demo district offers all four; take one away and its teachers no longer see it.
        await Site.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PLBadgesDbContext>();
            var district = await Site.OrganizationIdAsync("demo-district");
            var self = await db.Set<Pathway>().FirstAsync(p => p.Slug == "self-advocacy");
            await db.Set<PathwayOffer>().Where(o => o.DistrictId == district && o.PathwayId == self.Id).ExecuteDeleteAsync();
        });
        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher);
        var offered = await (await teacher.GetAsync("/pathways")).TextAsync();
        Assert.DoesNotContain("Self-Advocacy", offered);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync("/pathways/self-advocacy")).StatusCode);
        Assert.Contains("Self-Advocacy", await (await Site.CreateClient().GetAsync("/pathways")).TextAsync()); // the shared catalog still has it
    }
}

public sealed class CatalogOnSqlite(SqliteSite fixture) : CatalogTests(fixture), IClassFixture<SqliteSite>;

public sealed class CatalogOnPostgres(PostgresSite fixture) : CatalogTests(fixture), IClassFixture<PostgresSite>;
