using System.Net;
using System.Text;
using Microsoft.VisualBasic.FileIO;

namespace PLBadges.IntegrationTests;

/// <summary>The readiness dashboard on the demo district: its states, who sees which rows, and its CSV.</summary>
public abstract class ReadinessTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    private static Dictionary<string, string[]> Rows(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("#readiness tbody tr").ToDictionary(r => r.GetAttribute("data-school")!, r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToArray());

    [Fact]
    public async Task The_demo_district_shows_one_school_on_track_and_one_at_risk_with_the_rule_on_the_page()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var page = await admin.GetDocumentAsync("/district/readiness");
        var rows = Rows(page);
        Assert.Equal(["lincoln-elementary", "washington-middle"], rows.Keys.Order());
        Assert.Equal("On track", rows["lincoln-elementary"][12]);
        Assert.Equal("At risk", rows["washington-middle"][12]);
        Assert.Equal("—", rows["lincoln-elementary"][6]); // no missing role
        Assert.Contains("assistant principal", rows["washington-middle"][6]);
        Assert.Contains("began", rows["washington-middle"][13]); // fewer than 12 months before its rollout
        Assert.Equal("100", rows["lincoln-elementary"][8]);
        Assert.Contains("At risk: the academy has started", page.QuerySelector("#rule-heading")!.ParentElement!.TextContent);
        Assert.Contains("On track: 1", page.QuerySelector("svg desc")!.TextContent);

        // The answer first: a short table of school, verdict and reason, the schools needing attention on top, each
        // leading to its details.
        var summary = page.QuerySelectorAll("#readiness-summary tbody tr").ToList();
        Assert.Equal(["washington-middle", "lincoln-elementary"], summary.Select(r => r.GetAttribute("data-summary-school")));
        Assert.Equal(3, summary[0].QuerySelectorAll("th, td").Length);
        Assert.Equal("At risk", summary[0].QuerySelectorAll("td")[0].TextContent.Trim());
        Assert.Contains("began", summary[0].QuerySelectorAll("td")[1].TextContent);
        Assert.Equal($"/district/readiness/schools/{await Site.OrganizationIdAsync("washington-middle")}", summary[0].QuerySelector("a")!.GetAttribute("href")); // the school's own page
        Assert.True(page.QuerySelector("#readiness-summary")!.CompareDocumentPosition(page.QuerySelector("#rule-heading")!).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
    }

    [Fact]
    public async Task A_schools_own_page_leads_with_its_verdict_and_reasons_then_its_details_and_the_rule()
    {
        var washington = await Site.OrganizationIdAsync("washington-middle");
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var page = await admin.GetDocumentAsync($"/district/readiness/schools/{washington}");
        Assert.Equal("Readiness: Washington Middle School", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("At risk", page.QuerySelector("#school-verdict .state")!.TextContent.Trim());
        Assert.Contains("began", page.QuerySelector("#school-reasons")!.TextContent);
        var details = page.QuerySelectorAll("#school-details dt").Select(d => d.TextContent.Trim()).Zip(page.QuerySelectorAll("#school-details dd").Select(d => d.TextContent.Trim())).ToDictionary();
        Assert.Contains("assistant principal", details["Missing team roles"]);
        Assert.False(details.ContainsKey("Readiness")); // said once, first
        Assert.Matches(@"^\d{1,2} [A-Z][a-z]+ \d{4}$", details["Rollout date"]); // "6 August 2027", as dates read on every page
        var rule = page.QuerySelector("details#how-decided")!;
        Assert.Equal("How this is decided", rule.QuerySelector("summary")!.TextContent.Trim());
        Assert.Contains("At risk: the academy has started", rule.TextContent);
        Assert.True(page.QuerySelector("#school-verdict")!.CompareDocumentPosition(page.QuerySelector("#school-details")!).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
        Assert.True(page.QuerySelector("#school-details")!.CompareDocumentPosition(rule).HasFlag(AngleSharp.Dom.DocumentPositions.Following));

        // The school leader of Lincoln sees Lincoln's.
        var leader = await Site.SignedInClientAsync(DemoPeople.Leader);
        var lincoln = await Site.OrganizationIdAsync("lincoln-elementary");
        Assert.Equal("On track", (await leader.GetDocumentAsync($"/district/readiness/schools/{lincoln}")).QuerySelector("#school-verdict .state")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_schools_readiness_page_is_refused_to_another_schools_leader_another_district_a_teacher_and_a_visitor()
    {
        var washington = await Site.OrganizationIdAsync("washington-middle");
        var address = $"/district/readiness/schools/{washington}";

        // Not theirs: not found, and nothing of the school shown.
        foreach (var person in new[] { DemoPeople.Leader, DemoPeople.OtherAdmin })
        {
            var response = await (await Site.SignedInClientAsync(person)).GetAsync(address);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Washington", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await (await Site.SignedInClientAsync(DemoPeople.Admin)).GetAsync($"/district/readiness/schools/{Guid.NewGuid()}")).StatusCode);

        // A teacher has no readiness at all: the "not allowed" answer.
        var teacher = await (await Site.SignedInClientAsync(DemoPeople.Teacher)).GetAsync(address);
        Assert.True(teacher.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound || (teacher.StatusCode == HttpStatusCode.Redirect && teacher.Headers.Location!.ToString().Contains("/error/403")),
            $"{(int)teacher.StatusCode} {teacher.Headers.Location}");
        Assert.DoesNotContain("Washington", await teacher.Content.ReadAsStringAsync());

        // A visitor is sent to sign in.
        var visitor = await Site.CreateBrowserlikeClient().GetAsync(address);
        Assert.Equal(HttpStatusCode.Redirect, visitor.StatusCode);
        Assert.Contains("/account/signin", visitor.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_csv_has_the_same_figures_as_the_page()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var page = Rows(await admin.GetDocumentAsync("/district/readiness"));
        var response = await admin.GetAsync("/district/readiness?handler=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        using var parser = new TextFieldParser(new StringReader(Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF'))) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        Assert.Equal("School", header[0]);
        var records = new List<string[]>();
        while (!parser.EndOfData)
        {
            records.Add(parser.ReadFields()!);
        }

        Assert.Equal(page.Count, records.Count);
        foreach (var record in records)
        {
            var shown = page.Values.Single(r => r[0] == record[0]);
            for (var i = 0; i < header.Length; i++)
            {
                Assert.Equal(shown[i].Replace(" (overdue)", ""), record[i] == "" ? "—" : record[i]);
            }
        }
    }

    [Fact]
    public async Task A_school_leader_sees_only_their_school_another_district_nothing_of_ours_a_teacher_no_dashboard()
    {
        var leader = Rows(await (await Site.SignedInClientAsync(DemoPeople.Leader)).GetDocumentAsync("/district/readiness"));
        Assert.Equal(["lincoln-elementary"], rows(leader));

        var other = Rows(await (await Site.SignedInClientAsync(DemoPeople.OtherAdmin)).GetDocumentAsync("/district/readiness"));
        Assert.Equal(["lakeside-high"], rows(other));
        Assert.Equal("Not started", other["lakeside-high"][12]);

        var otherCsv = await (await Site.SignedInClientAsync(DemoPeople.OtherAdmin)).GetStringAsync("/district/readiness?handler=csv");
        Assert.DoesNotContain("Lincoln", otherCsv);

        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher);
        var refused = await teacher.GetAsync("/district/readiness?handler=csv");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);

        static string[] rows(Dictionary<string, string[]> r) => [.. r.Keys.Order()];
    }
}

public sealed class ReadinessOnSqlite(SqliteSite fixture) : ReadinessTests(fixture), IClassFixture<SqliteSite>;

public sealed class ReadinessOnPostgres(PostgresSite fixture) : ReadinessTests(fixture), IClassFixture<PostgresSite>;
