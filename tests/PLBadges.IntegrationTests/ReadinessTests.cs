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
        Assert.NotNull(page.QuerySelector(summary[0].QuerySelector("a")!.GetAttribute("href")!)); // #school-washington-middle, the detailed row
        Assert.True(page.QuerySelector("#readiness-summary")!.CompareDocumentPosition(page.QuerySelector("#rule-heading")!).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
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
