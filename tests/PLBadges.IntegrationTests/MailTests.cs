using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Data;

namespace PLBadges.IntegrationTests;

/// <summary>A demo site that sends through a real SMTP server on 127.0.0.1.</summary>
public abstract class MailSiteFixture(string provider) : SiteFixture(provider)
{
    public SmtpServer Smtp { get; private set; } = null!;

    protected override async Task<IDictionary<string, string?>> SettingsAsync()
    {
        Smtp = await SmtpServer.StartAsync();
        return MailSettings(Smtp.Port);
    }

    public static Dictionary<string, string?> MailSettings(int port) => new()
    {
        ["Mail:SmtpHost"] = "127.0.0.1",
        ["Mail:SmtpPort"] = port.ToString(),
        ["Mail:Security"] = "None",
        ["Mail:PublicBaseUrl"] = "https://plbadges.example",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed class SqliteMailSite() : MailSiteFixture("Sqlite");

public sealed class PostgresMailSite() : MailSiteFixture("Postgres");

public abstract class MailTests(MailSiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    private SmtpServer Smtp => fixture.Smtp;

    [Fact]
    public async Task A_password_reset_arrives_once_and_its_link_works_once()
    {
        await Site.AddPersonAsync("forgetful@demo.plbadges.test");
        var client = Site.CreateBrowserlikeClient();
        var asked = await client.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "forgetful@demo.plbadges.test" });
        Assert.Contains("we have emailed it a link", await asked.TextAsync());

        await SendMailAsync(Site);
        await SendMailAsync(Site); // a second run finds nothing more to send
        var message = Assert.Single(Smtp.MessagesTo("forgetful@demo.plbadges.test"));
        Assert.Equal("Reset your PLBadges password", message.Subject);
        var link = Regex.Match(message.TextBody!, @"https://plbadges\.example(/account/reset-password\S+)").Groups[1].Value;
        Assert.NotEmpty(link);
        Assert.Contains("<a href=\"https://plbadges.example/account/reset-password", message.HtmlBody);

        var reset = await client.SubmitAsync(link, new Dictionary<string, string> { ["Password"] = "New-Passw0rd-123", ["Confirm"] = "New-Passw0rd-123" });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Site.CreateBrowserlikeClient().SignInAsync("forgetful@demo.plbadges.test", "New-Passw0rd-123")).StatusCode);

        var again = await client.SubmitAsync(link, new Dictionary<string, string> { ["Password"] = "Other-Passw0rd-456", ["Confirm"] = "Other-Passw0rd-456" });
        Assert.Contains("expired or was already used", await again.TextAsync());
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_page_and_no_mail()
    {
        var before = Smtp.Messages().Count;
        var asked = await Site.CreateBrowserlikeClient().SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "stranger@nowhere.test" });
        Assert.Contains("we have emailed it a link", await asked.TextAsync());
        await SendMailAsync(Site);
        Assert.Equal(before, Smtp.Messages().Count);
    }

    [Fact]
    public async Task An_invited_person_sets_a_password_from_the_email_and_signs_in()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var lincoln = await Site.OrganizationIdAsync("lincoln-elementary");
        var invited = await admin.SubmitAsync("/district/people/invite", new Dictionary<string, string>
        {
            ["Name"] = "Nia Newcomer", ["Email"] = "nia@demo.plbadges.test", ["Role"] = "Teacher", ["School"] = lincoln.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        await SendMailAsync(Site);
        var message = Assert.Single(Smtp.MessagesTo("nia@demo.plbadges.test"));
        Assert.Contains("Riverbend Unified School District", message.Subject);
        var link = Regex.Match(message.TextBody!, @"https://plbadges\.example(/account/accept-invite\S+)").Groups[1].Value;

        var client = Site.CreateBrowserlikeClient();
        var accepted = await client.SubmitAsync(link, new Dictionary<string, string> { ["Password"] = "Welcome-Passw0rd", ["Confirm"] = "Welcome-Passw0rd" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync("nia@demo.plbadges.test", "Welcome-Passw0rd")).StatusCode);
        Assert.Contains("Teacher at Lincoln Elementary School", await (await client.GetAsync("/me")).TextAsync());
    }

    [Fact]
    public async Task A_districts_own_wording_is_used_for_its_people()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var district = await Site.OrganizationIdAsync("demo-district");
        var page = $"/district/templates/edit?name=identity.invite&district={district}";
        var preview = await admin.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Name"] = "identity.invite", ["District"] = district.ToString(), ["Subject"] = "Join {{ organization }} on PLBadges", ["Body"] = "Hi {{ name }}: {{ link }}",
        }, handler: "preview");
        Assert.Contains("Join [organization] on PLBadges", await preview.TextAsync());

        var broken = await admin.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Name"] = "identity.invite", ["District"] = district.ToString(), ["Subject"] = "Join", ["Body"] = "{% if name %}unclosed",
        }, handler: "save");
        Assert.Contains("not valid Liquid", await broken.TextAsync());

        var saved = await admin.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Name"] = "identity.invite", ["District"] = district.ToString(), ["Subject"] = "Join {{ organization }} on PLBadges", ["Body"] = "Hi {{ name }}, start here: {{ link }}",
        }, handler: "save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var lincoln = await Site.OrganizationIdAsync("lincoln-elementary");
        await admin.SubmitAsync("/district/people/invite", new Dictionary<string, string>
        {
            ["Name"] = "Omar Own", ["Email"] = "omar@demo.plbadges.test", ["Role"] = "Teacher", ["School"] = lincoln.ToString(),
        });
        await SendMailAsync(Site);
        var message = Assert.Single(Smtp.MessagesTo("omar@demo.plbadges.test"));
        Assert.Equal("Join Riverbend Unified School District on PLBadges", message.Subject);
        Assert.StartsWith("Hi Omar Own, start here: https://plbadges.example/account/accept-invite", message.TextBody!.Trim());

        // Another district keeps the platform's wording, and cannot edit this district's.
        var other = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(page)).StatusCode);
    }

    internal static Task SendMailAsync(TestSite site) =>
        site.InScopeAsync(services => ((PLBadges.Abstractions.Jobs.IRecurringWork)services.GetRequiredService(
            typeof(PLBadges.Notifications.NotificationsModule).Assembly.GetType("PLBadges.Notifications.Mail.MailSender")!)).RunAsync(CancellationToken.None));
}

