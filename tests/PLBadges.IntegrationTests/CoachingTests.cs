using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Coaching.Calendars;
using PLBadges.Coaching.Cycles;
using PLBadges.Coaching.Reminders;
using PLBadges.Data;

namespace PLBadges.IntegrationTests;

/// <summary>A demo site whose clock stands on Monday 1 March 2027, 06:00 in Chicago, with a real SMTP server.</summary>
public abstract class CoachingSiteFixture(string provider) : SiteFixture(provider)
{
    public TestClock Clock { get; } = new(CoachingDriver.MondayMorning);

    public SmtpServer Smtp { get; private set; } = null!;

    protected override async Task<IDictionary<string, string?>> SettingsAsync()
    {
        Smtp = await SmtpServer.StartAsync();
        return MailSiteFixture.MailSettings(Smtp.Port);
    }

    protected override TimeProvider? SiteClock => Clock;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed class SqliteCoachingSite() : CoachingSiteFixture("Sqlite");

public sealed class PostgresCoachingSite() : CoachingSiteFixture("Postgres");

public abstract class CoachingTests(CoachingSiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    private static string Unique(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..10]}@demo.plbadges.test";

    [Fact]
    public async Task A_suggested_time_is_scheduled_and_its_invitation_changes_and_cancels_the_same_event_in_another_parser()
    {
        fixture.Clock.Now = CoachingDriver.MondayMorning;
        var email = Unique("invited");
        var teacher = await Site.NewTeacherAsync(email);
        var cycle = await Site.StartCycleAsync(DemoPeople.Coach, teacher);
        var coach = await Site.SignedInClientAsync(DemoPeople.Coach);

        var page = await coach.GetDocumentAsync($"/coaching/cycles/{cycle}?kind=Planning&minutes=30");
        var slots = page.QuerySelectorAll("input[name=slot]").Select(i => DateTime.Parse(i.GetAttribute("value")!, null, System.Globalization.DateTimeStyles.AdjustToUniversal)).ToList();
        // The teacher's planning period, Period 3 at 09:50 Chicago time, on the next school days.
        Assert.Equal(CoachingDriver.Local(3, 1, 9, 50), slots[0]);
        Assert.Equal(CoachingDriver.Local(3, 2, 9, 50), slots[1]);

        var scheduled = await coach.SubmitAsync($"/coaching/cycles/{cycle}?kind=Planning&minutes=30",
            new Dictionary<string, string> { ["kind"] = "Planning", ["minutes"] = "30", ["slot"] = slots[1].ToString("O") }, formAction: "handler=schedule");
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        var meetingPath = scheduled.Headers.Location!.OriginalString;
        Assert.Matches("^/coaching/meetings/[0-9a-f-]{36}$", meetingPath);

        var moved = await coach.SubmitAsync(meetingPath, new Dictionary<string, string> { ["date"] = "2027-03-03", ["start"] = "09:50", ["end"] = "10:20" }, formAction: "handler=move");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var cancelled = await coach.SubmitAsync(meetingPath, new Dictionary<string, string>(), formAction: "handler=cancel");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);

        for (var run = 0; run < 5; run++)
        {
            await MailTests.SendMailAsync(Site); // fifty a run: the other tests of this site queue mail too
        }

        var messages = fixture.Smtp.MessagesTo(email);
        Assert.Equal(3, messages.Count);
        var parsed = new List<CoachingDriver.ParsedEvent>();
        foreach (var message in messages)
        {
            parsed.Add(await CoachingDriver.ParseWithPythonAsync(CoachingDriver.Calendar(message)));
        }

        parsed = parsed.OrderBy(p => p.Sequence).ToList(); // sent in the same second: the order of arrival is not theirs

