using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Parser;

namespace PLBadges.IntegrationTests;

public abstract class RosterTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    private const string Roster = """
        school,name,email,role
        Lincoln Elementary School,Ana Ruiz,ana.ruiz@demo.plbadges.test,Teacher
        washington-middle,"Lee, Jordan",jordan.lee@demo.plbadges.test,Coach
        Lincoln Elementary School,Maya Teacher,teacher@demo.plbadges.test,Teacher
        ,Dana District,dana@demo.plbadges.test,DistrictAdmin
        Lincoln Elementary School,No Email,not-an-email,Teacher
        Nowhere School,Lost Person,lost@demo.plbadges.test,Teacher
        Lincoln Elementary School,Super User,super@demo.plbadges.test,PlatformAdmin
        Lincoln Elementary School,,noname@demo.plbadges.test,Teacher
        Lakeside High School,Cross District,cross@demo.plbadges.test,Teacher
        """;

    [Fact]
    public async Task Import_reports_each_row_and_a_second_import_changes_nothing()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var peopleBefore = await Site.CountAsync("People");
        var membershipsBefore = await Site.CountAsync("Memberships");
        var emailsBefore = await Site.CountAsync("EmailMessages");

        var first = await ImportAsync(admin, Roster);
        Assert.Equal(("Created", "ana.ruiz@demo.plbadges.test"), (first[2].Outcome, first[2].Email));
        Assert.Equal("Created", first[3].Outcome);
        Assert.Equal("Unchanged", first[4].Outcome); // Maya is already a teacher at Lincoln
        Assert.Equal("Created", first[5].Outcome);
        Assert.Equal("Rejected", first[6].Outcome);
        Assert.Contains("not an email address", first[6].Message);
        Assert.Equal("Rejected", first[7].Outcome);
        Assert.Contains("No school 'Nowhere School'", first[7].Message);
        Assert.Equal("Rejected", first[8].Outcome);
        Assert.Contains("not a role a roster can give", first[8].Message);
        Assert.Equal("Rejected", first[9].Outcome);
        Assert.Contains("name is missing", first[9].Message);
        Assert.Equal("Rejected", first[10].Outcome); // another district's school is not a school of this one
        Assert.Contains("No school 'Lakeside High School'", first[10].Message);

        Assert.Equal(peopleBefore + 3, await Site.CountAsync("People"));
        Assert.Equal(membershipsBefore + 3, await Site.CountAsync("Memberships"));
        Assert.Equal(emailsBefore + 3, await Site.CountAsync("EmailMessages")); // one invitation per new person

        var second = await ImportAsync(admin, Roster);
        Assert.All(second.Where(r => r.Value.Outcome != "Rejected"), r => Assert.Equal("Unchanged", r.Value.Outcome));
        Assert.Equal(5, second.Count(r => r.Value.Outcome == "Rejected"));
        Assert.Equal(peopleBefore + 3, await Site.CountAsync("People"));
        Assert.Equal(membershipsBefore + 3, await Site.CountAsync("Memberships"));
        Assert.Equal(emailsBefore + 3, await Site.CountAsync("EmailMessages"));
    }

    [Fact]
    public async Task A_changed_row_updates_the_person_and_adds_the_role()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        await ImportAsync(admin, "school,name,email,role\nLincoln Elementary School,Kim Park,kim.park@demo.plbadges.test,Teacher\n");
        var rows = await ImportAsync(admin, "school,name,email,role\nWashington Middle School,Kim Park-Lee,kim.park@demo.plbadges.test,Coach\n");
        Assert.Equal("Updated", rows[2].Outcome);
        Assert.Contains("Name changed to Kim Park-Lee", rows[2].Message);
        Assert.Contains("role Coach added", rows[2].Message);
    }

    [Fact]
    public async Task A_file_without_the_columns_is_refused_whole()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var peopleBefore = await Site.CountAsync("People");
        var response = await PostAsync(admin, "name,email\nAna,ana2@demo.plbadges.test\n", null);
        var text = await response.TextAsync();
        Assert.Contains("lacks the column(s) school, role", text);
        Assert.Equal(peopleBefore, await Site.CountAsync("People"));
    }

    [Fact]
    public async Task Semicolons_quotes_and_a_bom_are_read()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var rows = await ImportAsync(admin, "\uFEFFSchool;Name;Email;Role\r\nlincoln-elementary;\"O'Neil; Pat\";pat.oneil@demo.plbadges.test;teacher\r\n");
        Assert.Equal("Created", rows[2].Outcome);
        Assert.Contains("O'Neil; Pat", rows[2].Message);
    }

    [Fact]
    public async Task Another_districts_admin_cannot_import_into_this_district()
    {
        var other = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        var demoDistrict = await Site.OrganizationIdAsync("demo-district");
        var response = await PostAsync(other, "school,name,email,role\nLincoln Elementary School,Eve Intruder,eve@demo.plbadges.test,Teacher\n", demoDistrict);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await Site.InScopeAsync(async s => await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PLBadges.Identity.People.Person>>(s).FindByEmailAsync("eve@demo.plbadges.test") == null ? 0 : 1));
    }

    [Fact]
    public async Task Teachers_cannot_import()
    {
        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher);
        var response = await teacher.GetAsync("/district/roster");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/error/403", response.Headers.Location!.AbsolutePath);
    }

    private static async Task<Dictionary<int, (string Email, string Outcome, string Message)>> ImportAsync(HttpClient client, string csv)
    {
        var response = await PostAsync(client, csv, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var rows = document.QuerySelectorAll("section[aria-labelledby=report-heading] tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .ToDictionary(cells => int.Parse(cells[0]), cells => (cells[1], cells[2], cells[3]));
        Assert.NotEmpty(rows);
        return rows;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string csv, Guid? district) => RosterTestsUpload.PostAsync(client, csv, district);
}

/// <summary>Uploads a roster file through the real form.</summary>
internal static class RosterTestsUpload
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string csv, Guid? district = null)
    {
        var page = await client.GetDocumentAsync("/district/roster");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("true"), "invite" },
        };
        if (district != null)
        {
            form.Add(new StringContent(district.ToString()!), "district");
        }

        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "roster.csv");
        return await client.PostAsync("/district/roster" + (district == null ? "" : $"?district={district}"), form);
    }
}

public sealed class RosterOnSqlite(SqliteSite fixture) : RosterTests(fixture), IClassFixture<SqliteSite>;

public sealed class RosterOnPostgres(PostgresSite fixture) : RosterTests(fixture), IClassFixture<PostgresSite>;
