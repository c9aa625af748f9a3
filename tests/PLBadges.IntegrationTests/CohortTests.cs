using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Cohorts.Academy;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.IntegrationTests;

/// <summary>Running an academy through its pages: who may change it, what is refused and why, attendance, and the dashboard after it.</summary>
public abstract class CohortTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    private Task<Guid> IdOfAsync(string email) => Site.InScopeAsync(async s => (await s.GetRequiredService<IPeopleDirectory>().FindByEmailAsync(email))!.Id);

    private Task<Guid> SchoolAsync(string code) => Site.InScopeAsync(async s => (await s.GetRequiredService<IOrganizationDirectory>().FindByCodeAsync(code))!.Id);

    private static string Yesterday => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"))).AddDays(-1).ToString("yyyy-MM-dd");

    private async Task<Guid> NewCohortAsync(HttpClient admin, string name)
    {
        var created = await admin.SubmitAsync("/district/cohorts", new Dictionary<string, string> { ["Name"] = name, ["ProgrammeYear"] = "2027–28" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return Guid.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
    }

    [Fact]
    public async Task An_admin_runs_an_academy_a_facilitator_takes_attendance_and_the_school_row_changes()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var id = await NewCohortAsync(admin, "Washington leadership academy " + Guid.NewGuid().ToString("N")[..6]);
        var page = $"/district/cohorts/{id}";
        var washington = await SchoolAsync("washington-middle");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, new Dictionary<string, string> { ["schoolId"] = washington.ToString() }, "School")).StatusCode);

        // Washington's devices arrive in 8 months: the page says the academy should already have begun.
        var text = (await admin.GetDocumentAsync(page)).Body!.TextContent;
        Assert.Contains("a date already past", text);
        Assert.Contains("Missing: principal, assistant principal, instructional coach, teacher leader.", text);

        // A team member must work at the school: Lincoln's teacher is refused, Washington's accepted.
        var refused = await admin.SubmitAsync(page, new Dictionary<string, string> { ["schoolId"] = washington.ToString(), ["personId"] = (await IdOfAsync(DemoPeople.Teacher)).ToString(), ["role"] = "Principal" }, "Member");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("works at the school", await refused.TextAsync());
        var teacher2 = await IdOfAsync(DemoPeople.Teacher2);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, new Dictionary<string, string> { ["schoolId"] = washington.ToString(), ["personId"] = teacher2.ToString(), ["role"] = "TeacherLeader" }, "Member")).StatusCode);
        Assert.Contains("Missing: principal, assistant principal, instructional coach.", (await admin.GetDocumentAsync(page)).Body!.TextContent);

        // A session that ends before it starts is refused, and nothing is saved.
        var session = new Dictionary<string, string> { ["title"] = "Launch", ["date"] = Yesterday, ["starts"] = "16:00", ["ends"] = "15:00", ["place"] = "Library" };
        var wrong = await admin.SubmitAsync(page, session, "Session");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("must end after it starts", await wrong.TextAsync());
        Assert.Equal(0, await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<CohortSession>().CountAsync(x => x.CohortId == id)));
        session["ends"] = "17:30";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, session, "Session")).StatusCode);
        var sessionId = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<CohortSession>().Where(x => x.CohortId == id).Select(x => x.Id).SingleAsync());
        var sheet = $"/cohorts/sessions/{sessionId}/attendance";

        // Only the facilitator or an admin takes attendance: not the member, not another district's admin.
        Assert.Equal(HttpStatusCode.NotFound, (await (await Site.SignedInClientAsync(DemoPeople.Teacher2)).GetAsync(sheet)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await Site.SignedInClientAsync(DemoPeople.OtherAdmin)).GetAsync(sheet)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await Site.SignedInClientAsync(DemoPeople.LeadCoach)).GetAsync(sheet)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, new Dictionary<string, string> { ["personId"] = (await IdOfAsync(DemoPeople.Coach)).ToString() }, "Facilitator")).StatusCode);
        var facilitator = await Site.SignedInClientAsync(DemoPeople.Coach);
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.SubmitAsync(sheet, new Dictionary<string, string> { ["Present"] = teacher2.ToString() })).StatusCode);
        var mark = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<SessionAttendance>().SingleAsync(a => a.SessionId == sessionId));
        Assert.True(mark.Present);
        Assert.Equal(await IdOfAsync(DemoPeople.Coach), mark.RecordedBy);

        // The member sees it; the school's row now counts the new academy: started, late for the rule, roles missing.
        Assert.Contains("you attended", (await (await Site.SignedInClientAsync(DemoPeople.Teacher2)).GetDocumentAsync("/me/academy")).Body!.TextContent);
        var row = (await admin.GetDocumentAsync("/district/readiness")).QuerySelector("tr[data-school=washington-middle]")!;
        Assert.Equal("AtRisk", row.GetAttribute("data-state"));
        Assert.Contains("months before the rollout; the rule asks for 12", row.TextContent);
        Assert.Contains("100", row.QuerySelectorAll("td")[7].TextContent); // sessions attended (%)
    }

    [Fact]
    public async Task Only_the_districts_admins_open_or_change_an_academy()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var id = await NewCohortAsync(admin, "Private academy " + Guid.NewGuid().ToString("N")[..6]);
        foreach (var person in new[] { DemoPeople.OtherAdmin, DemoPeople.Leader, DemoPeople.Teacher })
        {
            var client = await Site.SignedInClientAsync(person);
            var response = await client.GetAsync($"/district/cohorts/{id}");
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }

        // Another district's admin posting straight at the handler changes nothing.
        var other = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        var token = (await other.GetDocumentAsync("/district/cohorts")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var posted = await other.PostAsync($"/district/cohorts/{id}?handler=School", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["schoolId"] = (await SchoolAsync("lincoln-elementary")).ToString() }));
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(0, await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<CohortSchool>().CountAsync(c => c.CohortId == id)));

        // A duplicate name, or no programme year, is refused with the reason.
        var name = (await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<Cohort>().SingleAsync(c => c.Id == id))).Name;
        var duplicate = await admin.SubmitAsync("/district/cohorts", new Dictionary<string, string> { ["Name"] = name, ["ProgrammeYear"] = "2027–28" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
        Assert.Contains("already has an academy", await duplicate.TextAsync());
        var noYear = await admin.SubmitAsync("/district/cohorts", new Dictionary<string, string> { ["Name"] = "Another", ["ProgrammeYear"] = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noYear.StatusCode);
    }

    [Fact]
    public async Task The_academies_page_suggests_an_academy_that_begins_in_time_for_a_school_in_none()
    {
        // Lakeside High (20 months) is in no academy; its district starts one with a session 10 days ahead.
        var admin = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        Assert.Contains("No academy still to begin fits", (await admin.GetDocumentAsync("/district/cohorts")).Body!.TextContent);
        var id = await NewCohortAsync(admin, "Lakeside academy");
        var date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10).ToString("yyyy-MM-dd");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync($"/district/cohorts/{id}", new Dictionary<string, string> { ["title"] = "Opening", ["date"] = date, ["starts"] = "09:00", ["ends"] = "12:00", ["link"] = "https://meet.example.org/lakeside" }, "Session")).StatusCode);
        var text = (await admin.GetDocumentAsync("/district/cohorts")).Body!.TextContent;
        Assert.Contains("Suggested: Lakeside academy, which begins in time.", text);
    }
}

