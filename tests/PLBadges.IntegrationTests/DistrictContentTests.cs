using System.Net;

namespace PLBadges.IntegrationTests;

/// <summary>A district writes its own pathway, micro-credential and resources; other districts never see them.</summary>
public abstract class DistrictContentTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    [Fact]
    public async Task A_district_creates_a_pathway_and_a_micro_credential_that_only_its_people_see()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var created = await admin.SubmitAsync("/authoring/pathways", new Dictionary<string, string>
        {
            ["Input.Title"] = "Riverbend Co-Teaching", ["Input.Slug"] = "riverbend-co-teaching", ["Input.FocusArea"] = "Co-teaching",
            ["Input.Summary"] = "How our co-teachers plan together.", ["Input.Color"] = "#0e7490", ["Input.Icon"] = "tiers",
            ["Input.CapstoneTitle"] = "Riverbend Co-Teacher", ["Input.CapstoneDescription"] = "Plans and teaches as one team.", ["Input.Body"] = "Our way of **co-teaching**.",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var outline = (await admin.GetDocumentAsync("/authoring/micro-credentials/new?pathway=riverbend-co-teaching")).QuerySelector("#Text")!.TextContent;
        var taken = await admin.SubmitAsync("/authoring/micro-credentials/new?pathway=riverbend-co-teaching", new Dictionary<string, string> { ["Text"] = outline }, handler: "publish");
        Assert.Contains("slug of its own", await taken.TextAsync());

        var text = outline.Replace("slug: new-micro-credential", "slug: riverbend-shared-planning").Replace("Title of the micro-credential", "Shared Planning Time");
        var published = await admin.SubmitAsync("/authoring/micro-credentials/new?pathway=riverbend-co-teaching", new Dictionary<string, string> { ["Text"] = text }, handler: "publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher);
        Assert.Contains("Riverbend Co-Teaching", await (await teacher.GetAsync("/pathways")).TextAsync());
        Assert.Contains("Shared Planning Time", await (await teacher.GetAsync("/pathways/riverbend-co-teaching")).TextAsync());
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync("/micro-credentials/riverbend-shared-planning")).StatusCode);

        var otherTeacher = await Site.SignedInClientAsync(DemoPeople.OtherTeacher);
        Assert.DoesNotContain("Riverbend Co-Teaching", await (await otherTeacher.GetAsync("/pathways")).TextAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await otherTeacher.GetAsync("/micro-credentials/riverbend-shared-planning")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Site.CreateClient().GetAsync("/pathways/riverbend-co-teaching")).StatusCode);

        var otherAdmin = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.GetAsync("/authoring/pathways/riverbend-co-teaching")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.GetAsync("/authoring/micro-credentials/new?pathway=riverbend-co-teaching")).StatusCode);

        var edited = await admin.SubmitAsync("/authoring/pathways/riverbend-co-teaching", new Dictionary<string, string>
        {
            ["Input.Title"] = "Riverbend Co-Teaching Practices", ["Input.FocusArea"] = "Co-teaching", ["Input.Summary"] = "How our co-teachers plan together.",
            ["Input.Color"] = "#0e7490", ["Input.Icon"] = "tiers", ["Input.CapstoneTitle"] = "Riverbend Co-Teacher", ["Input.CapstoneDescription"] = "", ["Input.Body"] = "<b>raw</b>",
        });
        Assert.Contains("raw HTML is not allowed", await edited.TextAsync());
    }

    [Fact]
    public async Task A_platform_admins_new_pathway_is_shared()
    {
        var platform = await Site.SignedInClientAsync(DemoPeople.Platform);
        var created = await platform.SubmitAsync("/authoring/pathways", new Dictionary<string, string>
        {
            ["Input.Title"] = "Family Partnerships", ["Input.Slug"] = "family-partnerships", ["Input.FocusArea"] = "Families",
            ["Input.Summary"] = "Working with families.", ["Input.Color"] = "#374151", ["Input.Icon"] = "megaphone",
            ["Input.CapstoneTitle"] = "Family Partner", ["Input.CapstoneDescription"] = "", ["Input.Body"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("Family Partnerships", await (await Site.CreateClient().GetAsync("/pathways")).TextAsync()); // the shared catalog
        Assert.Equal(HttpStatusCode.NotFound, (await (await Site.SignedInClientAsync(DemoPeople.Admin)).GetAsync("/authoring/pathways/family-partnerships")).StatusCode);
    }

    [Fact]
    public async Task A_district_adds_and_tags_a_resource_for_its_people()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var token = (await admin.GetDocumentAsync("/resources/new")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", token), new("Input.Title", "Riverbend Tier 2 Menu"), new("Input.Url", "https://riverbend.example/tier2"),
            new("Input.Summary", "Our Tier 2 interventions."), new("Input.Type", "guide"), new("Input.FocusArea", "MTSS and data-based decisions"),
            new("Input.Grades", "3-5"), new("Input.Grades", "6-8"), new("Input.Tags", "Tier 2, interventions, , tier 2"), new("Input.Minutes", "12"),
        };
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/resources/new", new FormUrlEncodedContent(fields))).StatusCode);

        var found = await (await admin.GetAsync("/api/v1/resources?tag=tier%202")).Content.ReadAsStringAsync();
        Assert.Contains("Riverbend Tier 2 Menu", found);
        Assert.Contains("\"gradeBands\":[\"3-5\",\"6-8\"]", found);
        Assert.DoesNotContain("Riverbend Tier 2 Menu", await (await (await Site.SignedInClientAsync(DemoPeople.OtherTeacher)).GetAsync("/api/v1/resources?q=riverbend")).Content.ReadAsStringAsync());

        var bad = await admin.SubmitAsync("/resources/new", new Dictionary<string, string> { ["Input.Title"] = "X", ["Input.Url"] = "javascript:alert(1)", ["Input.Type"] = "guide", ["Input.Minutes"] = "5" });
        Assert.Contains("starts with https://", await bad.TextAsync());
        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher);
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.GetAsync("/resources/new")).StatusCode);
    }
}

public sealed class DistrictContentOnSqlite(SqliteSite fixture) : DistrictContentTests(fixture), IClassFixture<SqliteSite>;

public sealed class DistrictContentOnPostgres(PostgresSite fixture) : DistrictContentTests(fixture), IClassFixture<PostgresSite>;
