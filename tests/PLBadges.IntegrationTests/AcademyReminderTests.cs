using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Cohorts.Academy;
using PLBadges.Data;
using PLBadges.Testing;

namespace PLBadges.IntegrationTests;

/// <summary>Academy session reminders through a real SMTP server: each member and the facilitator once, however often the sweep runs or the site restarts.</summary>
public abstract class AcademyReminderTests(string provider)
{
    private static readonly string[] Reminded = [DemoPeople.Leader, "ap@demo.plbadges.test", DemoPeople.Coach, DemoPeople.Teacher, DemoPeople.Teacher2, DemoPeople.LeadCoach];

    [Fact]
    public async Task Each_member_and_the_facilitator_get_one_reminder_the_day_before_a_session()
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = MailSiteFixture.MailSettings(smtp.Port);
        var clock = new TestClock(DateTimeOffset.UtcNow);
        DateTime start;
        await using (var site = new TestSite(database, settings, clock))
        {
            await site.RunAsync<AcademyReminders>(); // the next session is two weeks away: nothing yet
            await MailTests.SendMailAsync(site);
            Assert.DoesNotContain(smtp.Messages(), m => (m.Subject ?? "").StartsWith("Tomorrow:", StringComparison.Ordinal));
            start = await site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<CohortSession>().Where(x => x.Title == "Universal Design for Learning in daily planning").Select(x => x.StartUtc).SingleAsync());

            clock.Now = new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)).AddHours(-20);
            await Task.WhenAll(site.RunAsync<AcademyReminders>(), site.RunAsync<AcademyReminders>());
            await site.RunAsync<AcademyReminders>();
            await MailTests.SendMailAsync(site);
        }

        clock.Now = clock.Now.AddHours(2);
        await using (var restarted = new TestSite(database, settings, clock))
        {
            await restarted.RunAsync<AcademyReminders>();
            await MailTests.SendMailAsync(restarted);
        }

        foreach (var person in Reminded)
        {
            var reminder = Assert.Single(smtp.MessagesTo(person), m => (m.Subject ?? "").StartsWith("Tomorrow:", StringComparison.Ordinal));
            Assert.Equal("Tomorrow: Universal Design for Learning in daily planning", reminder.Subject);
            Assert.Contains("https://meet.example.org/riverbend-academy", reminder.TextBody ?? "");
            Assert.Contains("4:00 PM", reminder.TextBody ?? ""); // the district's time, not UTC
        }

        Assert.Equal(Reminded.Length, smtp.Messages().Count(m => (m.Subject ?? "").StartsWith("Tomorrow:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_new_session_invites_each_member_and_the_facilitator_once_with_a_calendar_invitation()
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var site = new TestSite(database, MailSiteFixture.MailSettings(smtp.Port));
        var cohort = await site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<Cohort>().Where(c => c.Name == "Riverbend Personalized Learning Academy").Select(c => c.Id).SingleAsync());
        var admin = await site.SignedInClientAsync(DemoPeople.Admin);
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40).ToString("yyyy-MM-dd");
        var added = await admin.SubmitAsync($"/district/cohorts/{cohort}", new Dictionary<string, string>
        {
            ["title"] = "Data-based decisions for leadership teams", ["date"] = day, ["starts"] = "15:30", ["ends"] = "17:00", ["place"] = "Lincoln library",
        }, "Session");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, added.StatusCode);
        await MailTests.SendMailAsync(site);
        await MailTests.SendMailAsync(site);
        var session = await site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<CohortSession>().SingleAsync(x => x.Title == "Data-based decisions for leadership teams"));

        foreach (var person in Reminded)
        {
            var invitation = Assert.Single(smtp.MessagesTo(person), m => (m.Subject ?? "").StartsWith("Invitation:", StringComparison.Ordinal));
            Assert.Equal("Invitation: Data-based decisions for leadership teams (Riverbend Personalized Learning Academy)", invitation.Subject);
            Assert.Contains("3:30 PM", invitation.TextBody ?? "");
            var parsed = await CoachingDriver.ParseWithPythonAsync(CoachingDriver.Calendar(invitation)); // read by Python's icalendar, not the writer
            Assert.Equal("REQUEST", parsed.Method);
            Assert.Equal($"academy-session-{session.Id}@plbadges", parsed.Uid);
            Assert.Equal(DateTime.SpecifyKind(session.StartUtc, DateTimeKind.Utc), DateTimeOffset.Parse(parsed.Start, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime);
            Assert.Equal(Reminded.Length - 1, parsed.Attendees.Count); // the facilitator organizes; the five members attend
        }

        Assert.Equal(Reminded.Length, smtp.Messages().Count(m => (m.Subject ?? "").StartsWith("Invitation:", StringComparison.Ordinal)));
    }
}

public sealed class AcademyRemindersOnSqlite() : AcademyReminderTests("Sqlite");

public sealed class AcademyRemindersOnPostgres() : AcademyReminderTests("Postgres");