public sealed class CohortsOnSqlite(SqliteSite fixture) : CohortTests(fixture), IClassFixture<SqliteSite>;

public sealed class CohortsOnPostgres(PostgresSite fixture) : CohortTests(fixture), IClassFixture<PostgresSite>;

/// <summary>The academies' JSON API and calendar feed on the demo academy.</summary>
public abstract class CohortApiTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    private Task<Guid> DemoCohortAsync() => Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<Cohort>().Where(c => c.Name == "Riverbend Personalized Learning Academy").Select(c => c.Id).SingleAsync());

    [Fact]
    public async Task The_api_answers_each_person_for_what_they_may_see()
    {
        var id = await DemoCohortAsync();
        var leader = await Site.SignedInClientAsync(DemoPeople.Leader);
        var rows = await leader.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/v1/readiness");
        Assert.Equal("Lincoln Elementary School", Assert.Single(rows!).GetProperty("school").GetString());
        Assert.Empty((await (await Site.SignedInClientAsync(DemoPeople.Teacher)).GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/v1/readiness"))!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Site.CreateClient().GetAsync("/api/v1/readiness")).StatusCode);

        var member = await Site.SignedInClientAsync(DemoPeople.Teacher2);
        var cohort = await member.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/cohorts/{id}");
        Assert.Equal(2, cohort.GetProperty("sessions").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await (await Site.SignedInClientAsync(DemoPeople.OtherAdmin)).GetAsync($"/api/v1/cohorts/{id}")).StatusCode);
        Assert.Equal("Member", (await member.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/v1/cohorts"))!.Single(c => c.GetProperty("id").GetGuid() == id).GetProperty("role").GetString());

        // Attendance: the member may not record it; the facilitator may, and a stranger in the list is refused with the reason.
        var past = cohort.GetProperty("sessions")[0].GetProperty("id").GetGuid();
        var teacher2 = (await Site.InScopeAsync(s => s.GetRequiredService<IPeopleDirectory>().FindByEmailAsync(DemoPeople.Teacher2)))!.Id;
        Assert.Equal(HttpStatusCode.NotFound, (await member.PutAsJsonAsync($"/api/v1/cohorts/sessions/{past}/attendance", new { present = new[] { teacher2 } })).StatusCode);
        var facilitator = await Site.SignedInClientAsync(DemoPeople.LeadCoach);
        var stranger = await facilitator.PutAsJsonAsync($"/api/v1/cohorts/sessions/{past}/attendance", new { present = new[] { Guid.NewGuid() } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await facilitator.PutAsJsonAsync($"/api/v1/cohorts/sessions/{past}/attendance", new { present = new[] { teacher2 } })).StatusCode);
        var marks = await facilitator.GetFromJsonAsync<List<System.Text.Json.JsonElement>>($"/api/v1/cohorts/sessions/{past}/attendance");
        Assert.Equal(5, marks!.Count); // every team member is marked
        Assert.Single(marks, m => m.GetProperty("present").GetBoolean());

        var openApi = await Site.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/cohorts/sessions/{id}/attendance", openApi);
        Assert.Contains("/api/v1/readiness", openApi);
    }

    [Fact]
    public async Task Academy_sessions_are_on_the_members_calendar_feed()
    {
        var teacher2 = (await Site.InScopeAsync(s => s.GetRequiredService<IPeopleDirectory>().FindByEmailAsync(DemoPeople.Teacher2)))!.Id;
        var token = await Site.InScopeAsync(s => s.GetRequiredService<PLBadges.Coaching.Calendars.CalendarFeeds>().ResetTokenAsync(teacher2, CancellationToken.None));
        var feed = await Site.CreateClient().GetStringAsync($"/calendar/{token}.ics");
        Assert.Contains("Universal Design for Learning in daily planning (Riverbend Personalized Learning Academy)", feed.Replace("\r\n ", ""));
        Assert.Contains("UID:academy-session-", feed);
    }
}

public sealed class CohortApiOnSqlite(SqliteSite fixture) : CohortApiTests(fixture), IClassFixture<SqliteSite>;

public sealed class CohortApiOnPostgres(PostgresSite fixture) : CohortApiTests(fixture), IClassFixture<PostgresSite>;
