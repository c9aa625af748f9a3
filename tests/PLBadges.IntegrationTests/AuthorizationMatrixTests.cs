using System.Net;
using Microsoft.EntityFrameworkCore;

namespace PLBadges.IntegrationTests;

/// <summary>
/// For each role and for an anonymous visitor: which pages and endpoints answer and which refuse.
/// "Open" means 200; "Refused" means 401, 403 or 404, or a redirect to sign-in or to the 403 page.
/// </summary>
public abstract class AuthorizationMatrixTests(SiteFixture fixture)
{
    public enum Access
    {
        Open,
        Refused,
    }

    private const string Anonymous = "anonymous";

    /// <summary>The pages of the matrix (read by <see cref="WordingTests"/> too).</summary>
    internal static readonly string[] PagePaths =
    [
        "/", "/me", "/district/schools", "/district/schools/edit", "/district/people", "/district/people/invite", "/district/roster", "/district/roster/sync",
        "/district/templates", "/district/templates/edit?name=identity.invite", "/admin/organizations", "/admin/jobs", "/api/v1/me", "/api/v1/organizations",
        "/coaching", "/me/coaching", "/coaching/report", "/coaching/schedules", "/me/calendar", "/api/v1/me/coaching/meetings",
        "/district/readiness", "/district/readiness?handler=csv", "/district/cohorts", "/me/academy",
        "/district/waves", "/district/roadmap", "/me/waves",
        "/me/recognition", "/state/programs", "/state/endorsements", "/recognition/applications", "/styleguide",
        "/me/state-credit", "/state/profiles", "/district/state-credit", "/district/state-credit/educators", "/district/state-credit/exports",
        "/district/sign-in", "/district/log", "/district/pending", "/account/waiting",
    ];

    /// <summary>The owner's view of Maya's demo credential (its id is random, so found when the test runs): hers alone, not even the platform's admin's.</summary>
    private const string MayasCredential = "/me/credentials/{maya's credential}";

    /// <summary>
    /// Lincoln Elementary's own readiness page (its id is random): the district's admins and Lincoln's leader; not the
    /// platform's admin, whose readiness dashboard lists no schools (no school is in their care).
    /// </summary>
    private const string LincolnReadiness = "/district/readiness/schools/{lincoln}";

    private static readonly string[] Paths = [.. PagePaths, MayasCredential, LincolnReadiness];

    // Columns follow Paths.
    private static readonly Dictionary<string, string> Expected = new()
    {
        [Anonymous] = "O R R R R R R R R R R R R R R R R R R R R R R R R R R R R R R R R R R R R R R R R R R",
        [DemoPeople.Teacher] = "O O R R R R R R R R R R O O R O R R O O R R R O R R O O R R R R O R R R R R R R R O R",
        [DemoPeople.Coach] = "O O R R R R R R R R R R O O O R R R O O R R R O R R R O R R R R O R R R R R R R R R R",
        [DemoPeople.Leader] = "O O O R O R R R R R R R O O R R O O O O O O R O R R R O R R R R O R R O R R R R R R O",
        [DemoPeople.Admin] = "O O O O O O O O O O R R O O R R O O O O O O O O O O R R R R O R R R O O O O O O R R O",
        [DemoPeople.State] = "O O R R R R R R R R R R O O R R R R O O R R R O R R R R O O O R R O R R R R R R R R R",
        [DemoPeople.Platform] = "O O O O O O O O O O O O O O O O O O O O O O O O O O O O O O O O O O O O O O O O R R R",
        [DemoPeople.OtherAdmin] = "O O O O O O O O O O R R O O R R O O O O O O O O O O R R R R O R R R O O O O O O R R R",
    };

    public static TheoryData<string> People => new(Expected.Keys);

    private TestSite Site => fixture.Site;

