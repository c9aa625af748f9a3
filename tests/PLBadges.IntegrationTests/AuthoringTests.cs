using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Data;
using PLBadges.Pathways.Catalog;
using PLBadges.Pathways.Contracts;

namespace PLBadges.IntegrationTests;

public abstract class AuthoringTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    [Fact]
    public async Task A_platform_admin_edits_previews_and_publishes_a_new_version()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Platform);
        var page = "/authoring/micro-credentials/udl-representation";
        var text = (await admin.GetDocumentAsync(page)).QuerySelector("#Text")!.TextContent;
        var before = await PublishedAsync("udl-representation");
        var edited = ReplaceCompetency(text, "The educator offers every key idea in more than one form, on purpose.");

        var preview = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Text"] = edited }, handler: "preview");
        Assert.Contains("The educator offers every key idea in more than one form, on purpose.", await preview.TextAsync());
        Assert.Equal(before.Number, (await PublishedAsync("udl-representation")).Number); // a preview publishes nothing

        var draft = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Text"] = edited }, handler: "save");
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        Assert.Equal(before.Number, (await PublishedAsync("udl-representation")).Number); // nor does a draft
        Assert.Contains("The educator offers every key idea", (await admin.GetDocumentAsync(page)).QuerySelector("#Text")!.TextContent);

        var published = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Text"] = edited }, handler: "publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var after = await PublishedAsync("udl-representation");
        Assert.Equal(before.Number + 1, after.Number);
        Assert.Contains("The educator offers every key idea", await (await Site.CreateClient().GetAsync("/micro-credentials/udl-representation")).TextAsync());
        Assert.Equal(0, await Site.CountAsync("MicroCredentialVersions", "\"PublishedAt\" IS NULL")); // the draft became the version

        var again = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Text"] = edited }, handler: "publish");
        Assert.Equal(after.Number, (await PublishedAsync("udl-representation")).Number); // unchanged text: no new version
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task Mistakes_are_named_by_line_and_change_nothing()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Platform);
        var page = "/authoring/micro-credentials/ef-task-analysis";
        var text = (await admin.GetDocumentAsync(page)).QuerySelector("#Text")!.TextContent;
        var before = await PublishedAsync("ef-task-analysis");

        var broken = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Text"] = text.Replace("estimatedHours:", "estimatedHours: [") }, handler: "publish");
        Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
        Assert.Matches(@"Line \d+:", await broken.TextAsync());

        var script = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Text"] = text + "\n<script>alert('x')</script>\n" }, handler: "publish");
        Assert.Contains("raw HTML", await script.TextAsync());
        Assert.Equal(before.Number, (await PublishedAsync("ef-task-analysis")).Number);

        // A javascript: link in Markdown publishes, but never reaches the page as a link.
        await admin.SubmitAsync(page, new Dictionary<string, string> { ["Text"] = text + "\n[Open me](javascript:alert('x'))\n" }, handler: "publish");
        var html = await (await Site.CreateClient().GetAsync("/micro-credentials/ef-task-analysis")).Content.ReadAsStringAsync();
        Assert.Contains("Open me", html);
        Assert.DoesNotContain("href=\"javascript:", html);
    }

    [Fact]
    public async Task District_authors_edit_only_their_districts_own_content()
    {
        var district = await Site.OrganizationIdAsync("demo-district");
        await Site.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PLBadgesDbContext>();
            var shared = await db.Set<MicroCredential>().FirstAsync(m => m.Slug == "mtss-universal-screening");
            var content = (await s.GetRequiredService<IMicroCredentialCatalog>().PublishedAsync("mtss-universal-screening"))!.Content with { Title = "Riverbend Screening Routines" };
            var pathway = new Pathway { Slug = "riverbend-local", Title = "Riverbend Local Practices", OwnerOrganizationId = district, Status = ContentStatus.Published, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Add(pathway);
            var own = new MicroCredential { Slug = "riverbend-screening", OwnerOrganizationId = district, PathwayId = pathway.Id, Position = 1, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Add(own);
            await s.GetRequiredService<Publishing>().PublishAsync(own, content, null, CancellationToken.None);
            await db.SaveChangesAsync();
        });

        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var list = await (await admin.GetAsync("/authoring")).TextAsync();
        Assert.Contains("Riverbend Screening Routines", list);
        Assert.DoesNotContain("Engagement", list); // shared content is the platform admins'
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/authoring/micro-credentials/riverbend-screening")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/authoring/micro-credentials/udl-engagement")).StatusCode);

        var other = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/authoring/micro-credentials/riverbend-screening")).StatusCode);
        Assert.DoesNotContain("Riverbend", await (await other.GetAsync("/authoring")).TextAsync());

        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher);
        var refused = await teacher.GetAsync("/authoring/micro-credentials/riverbend-screening");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/error/403", refused.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_retired_micro_credential_leaves_the_catalog()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Platform);
        Assert.Equal(HttpStatusCode.OK, (await Site.CreateClient().GetAsync("/micro-credentials/sa-student-led-iep")).StatusCode);
        var retired = await admin.SubmitAsync("/authoring/micro-credentials/sa-student-led-iep", new Dictionary<string, string> { ["Text"] = "" }, handler: "retire");
        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Site.CreateClient().GetAsync("/micro-credentials/sa-student-led-iep")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Site.CreateClient().GetAsync("/api/v1/micro-credentials/sa-student-led-iep")).StatusCode);
    }

    [Fact]
    public async Task A_district_admin_chooses_the_pathways_its_people_see()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var form = await admin.GetDocumentAsync("/district/pathways");
        var boxes = form.QuerySelectorAll("input[name=offered]").ToList();
        Assert.Equal(4, boxes.Count(b => b.HasAttribute("checked")));
        var keep = boxes.Where(b => !b.NextElementSibling!.TextContent.Contains("Executive")).Select(b => b.GetAttribute("value")!).ToList();

        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = keep.Select(v => new KeyValuePair<string, string>("offered", v)).Append(new("__RequestVerificationToken", token));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/district/pathways", new FormUrlEncodedContent(fields))).StatusCode);

        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher);
        var catalog = await (await teacher.GetAsync("/pathways")).TextAsync();
        Assert.DoesNotContain("Executive Functioning", catalog);
        Assert.Contains("Universal Design for Learning", catalog);

        var other = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        var district = await Site.OrganizationIdAsync("demo-district");
        Assert.DoesNotContain("Riverbend", await (await other.GetAsync($"/district/pathways?district={district}")).TextAsync());
    }

    private static string ReplaceCompetency(string text, string competency)
    {
        var lines = text.Split('\n').ToList();
        var start = lines.FindIndex(l => l.StartsWith("competency:", StringComparison.Ordinal));
        var end = start + 1;
        while (end < lines.Count && lines[end].StartsWith(' '))
        {
            end++;
        }

        lines.RemoveRange(start, end - start);
        lines.Insert(start, $"competency: \"{competency}\"");
        return string.Join('\n', lines);
    }

    private Task<MicroCredentialVersionInfo> PublishedAsync(string slug) =>
        Site.InScopeAsync(async s => (await s.GetRequiredService<IMicroCredentialCatalog>().PublishedAsync(slug))!);
}

public sealed class AuthoringOnSqlite(SqliteSite fixture) : AuthoringTests(fixture), IClassFixture<SqliteSite>;

public sealed class AuthoringOnPostgres(PostgresSite fixture) : AuthoringTests(fixture), IClassFixture<PostgresSite>;