public sealed class MailOnSqlite(SqliteMailSite fixture) : MailTests(fixture), IClassFixture<SqliteMailSite>;

public sealed class MailOnPostgres(PostgresMailSite fixture) : MailTests(fixture), IClassFixture<PostgresMailSite>;

/// <summary>What is queued survives a stop of the site, and is sent exactly once after it starts again.</summary>
public abstract class MailRestartTests(string provider)
{
    [Fact]
    public async Task Mail_queued_before_a_restart_is_sent_once_after_it()
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = MailSiteFixture.MailSettings(smtp.Port);
        await using (var before = new TestSite(database, settings))
        {
            await before.AddPersonAsync("restart@demo.plbadges.test");
            var asked = await before.CreateBrowserlikeClient().SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "restart@demo.plbadges.test" });
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        Assert.Empty(smtp.Messages()); // the site stopped before sending anything

        await using var after = new TestSite(database, settings);
        await Task.WhenAll(MailTests.SendMailAsync(after), MailTests.SendMailAsync(after), MailTests.SendMailAsync(after));
        await MailTests.SendMailAsync(after);
        Assert.Single(smtp.MessagesTo("restart@demo.plbadges.test"));
        Assert.Equal(0, await after.CountAsync("EmailMessages", "\"SentAt\" IS NULL"));
    }

    [Fact]
    public async Task An_unreachable_server_leaves_the_mail_queued_for_a_later_try()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var closedPort = LocalServers.FreePort();
        await using var site = new TestSite(database, MailSiteFixture.MailSettings(closedPort));
        await site.AddPersonAsync("patient@demo.plbadges.test");
        await site.CreateBrowserlikeClient().SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "patient@demo.plbadges.test" });
        await MailTests.SendMailAsync(site);
        var state = await site.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PLBadgesDbContext>();
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"Attempts\", \"LastError\", \"NextAttemptAt\", \"SentAt\" FROM \"EmailMessages\" WHERE \"To\" = 'patient@demo.plbadges.test'";
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            return (Attempts: reader.GetInt32(0), Error: reader.IsDBNull(1) ? null : reader.GetString(1), Next: reader.IsDBNull(2), Sent: reader.IsDBNull(3));
        });
        Assert.Equal(1, state.Attempts);
        Assert.False(string.IsNullOrEmpty(state.Error));
        Assert.False(state.Next); // a retry time is set
        Assert.True(state.Sent);  // SentAt is still null
    }
}

public sealed class MailRestartOnSqlite() : MailRestartTests("Sqlite");

public sealed class MailRestartOnPostgres() : MailRestartTests("Postgres");

/// <summary>With no SMTP server configured, mail goes to .eml files in the pickup folder, once each.</summary>
public sealed class PickupFolderTests
{
    [Fact]
    public async Task Mail_is_written_to_the_pickup_folder()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var site = new TestSite(database);
        await site.AddPersonAsync("pickup@demo.plbadges.test");
        await site.CreateBrowserlikeClient().SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "pickup@demo.plbadges.test" });
        await MailTests.SendMailAsync(site);
        await MailTests.SendMailAsync(site);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(database.DataFolder, "mail-pickup"), "*.eml"));
        var message = await MimeKit.MimeMessage.LoadAsync(file);
        Assert.Equal("pickup@demo.plbadges.test", message.To.Mailboxes.Single().Address);
        Assert.Contains("/account/reset-password?person=", message.TextBody);

        // Once sent, the database keeps no copy of the one-time link.
        Assert.Equal(1, await site.CountAsync("EmailMessages", "\"To\" = 'pickup@demo.plbadges.test' AND \"SentAt\" IS NOT NULL AND \"TextBody\" NOT LIKE '%reset-password%'"));
    }
}