    [Theory]
    [MemberData(nameof(People))]
    public async Task Each_role_opens_exactly_its_pages(string person)
    {
        var client = person == Anonymous ? Site.CreateBrowserlikeClient() : await Site.SignedInClientAsync(person);
        var expected = Expected[person].Split(' ').Select(c => c == "O" ? Access.Open : Access.Refused).ToArray();
        var mismatches = new List<string>();
        var maya = await Site.PersonIdAsync(DemoPeople.Teacher);
        var lincoln = await Site.OrganizationIdAsync("lincoln-elementary");
        var credential = await Site.RunOutboxUntilAsync(db => db.Set<PLBadges.Credentials.Issuing.IssuedCredential>().Where(c => c.RecipientId == maya).Select(c => c.Id).FirstOrDefaultAsync(), "Maya's demo credential");
        for (var i = 0; i < Paths.Length; i++)
        {
            var response = await client.GetAsync(Paths[i] switch
            {
                MayasCredential => $"/me/credentials/{credential}",
                LincolnReadiness => $"/district/readiness/schools/{lincoln}",
                _ => Paths[i],
            });
            var actual = Classify(response);
            if (actual != expected[i])
            {
                mismatches.Add($"{Paths[i]}: expected {expected[i]}, got {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.True(mismatches.Count == 0, $"{person}:\n" + string.Join("\n", mismatches));
    }

    [Fact]
    public async Task Another_districts_admin_gets_nothing_of_this_district()
    {
        var other = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        var demoDistrict = await Site.OrganizationIdAsync("demo-district");
        var lincoln = await Site.OrganizationIdAsync("lincoln-elementary");
        var maya = await Site.PersonIdAsync(DemoPeople.Teacher);

        // Pages that name this district's things answer as if they did not exist.
        foreach (var path in new[] { $"/district/schools/edit/{lincoln}", $"/district/people/{maya}", $"/district/people/invite?district={demoDistrict}", $"/district/templates/edit?name=identity.invite&district={demoDistrict}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(path)).StatusCode);
        }

        // Asking a list page for this district shows their own district instead, and nothing of this one.
        foreach (var path in new[] { $"/district/schools?district={demoDistrict}", $"/district/people?district={demoDistrict}", "/api/v1/organizations" })
        {
            var text = await (await other.GetAsync(path)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("Lincoln Elementary", text);
            Assert.DoesNotContain("Riverbend", text);
            Assert.DoesNotContain("Maya Teacher", text);
        }

        // Writes are refused too: editing this district's school, or giving a role to its teacher.
        var edit = await other.PostAsync($"/district/schools/edit/{lincoln}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = (await other.GetDocumentAsync("/district/schools/edit")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Input.Name"] = "Taken Over", ["Input.Code"] = "lincoln-elementary",
        }));
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var give = await other.PostAsync($"/district/people/{maya}?handler=add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = (await other.GetDocumentAsync("/district/people/invite")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["role"] = "DistrictAdmin",
        }));
        Assert.Equal(HttpStatusCode.NotFound, give.StatusCode);
        var schools = await (await Site.SignedInClientAsync(DemoPeople.Admin)).GetAsync("/district/schools");
        Assert.Contains("Lincoln Elementary School", await schools.TextAsync());
    }

    [Fact]
    public async Task A_school_leader_sees_only_their_schools_people_and_cannot_change_them()
    {
        var leader = await Site.SignedInClientAsync(DemoPeople.Leader);
        var people = await (await leader.GetAsync("/district/people")).TextAsync();
        Assert.Contains("Maya Teacher", people);
        Assert.DoesNotContain("Sam Okafor", people); // Washington Middle
        Assert.DoesNotContain("Invite a person", people);
        var schools = await (await leader.GetAsync("/district/schools")).TextAsync();
        Assert.Contains("Lincoln Elementary School", schools);
        Assert.DoesNotContain("Washington Middle School", schools);
        Assert.DoesNotContain("Add a school", schools);
        var sam = await Site.PersonIdAsync(DemoPeople.Teacher2);
        Assert.Equal(Access.Refused, Classify(await leader.GetAsync($"/district/people/{sam}")));
    }

    [Fact]
    public async Task A_teacher_cannot_reach_another_person_through_the_api()
    {
        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher);
        var me = await (await teacher.GetAsync("/api/v1/me")).Content.ReadAsStringAsync();
        Assert.Contains("Maya Teacher", me);
        var organizations = await (await teacher.GetAsync("/api/v1/organizations")).Content.ReadAsStringAsync();
        Assert.Contains("lincoln-elementary", organizations);
        Assert.DoesNotContain("washington-middle", organizations);
        Assert.DoesNotContain("lakeside-high", organizations);
    }

    private static Access Classify(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return Access.Open;
        }

        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            return Access.Refused;
        }

        var location = response.Headers.Location?.OriginalString ?? "";
        if (response.StatusCode == HttpStatusCode.Redirect && (location.Contains("/account/signin") || location.Contains("/error/403")))
        {
            return Access.Refused;
        }

        throw new InvalidOperationException($"Unexpected answer {(int)response.StatusCode} {location} from {response.RequestMessage?.RequestUri}");
    }
}

public sealed class AuthorizationMatrixOnSqlite(SqliteSite fixture) : AuthorizationMatrixTests(fixture), IClassFixture<SqliteSite>;

public sealed class AuthorizationMatrixOnPostgres(PostgresSite fixture) : AuthorizationMatrixTests(fixture), IClassFixture<PostgresSite>;