        Assert.Equal(["REQUEST", "REQUEST", "CANCEL"], parsed.Select(p => p.Method));
        Assert.Equal([0, 1, 2], parsed.Select(p => p.Sequence));
        Assert.Single(parsed.Select(p => p.Uid).Distinct());
        Assert.Equal(["CONFIRMED", "CONFIRMED", "CANCELLED"], parsed.Select(p => p.Status));
        Assert.Equal(DateTimeOffset.Parse(parsed[0].Start), new DateTimeOffset(CoachingDriver.Local(3, 2, 9, 50)));
        Assert.Equal(DateTimeOffset.Parse(parsed[1].Start), new DateTimeOffset(CoachingDriver.Local(3, 3, 9, 50)));
        Assert.Contains(parsed[0].Attendees, a => a.Equals("mailto:" + email, StringComparison.OrdinalIgnoreCase));
        // The coach is told too, with the same event.
        Assert.Equal(3, fixture.Smtp.MessagesTo(DemoPeople.Coach).Count(m => m.Attachments.Any() && CoachingDriver.Calendar(m).Contains(parsed[0].Uid)));
    }

    [Theory]
    [InlineData("2027-03-03", "10:20", "09:50", "ends before it starts")]
    [InlineData("2027-02-26", "09:50", "10:20", "already passed")]
    [InlineData("2027-03-05", "09:50", "10:20", "not a school day")]
    [InlineData("2027-03-06", "09:50", "10:20", "not a school day")]
    public async Task A_time_that_cannot_be_is_refused_with_a_clear_message_and_changes_nothing(string date, string start, string end, string message)
    {
        fixture.Clock.Now = CoachingDriver.MondayMorning;
        var teacher = await Site.NewTeacherAsync(Unique("refused"));
        var cycle = await Site.StartCycleAsync(DemoPeople.Coach, teacher);
        var leader = await Site.SignedInClientAsync(DemoPeople.Leader);
        var school = await Site.OrganizationIdAsync("lincoln-elementary");
        var closed = await leader.SubmitAsync($"/coaching/schedules?school={school}", new Dictionary<string, string> { ["school"] = school.ToString(), ["date"] = "2027-03-05", ["reason"] = "In-service day" }, formAction: "handler=closure");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var mailBefore = await Site.CountAsync("EmailMessages");
        var coach = await Site.SignedInClientAsync(DemoPeople.Coach);

        var response = await coach.SubmitAsync($"/coaching/cycles/{cycle}", new Dictionary<string, string> { ["kind"] = "Debrief", ["date"] = date, ["start"] = start, ["end"] = end }, formAction: "handler=manual");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, await response.TextAsync());
        Assert.Contains("Nothing was changed", await response.TextAsync());
        Assert.Equal(0, await Site.MeetingCountAsync(cycle));
        Assert.Equal(mailBefore, await Site.CountAsync("EmailMessages"));
    }

    [Fact]
    public async Task A_teachers_home_shows_her_next_meeting_in_her_schools_time_with_her_coach_and_no_one_elses()
    {
        fixture.Clock.Now = CoachingDriver.MondayMorning;
        var email = Unique("home");
        var teacher = await Site.NewTeacherAsync(email);
        var client = await Site.SignedInClientAsync(email);
        Assert.Null((await client.GetDocumentAsync("/")).QuerySelector("#next-meeting-task")); // no cycle yet

        var cycle = await Site.StartCycleAsync(DemoPeople.Coach, teacher);
        // After school on a day no other test of this site books, so the demo coach's planning-period slots stay free.
        var placed = await Site.ScheduleAsync(cycle, MeetingKind.Planning, CoachingDriver.Local(3, 26, 15, 30), CoachingDriver.Local(3, 26, 16, 0));
        Assert.Null(placed.Error);
        var task = (await client.GetDocumentAsync("/")).QuerySelector("#next-meeting-task")!;
        Assert.Contains("Planning conference with", task.TextContent);
        Assert.Contains("Fri 26 Mar 2027, 3:30 PM–4:00 PM Central Daylight Time", task.TextContent);

        // Another teacher, in no cycle, sees no meeting of hers.
        var otherEmail = Unique("other");
        await Site.NewTeacherAsync(otherEmail);
        var other = await Site.SignedInClientAsync(otherEmail);
        Assert.Null((await other.GetDocumentAsync("/")).QuerySelector("#next-meeting-task"));
    }

    [Fact]
    public async Task A_time_outside_planning_time_is_asked_about_first_then_scheduled_with_a_warning()
    {
        fixture.Clock.Now = CoachingDriver.MondayMorning;
        var teacher = await Site.NewTeacherAsync(Unique("warned"));
        var cycle = await Site.StartCycleAsync(DemoPeople.Coach, teacher);
        var coach = await Site.SignedInClientAsync(DemoPeople.Coach);
        var mailBefore = await Site.CountAsync("EmailMessages");
        var fields = new Dictionary<string, string> { ["kind"] = "Debrief", ["date"] = "2027-03-09", ["start"] = "14:10", ["end"] = "14:40" };

        // First the coach is asked, before anyone is invited; the page offers the same request again, agreed.
        var asked = await coach.SubmitAsync($"/coaching/cycles/{cycle}", fields, formAction: "handler=manual");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, asked.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await asked.Content.ReadAsStringAsync());
        Assert.Contains("planning time", page.QuerySelector("[role=alert]")?.TextContent);
        Assert.Equal("true", page.QuerySelector($"form#{CoachingService.OutsideUsualTimeField} input[name={CoachingService.OutsideUsualTimeField}]")?.GetAttribute("value"));
        Assert.Equal(0, await Site.MeetingCountAsync(cycle));
        Assert.Equal(mailBefore, await Site.CountAsync("EmailMessages"));

        var response = await coach.SubmitAsync($"/coaching/cycles/{cycle}", new Dictionary<string, string>(fields) { [CoachingService.OutsideUsualTimeField] = "true" }, formAction: "handler=manual");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var meeting = await coach.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("outside the teacher's planning time", meeting.QuerySelector("[role=status]")?.TextContent);
        Assert.Equal(1, await Site.MeetingCountAsync(cycle));
        Assert.True(await Site.CountAsync("EmailMessages") > mailBefore); // confirmed: now the invitations go
    }

    [Fact]
    public async Task Two_coaches_booking_the_same_teacher_at_the_same_time_never_double_book()
    {
        fixture.Clock.Now = CoachingDriver.MondayMorning;
        var teacher = await Site.NewTeacherAsync(Unique("wanted"));
        var first = await Site.StartCycleAsync(DemoPeople.Coach, teacher);
        var second = await Site.StartCycleAsync(DemoPeople.LeadCoach, teacher);

        for (var day = 8; day <= 12; day++)
        {
            var (start, end) = (CoachingDriver.Local(3, day, 9, 50), CoachingDriver.Local(3, day, 10, 20));
            var outcomes = await Task.WhenAll(
                Site.ScheduleAsync(first, PLBadges.Coaching.Cycles.MeetingKind.Planning, start, end),
                Site.ScheduleAsync(second, PLBadges.Coaching.Cycles.MeetingKind.Planning, start.AddMinutes(10), end.AddMinutes(10)));
            Assert.Single(outcomes, o => o.Meeting != null);
            Assert.Contains("already has a meeting then", Assert.Single(outcomes, o => o.Error != null).Error);
        }

        var overlapping = await Site.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PLBadgesDbContext>();
            var mine = await db.Set<MeetingAttendee>().AsNoTracking().Where(a => a.PersonId == teacher && a.Active).ToListAsync();
            return mine.Count(a => mine.Any(b => b.MeetingId != a.MeetingId && b.StartUtc < a.EndUtc && a.StartUtc < b.EndUtc));
        });
        Assert.Equal(0, overlapping);
        Assert.Equal(5, await Site.MeetingCountAsync(first) + await Site.MeetingCountAsync(second));
    }

    [Fact]
    public async Task The_calendar_feed_answers_only_to_its_current_token()
    {
        fixture.Clock.Now = CoachingDriver.MondayMorning;
        var email = Unique("subscriber");
        var teacher = await Site.NewTeacherAsync(email);
        var cycle = await Site.StartCycleAsync(DemoPeople.Coach, teacher);
        var meeting = (await Site.ScheduleAsync(cycle, PLBadges.Coaching.Cycles.MeetingKind.Planning, CoachingDriver.Local(3, 17, 9, 50), CoachingDriver.Local(3, 17, 10, 20))).Meeting!;
        var client = await Site.SignedInClientAsync(email);

        async Task<string> ResetAsync()
        {
            var page = await client.SubmitAsync("/me/calendar", new Dictionary<string, string>(), formAction: "handler=reset");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            return new Uri(Regex.Match(html, @"value=""(https://plbadges\.example/calendar/[^""]+\.ics)""").Groups[1].Value).AbsolutePath;
        }

        var feed = await ResetAsync();
        var anonymous = Site.CreateClient();
        var answer = await anonymous.GetAsync(feed);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/calendar", answer.Content.Headers.ContentType?.MediaType);
        var ics = await answer.Content.ReadAsStringAsync();
        Assert.Contains($"UID:{meeting.Id:N}@plbadges", ics);
        Assert.Contains("METHOD:PUBLISH", ics);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(feed.Replace("/calendar/", "/calendar/x"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/calendar/" + new string('A', 43) + ".ics")).StatusCode);
        var renewed = await ResetAsync();
        Assert.NotEqual(feed, renewed);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(feed)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(renewed)).StatusCode);

        // Another person's feed never lists this teacher's meeting.
        var otherFeed = await Site.InScopeAsync(async services => await services.GetRequiredService<CalendarFeeds>().ResetTokenAsync(await Site.PersonIdAsync(DemoPeople.Teacher2), CancellationToken.None));
        Assert.DoesNotContain(meeting.Id.ToString("N"), await anonymous.GetStringAsync($"/calendar/{otherFeed}.ics"));
    }

    [Fact]
    public async Task A_moved_or_cancelled_meeting_leaves_no_stale_reminder()
    {
        fixture.Clock.Now = CoachingDriver.MondayMorning;
        var email = Unique("stale");
        var teacher = await Site.NewTeacherAsync(email);
        var cycle = await Site.StartCycleAsync(DemoPeople.Coach, teacher);
        var moved = (await Site.ScheduleAsync(cycle, PLBadges.Coaching.Cycles.MeetingKind.Planning, CoachingDriver.Local(3, 23, 9, 50), CoachingDriver.Local(3, 23, 10, 20))).Meeting!;
        var dropped = (await Site.ScheduleAsync(cycle, PLBadges.Coaching.Cycles.MeetingKind.Debrief, CoachingDriver.Local(3, 24, 9, 50), CoachingDriver.Local(3, 24, 10, 20))).Meeting!;
        await Site.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PLBadgesDbContext>();
            var coaching = services.GetRequiredService<CoachingService>();
            var row = await db.Set<CoachingCycle>().FirstAsync(c => c.Id == cycle);
            var first = await db.Set<Meeting>().FirstAsync(m => m.Id == moved.Id);
            Assert.Equal(first.Id, (await coaching.RescheduleAsync(row, first, CoachingDriver.Local(3, 30, 9, 50), CoachingDriver.Local(3, 30, 10, 20), row.CoachId, outsideUsualTimeAgreed: true, CancellationToken.None)).Meeting.Id);
            var second = await db.Set<Meeting>().FirstAsync(m => m.Id == dropped.Id);
            await coaching.CancelAsync(row, second, row.CoachId, CancellationToken.None); // refused would throw
        });

        // At the hours the old reminders would have fallen due, nothing goes to this teacher.
        foreach (var due in new[] { CoachingDriver.Local(3, 22, 9, 50), CoachingDriver.Local(3, 23, 8, 50), CoachingDriver.Local(3, 23, 9, 50), CoachingDriver.Local(3, 24, 8, 50) })
        {
            fixture.Clock.Now = due.AddMinutes(1);
            await Site.RunAsync<ReminderSweep>();
        }

        Assert.Equal(0, await Site.CountAsync("EmailMessages", $"\"Template\" = 'coaching-reminder' AND \"To\" = '{email}'"));

        // At the moved meeting's new reminder hour, exactly one reminder (with the new time) is queued.
        fixture.Clock.Now = CoachingDriver.Local(3, 29, 9, 51);
        await Site.RunAsync<ReminderSweep>();
        await Site.RunAsync<ReminderSweep>();
        Assert.Equal(1, await Site.CountAsync("EmailMessages", $"\"Template\" = 'coaching-reminder' AND \"To\" = '{email}'"));
    }

    [Fact]
    public async Task Coaching_is_seen_only_by_its_coach_its_teachers_and_those_who_oversee_the_school()
    {
        fixture.Clock.Now = CoachingDriver.MondayMorning;
        var email = Unique("private");
        var teacher = await Site.NewTeacherAsync(email);
        var cycle = await Site.StartCycleAsync(DemoPeople.Coach, teacher);
        var meeting = (await Site.ScheduleAsync(cycle, PLBadges.Coaching.Cycles.MeetingKind.Planning, CoachingDriver.Local(3, 16, 9, 50), CoachingDriver.Local(3, 16, 10, 20))).Meeting!;
        var paths = new[] { $"/coaching/cycles/{cycle}", $"/coaching/meetings/{meeting.Id}" };

        foreach (var outsider in new[] { DemoPeople.OtherCoach, DemoPeople.OtherTeacher, DemoPeople.OtherAdmin, DemoPeople.Teacher2, DemoPeople.LeadCoach })
        {
            var client = await Site.SignedInClientAsync(outsider);
            foreach (var path in paths.Append($"/coaching/meetings/{meeting.Id}.ics"))
            {
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
            }

            var api = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/coaching/meetings?from=2027-03-01T00:00:00Z&days=90");
            Assert.DoesNotContain(api.EnumerateArray(), m => m.GetProperty("id").GetGuid() == meeting.Id);
        }

        foreach (var path in paths.Append("/coaching").Append("/me/coaching"))
        {
            var anonymous = await Site.CreateBrowserlikeClient().GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Contains("/account/signin", anonymous.Headers.Location!.OriginalString);
        }

        // The teacher sees their cycle and meeting, but not the coach's notes until they are shared.
        var coach = await Site.SignedInClientAsync(DemoPeople.Coach);
        await coach.SubmitAsync($"/coaching/meetings/{meeting.Id}", new Dictionary<string, string> { ["notes"] = "Private working notes." }, formAction: "handler=notes");
        var mine = await Site.SignedInClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await mine.GetAsync(paths[0])).StatusCode);
        Assert.DoesNotContain("Private working notes.", await mine.GetStringAsync(paths[1]));
        Assert.Equal(HttpStatusCode.NotFound, (await mine.PostAsync($"/coaching/meetings/{meeting.Id}?handler=cancel", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await mine.TokenAsync(paths[1]) }))).StatusCode);
        await coach.SubmitAsync($"/coaching/meetings/{meeting.Id}", new Dictionary<string, string> { ["notes"] = "Shared notes now.", ["share"] = "true" }, formAction: "handler=notes");
        Assert.Contains("Shared notes now.", await mine.GetStringAsync(paths[1]));
        var myApi = await mine.GetFromJsonAsync<JsonElement>("/api/v1/me/coaching/meetings?from=2027-03-01T00:00:00Z&days=90");
        Assert.Contains(myApi.EnumerateArray(), m => m.GetProperty("id").GetGuid() == meeting.Id);
        Assert.DoesNotContain("Students plan their own work time.", await (await Site.SignedInClientAsync(DemoPeople.Teacher2)).GetStringAsync("/me/coaching"));

        // The school's leader and the district admin oversee it; the other district's admin does not.
        Assert.Equal(HttpStatusCode.OK, (await (await Site.SignedInClientAsync(DemoPeople.Leader)).GetAsync(paths[0])).StatusCode);
        var report = await (await Site.SignedInClientAsync(DemoPeople.Admin)).GetStringAsync("/coaching/report");
        Assert.Contains("Lincoln Elementary School", report);
        var otherReport = await (await Site.SignedInClientAsync(DemoPeople.OtherAdmin)).GetStringAsync("/coaching/report");
        Assert.DoesNotContain("Lincoln Elementary School", otherReport);
        Assert.DoesNotContain(cycle.ToString(), otherReport);
        // A teacher cannot reach the coach's pages at all.
        var refused = await mine.GetAsync("/coaching");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/error/403", refused.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Only_the_teacher_adds_shared_notes_to_their_own_submission_as_evidence()
    {
        fixture.Clock.Now = CoachingDriver.MondayMorning;
        var email = Unique("consenting");
        var teacher = await Site.NewTeacherAsync(email);
        var cycle = await Site.StartCycleAsync(DemoPeople.Coach, teacher);
        var meeting = (await Site.ScheduleAsync(cycle, PLBadges.Coaching.Cycles.MeetingKind.Visit, CoachingDriver.Local(3, 18, 8, 0), CoachingDriver.Local(3, 18, 8, 45))).Meeting!;
        var path = $"/coaching/meetings/{meeting.Id}";
        var mine = await Site.SignedInClientAsync(email);
        var submission = await mine.StartAsync();
        async Task<HttpResponseMessage> ForgeAsync(HttpClient client) =>
            await client.PostAsync($"{path}?handler=attach", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await client.TokenAsync("/me"), ["submission"] = submission.ToString(),
            }));

        // Before the coach shares the notes there is nothing to add, and a forged request is refused.
        Assert.Null((await mine.GetDocumentAsync(path)).QuerySelector("select[name=submission]"));
        Assert.Equal(HttpStatusCode.NotFound, (await ForgeAsync(mine)).StatusCode);

        var coach = await Site.SignedInClientAsync(DemoPeople.Coach);
        await coach.SubmitAsync(path, new Dictionary<string, string> { ["notes"] = "The visual strip was used without a prompt.", ["share"] = "true" }, formAction: "handler=notes");
        Assert.Equal(HttpStatusCode.NotFound, (await ForgeAsync(coach)).StatusCode); // the coach cannot put notes into a teacher's submission
        Assert.Equal(HttpStatusCode.NotFound, (await ForgeAsync(await Site.SignedInClientAsync(DemoPeople.Teacher2))).StatusCode);

        var added = await mine.SubmitAsync(path, new Dictionary<string, string> { ["submission"] = submission.ToString() }, formAction: "handler=attach");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal($"/me/submissions/{submission}", added.Headers.Location!.OriginalString);
        var files = (await mine.GetDocumentAsync($"/me/submissions/{submission}")).QuerySelector("ul.artifacts")!.TextContent;
        Assert.Contains("Coaching notes, classroom visit 2027-03-18.txt", files);
    }

    [Fact]
    public async Task Free_time_a_teacher_adds_is_offered_like_a_planning_period_and_a_backwards_one_is_refused()
    {
        fixture.Clock.Now = CoachingDriver.MondayMorning;
        var email = Unique("early");
        var teacher = await Site.NewTeacherAsync(email);
        var cycle = await Site.StartCycleAsync(DemoPeople.Coach, teacher);
        var mine = await Site.SignedInClientAsync(email);

        var backwards = await mine.SubmitAsync("/me/coaching", new Dictionary<string, string> { ["weekday"] = "Monday", ["start"] = "07:45", ["end"] = "07:15" }, formAction: "handler=free");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, backwards.StatusCode);
        Assert.Contains("ends before it starts", await backwards.TextAsync());
        var added = await mine.SubmitAsync("/me/coaching", new Dictionary<string, string> { ["weekday"] = "Monday", ["start"] = "07:15", ["end"] = "07:45", ["label"] = "Before school" }, formAction: "handler=free");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var coach = await Site.SignedInClientAsync(DemoPeople.Coach);
        var page = await coach.GetDocumentAsync($"/coaching/cycles/{cycle}?kind=Debrief&minutes=30");
        var first = page.QuerySelector("input[name=slot]")!;
        Assert.Equal(CoachingDriver.Local(3, 1, 7, 15), DateTime.Parse(first.GetAttribute("value")!, null, System.Globalization.DateTimeStyles.AdjustToUniversal));
        Assert.Contains("Before school", page.QuerySelector($"label[for={first.Id}]")!.TextContent);
    }

    [Fact]
    public async Task Completing_a_cycle_cancels_its_upcoming_meetings_and_records_it()
    {
        fixture.Clock.Now = CoachingDriver.MondayMorning;
        var email = Unique("completed");
        var teacher = await Site.NewTeacherAsync(email);
        var cycle = await Site.StartCycleAsync(DemoPeople.Coach, teacher);
        var meeting = (await Site.ScheduleAsync(cycle, PLBadges.Coaching.Cycles.MeetingKind.FollowUp, CoachingDriver.Local(3, 25, 9, 50), CoachingDriver.Local(3, 25, 10, 20))).Meeting!;
        var coach = await Site.SignedInClientAsync(DemoPeople.Coach);
        var path = $"/coaching/cycles/{cycle}";

        var forged = await coach.SubmitAsync(path, new Dictionary<string, string> { ["to"] = "Planned" }, formAction: "handler=state");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forged.StatusCode);
        var completed = await coach.SubmitAsync(path, new Dictionary<string, string> { ["to"] = "Completed" }, formAction: "handler=state");
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);

        var state = await Site.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PLBadgesDbContext>();
            return (await db.Set<CoachingCycle>().AsNoTracking().FirstAsync(c => c.Id == cycle)).State.ToString() + "/"
                + (await db.Set<Meeting>().AsNoTracking().FirstAsync(m => m.Id == meeting.Id)).State + "/"
                + await db.Set<PLBadges.Coaching.Cycles.Reminder>().CountAsync(r => r.MeetingId == meeting.Id && r.SentAt == null);
        });
        Assert.Equal("Completed/Cancelled/0", state);
        var page = await coach.GetDocumentAsync(path);
        Assert.Contains("Cycle active → completed", page.QuerySelector("ul.history")!.TextContent);
        Assert.Null(page.QuerySelector("#schedule-heading")); // a closed cycle schedules nothing more
        Assert.Equal(1, await Site.CountAsync("EmailMessages", $"\"Template\" = 'coaching-cancellation' AND \"To\" = '{email}'"));
    }

    [Fact]
    public async Task The_demo_cycle_has_a_past_and_an_upcoming_meeting_on_the_coachs_caseload()
    {
        var coach = await Site.SignedInClientAsync(DemoPeople.Coach);
        var caseload = await coach.GetDocumentAsync("/coaching");
        Assert.Contains("Maya Teacher", caseload.QuerySelector("main")!.TextContent);
        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher);
        var mine = await teacher.GetDocumentAsync("/me/coaching");
        Assert.Contains("Classroom visit (observation)", mine.QuerySelector("#upcoming-heading")!.ParentElement!.TextContent);
        Assert.Contains("Planning conference", mine.QuerySelector("#past-heading")!.ParentElement!.TextContent);
    }
}

public sealed class CoachingOnSqlite(SqliteCoachingSite fixture) : CoachingTests(fixture), IClassFixture<SqliteCoachingSite>;

public sealed class CoachingOnPostgres(PostgresCoachingSite fixture) : CoachingTests(fixture), IClassFixture<PostgresCoachingSite>;
