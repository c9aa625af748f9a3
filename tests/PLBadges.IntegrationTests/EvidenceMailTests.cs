using Microsoft.Extensions.DependencyInjection;
using PLBadges.Evidence.Notifications;

namespace PLBadges.IntegrationTests;

/// <summary>Decision emails and the coaches' digest go through the outbox: exactly once, across a restart, through a real SMTP server.</summary>
public abstract class EvidenceMailTests(string provider)
{
    [Fact]
    public async Task A_decision_and_a_digest_queued_before_a_restart_are_each_sent_once_after_it()
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = MailSiteFixture.MailSettings(smtp.Port);
        const string teacherEmail = "mailed@demo.plbadges.test";
        await using (var before = new TestSite(database, settings))
        {
            await before.AddPersonAsync(teacherEmail);
            var teacher = await before.SignedInClientAsync(teacherEmail);
            var decided = await teacher.StartAsync();
            await teacher.FillAsync(decided);
            await teacher.SubmitAsync(decided);
            await before.AddPersonAsync("waiting@demo.plbadges.test");
            var other = await before.SignedInClientAsync("waiting@demo.plbadges.test");
            var waiting = await other.StartAsync();
            await other.FillAsync(waiting);
            await other.SubmitAsync(waiting);

            var coach = await before.SignedInClientAsync(DemoPeople.Coach);
            await coach.ScoreAsync(await coach.ClaimAsync(decided), allMet: true);
            Assert.Equal("Passed", await before.StateAsync(decided));
            await before.InScopeAsync(services => services.GetRequiredService<ReviewDigest>().RunAsync(CancellationToken.None));
        }

        Assert.Empty(smtp.Messages()); // the site stopped before sending anything

        await using var after = new TestSite(database, settings);
        await after.InScopeAsync(services => services.GetRequiredService<ReviewDigest>().RunAsync(CancellationToken.None)); // the same day: nothing new
        await Task.WhenAll(MailTests.SendMailAsync(after), MailTests.SendMailAsync(after), MailTests.SendMailAsync(after));
        await MailTests.SendMailAsync(after);

        var decision = Assert.Single(smtp.MessagesTo(teacherEmail));
        Assert.Contains("passed", decision.Subject);
        Assert.Contains("https://plbadges.example/me/submissions/", decision.TextBody);
        // One submission still waits, so each coach gets one digest, however often the digest runs that day.
        var digest = Assert.Single(smtp.MessagesTo(DemoPeople.Coach));
        Assert.Contains("new submission", digest.Subject);
        Assert.Contains("https://plbadges.example/review", digest.TextBody);
    }
}

public sealed class EvidenceMailOnSqlite() : EvidenceMailTests("Sqlite");

public sealed class EvidenceMailOnPostgres() : EvidenceMailTests("Postgres");
