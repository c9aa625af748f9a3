using Microsoft.Extensions.DependencyInjection;
using PLBadges.Coaching.Cycles;
using PLBadges.Coaching.Reminders;

namespace PLBadges.IntegrationTests;

/// <summary>Reminders live in the database: a site stopped and started between scheduling and the reminder hour sends each exactly once.</summary>
public abstract class CoachingReminderTests(string provider)
{
    [Fact]
    public async Task A_reminder_is_sent_exactly_once_when_the_site_restarts_between_scheduling_and_its_hour()
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = MailSiteFixture.MailSettings(smtp.Port);
        var clock = new TestClock(CoachingDriver.MondayMorning);
        const string email = "reminded@demo.plbadges.test";
        var start = CoachingDriver.Local(3, 3, 9, 50); // Wednesday, Period 3
        await using (var before = new TestSite(database, settings, clock))
        {
            var teacher = await before.NewTeacherAsync(email);
            var cycle = await before.StartCycleAsync(DemoPeople.Coach, teacher);
            var outcome = await before.ScheduleAsync(cycle, MeetingKind.Planning, start, start.AddMinutes(30));
            Assert.Null(outcome.Error);
            await before.RunAsync<ReminderSweep>(); // nothing is due yet
        }

        Assert.Empty(smtp.Messages()); // the site stopped before sending anything

        // The next day, an hour after the 24-hour reminder fell due: a new site on the same database.
        clock.Now = new DateTimeOffset(start.AddHours(-23));
        await using (var after = new TestSite(database, settings, clock))
        {
            await Task.WhenAll(after.RunAsync<ReminderSweep>(), after.RunAsync<ReminderSweep>());
            await after.RunAsync<ReminderSweep>();
            await MailTests.SendMailAsync(after);
        }

        // And once more after another restart, still before the 1-hour reminder.
        await using (var again = new TestSite(database, settings, clock))
        {
            await again.RunAsync<ReminderSweep>();
            await MailTests.SendMailAsync(again);
        }

        var reminder = Assert.Single(smtp.MessagesTo(email), m => (m.Subject ?? "").StartsWith("Reminder:", StringComparison.Ordinal));
        Assert.Contains("Planning conference", reminder.Subject ?? "");
        Assert.Contains("Wed 3 Mar 2027, 9:50 AM", reminder.TextBody ?? "");
        Assert.Single(smtp.MessagesTo(DemoPeople.Coach), m => (m.Subject ?? "").StartsWith("Reminder:", StringComparison.Ordinal) && (m.TextBody ?? "").Contains("Test reminded"));

        // The 1-hour reminder, after one more restart: one more each, and never a repeat of the first.
        clock.Now = new DateTimeOffset(start.AddMinutes(-50));
        await using (var last = new TestSite(database, settings, clock))
        {
            await last.RunAsync<ReminderSweep>();
            await last.RunAsync<ReminderSweep>();
            await MailTests.SendMailAsync(last);
        }

        Assert.Equal(2, smtp.MessagesTo(email).Count(m => (m.Subject ?? "").StartsWith("Reminder:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_debrief_without_notes_nudges_its_coach_once_two_school_days_later_and_the_digest_goes_once_a_week()
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new TestClock(CoachingDriver.MondayMorning);
        await using var site = new TestSite(database, MailSiteFixture.MailSettings(smtp.Port), clock);
        var teacher = await site.NewTeacherAsync("debriefed@demo.plbadges.test");
        var cycle = await site.StartCycleAsync(DemoPeople.LeadCoach, teacher);
        var start = CoachingDriver.Local(3, 4, 9, 50); // Thursday
        Assert.Null((await site.ScheduleAsync(cycle, MeetingKind.Debrief, start, start.AddMinutes(30))).Error);

        clock.Now = new DateTimeOffset(CoachingDriver.Local(3, 5, 12, 0)); // one school day later: too soon
        await site.RunAsync<DebriefNudges>();
        clock.Now = new DateTimeOffset(CoachingDriver.Local(3, 8, 12, 0)); // Monday: the second school day
        await site.RunAsync<DebriefNudges>();
        await site.RunAsync<DebriefNudges>();
        await site.RunAsync<WeeklyDigest>();
        await site.RunAsync<WeeklyDigest>();
        await MailTests.SendMailAsync(site);

        var nudge = Assert.Single(smtp.MessagesTo(DemoPeople.LeadCoach), m => (m.Subject ?? "").StartsWith("Notes for your debrief", StringComparison.Ordinal));
        Assert.Contains("/coaching/meetings/", nudge.TextBody ?? "");
        var digest = Assert.Single(smtp.MessagesTo(DemoPeople.LeadCoach), m => (m.Subject ?? "").StartsWith("Your coaching week", StringComparison.Ordinal));
        Assert.Contains("Teachers not seen in 30 days", digest.TextBody ?? "");
    }
}

public sealed class CoachingRemindersOnSqlite() : CoachingReminderTests("Sqlite");

public sealed class CoachingRemindersOnPostgres() : CoachingReminderTests("Postgres");
