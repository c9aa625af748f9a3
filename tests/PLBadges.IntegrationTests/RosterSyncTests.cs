using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Data;
using PLBadges.Identity.Roster;

namespace PLBadges.IntegrationTests;

/// <summary>
/// The demo site allowed to reach 127.0.0.1 (where the tests' SFTP server and OneRoster stand-in
/// listen), with REST pages of 2 records (so every pull pages) and syncs stopping above a quarter of
/// a district's staff.
/// </summary>
public abstract class RosterSyncSite(string provider) : SiteFixture(provider)
{
    protected override Task<IDictionary<string, string?>> SettingsAsync() => Task.FromResult<IDictionary<string, string?>>(new Dictionary<string, string?>
    {
        ["Outbound:AllowPrivateHosts:0"] = "127.0.0.1",
        ["Roster:RestPageSize"] = "2",
        ["Roster:StopAboveShare"] = "0.25",
    });
}

public sealed class SqliteRosterSyncSite() : RosterSyncSite("Sqlite");

public sealed class PostgresRosterSyncSite() : RosterSyncSite("Postgres");

public abstract class RosterSyncTests(RosterSyncSite fixture)
{
    private TestSite Site => fixture.Site;

    private string Id(Guid id) => fixture.Provider == "Sqlite" ? $"'{id.ToString().ToUpperInvariant()}'" : $"'{id}'";

    private static string Unique(string stem) => $"{stem}.{Guid.NewGuid():N}"[..(stem.Length + 9)];

    [Fact]
    public async Task The_scheduled_sync_fetches_the_package_over_SFTP_from_the_server_with_the_pinned_key_and_imports_it()
    {
        await using var sshd = await SshServer.StartAsync();
        var district = await Site.NewDistrictAsync();
        var (a, b) = ($"{Unique("sftp-ana")}@roster.test", $"{Unique("sftp-ben")}@roster.test");
        var path = sshd.Put("oneroster.zip", new OneRosterZip().District("d").School("s1", "Elm School")
            .User("u1", "Ana", "Ruiz", a).User("u2", "Ben", "Cho", b).User("st1", "Stu", "Dent", "student@roster.test")
            .Role("r1", "u1", "teacher", "s1").Role("r2", "u2", "principal", "s1").Role("r3", "st1", "student", "s1").Build());
        await SaveAsync(Sftp(district, sshd, path, sshd.HostKeyFingerprint) with { Enabled = true });

        // Due now: the recurring work (as Hangfire runs it) finds the district and syncs it.
        await DueNowAsync(district);
        await Site.InScopeAsync(services => services.GetRequiredService<RosterSyncWork>().RunAsync(CancellationToken.None));

        Assert.Equal(new[] { $"{a}|Teacher|Elm School", $"{b}|SchoolLeader|Elm School" }.Order(StringComparer.Ordinal), await Site.MembershipsAsync(district));
        Assert.Equal(0, await Site.CountAsync("People", "\"Email\" = 'student@roster.test'"));
        var run = Assert.Single(await RunsAsync(district));
        Assert.Equal((RosterSyncOutcome.Applied, "file", 2, 0), (run.Outcome, run.Kind, run.Added, run.Deactivated));
        Assert.True(await Site.InScopeAsync(async services => await services.GetRequiredService<PLBadgesDbContext>().Set<RosterSyncSetting>().Where(s => s.DistrictId == district).Select(s => s.NextRunAt).SingleAsync() > DateTime.UtcNow));

        // Running the work again does nothing: the district is not due.
        await Site.InScopeAsync(services => services.GetRequiredService<RosterSyncWork>().RunAsync(CancellationToken.None));
        Assert.Single(await RunsAsync(district));

        // The sync page shows the run.
        var page = await (await Site.SignedInClientAsync(DemoPeople.Platform)).GetDocumentAsync($"/district/roster/sync?district={district}");
        Assert.Contains("Applied", page.QuerySelector("table")!.TextContent);
        Assert.Equal(sshd.HostKeyFingerprint, page.QuerySelector("#HostKeyFingerprint")!.GetAttribute("value"));
        Assert.Empty(page.QuerySelector("#SftpPrivateKey")!.TextContent); // the key is never shown again
    }

    [Fact]
    public async Task An_SFTP_server_showing_another_host_key_is_refused_and_nothing_changes()
    {
        await using var sshd = await SshServer.StartAsync();
        var district = await Site.NewDistrictAsync();
        var path = sshd.Put("oneroster.zip", new OneRosterZip().District("d").School("s1", "Elm School")
            .User("u1", "Ana", "Ruiz", $"{Unique("pin-ana")}@roster.test").Role("r1", "u1", "teacher", "s1").Build());
        var pinned = "SHA256:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=');
        await SaveAsync(Sftp(district, sshd, path, pinned));

        var outcome = await RunAsync(district);

        Assert.Equal(RosterSyncOutcome.Failed, outcome);
        var run = Assert.Single(await RunsAsync(district));
        Assert.Contains($"showed the host key {sshd.HostKeyFingerprint}, not the pinned {pinned}", run.Message);
        Assert.Contains("nothing was changed", run.Message);
        Assert.Empty(await Site.MembershipsAsync(district));

        // With the right key pinned, the same server and file import.
        await SaveAsync(Sftp(district, sshd, path, sshd.HostKeyFingerprint));
        Assert.Equal(RosterSyncOutcome.Applied, await RunAsync(district));
        Assert.Single(await Site.MembershipsAsync(district));
    }

    [Fact]
    public async Task The_REST_pull_takes_a_token_pages_asks_for_deltas_and_a_full_pull_finds_the_leaver()
    {
        await using var service = await OneRosterService.StartAsync();
        var district = await Site.NewDistrictAsync();
        var long_ago = DateTime.UtcNow.AddDays(-30);
        var emails = Enumerable.Range(1, 5).Select(i => $"{Unique("rest" + i)}@roster.test").ToArray();
        service.Orgs.AddRange([OneRosterService.Org("d", "The District", "district", long_ago), OneRosterService.Org("s1", "Elm School", "school", long_ago), OneRosterService.Org("s2", "Oak School", "school", long_ago)]);
        for (var i = 0; i < 5; i++)
        {
            service.Users.Add(OneRosterService.User($"u{i}", "Teacher", $"Number{i}", emails[i], long_ago, ("teacher", i < 3 ? "s1" : "s2")));
        }

        service.Users.Add(OneRosterService.User("st1", "Stu", "Dent", "student.rest@roster.test", long_ago, ("student", "s1")));
        await SaveAsync(Rest(district, service));

        // First pull: full (there was none before), through every page, no filter.
        Assert.Equal(RosterSyncOutcome.Applied, await RunAsync(district));
        Assert.Equal(0, service.TokensRefused);
        Assert.Equal(["orgs?limit=2&offset=0", "orgs?limit=2&offset=2", "users?limit=2&offset=0", "users?limit=2&offset=2", "users?limit=2&offset=4", "users?limit=2&offset=6"], service.Requests);
        Assert.Equal(5, (await Site.MembershipsAsync(district)).Count);
        Assert.Equal(0, await Site.CountAsync("People", "\"Email\" = 'student.rest@roster.test'"));
        var first = Assert.Single(await RunsAsync(district));
        Assert.Equal(("full", 5), (first.Kind, first.Added));

        // Teacher 1 is renamed; teacher 5 leaves the service's data altogether, which a delta never shows.
        service.ClearRequests();
        service.Users[1] = OneRosterService.User("u1", "Teacher", "Renamed", emails[1], DateTime.UtcNow, ("teacher", "s1"));
        service.Users.RemoveAt(4);
        Assert.Equal(RosterSyncOutcome.Applied, await RunAsync(district));
        var filter = $"dateLastModified>'{OneRosterService.Iso(first.StartedAt)}'";
        Assert.Equal([$"orgs?limit=2&offset=0&filter={filter}", $"users?limit=2&offset=0&filter={filter}"], service.Requests);
        Assert.Equal(1, await Site.CountAsync("People", "\"DisplayName\" = 'Teacher Renamed'"));
        Assert.True(await Site.IsActiveAsync(emails[4]));

        // A week on, the next pull is full: whoever is missing from it has left.
        await Site.InScopeAsync(services => services.GetRequiredService<PLBadgesDbContext>().Set<RosterSyncSetting>().Where(s => s.DistrictId == district)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastFullPullAt, DateTime.UtcNow.AddDays(-8))));
        service.ClearRequests();
        Assert.Equal(RosterSyncOutcome.Applied, await RunAsync(district));
        Assert.DoesNotContain(service.Requests, r => r.Contains("filter", StringComparison.Ordinal));
        Assert.False(await Site.IsActiveAsync(emails[4]));
        Assert.True(await Site.IsActiveAsync(emails[3]));
        var last = (await RunsAsync(district))[0];
        Assert.Equal(("full", 1), (last.Kind, last.Deactivated));
    }

    [Fact]
    public async Task A_REST_client_the_token_service_refuses_fails_plainly_and_changes_nothing()
    {
        await using var service = await OneRosterService.StartAsync();
        var district = await Site.NewDistrictAsync();
        service.Orgs.Add(OneRosterService.Org("s1", "Elm School", "school", DateTime.UtcNow));
        service.Users.Add(OneRosterService.User("u1", "Ana", "Ruiz", $"{Unique("tok")}@roster.test", DateTime.UtcNow, ("teacher", "s1")));
        await SaveAsync(Rest(district, service) with { RestClientSecret = "not-the-secret" });

        // "Sync now" on the sync page.
        var browser = await Site.SignedInClientAsync(DemoPeople.Platform);
        var pressed = await browser.SubmitAsync($"/district/roster/sync?district={district}", new Dictionary<string, string> { ["district"] = district.ToString() }, handler: "run");
        Assert.Equal(HttpStatusCode.Redirect, pressed.StatusCode);
        Assert.Contains("refused the client id and secret", await (await browser.GetAsync($"/district/roster/sync?district={district}")).TextAsync());

        Assert.Equal(1, service.TokensRefused);
        Assert.Empty(service.Requests);
        Assert.Contains("refused the client id and secret", Assert.Single(await RunsAsync(district)).Message);
        Assert.Empty(await Site.MembershipsAsync(district));
    }

    [Fact]
    public async Task In_a_REST_delta_a_tobedeleted_user_and_a_role_whose_end_date_passed_are_leavers_as_in_a_package()
    {
        await using var service = await OneRosterService.StartAsync();
        var district = await Site.NewDistrictAsync();
        var long_ago = DateTime.UtcNow.AddDays(-30);
        var emails = Enumerable.Range(1, 8).Select(i => $"{Unique("lv" + i)}@roster.test").ToArray();
        service.Orgs.AddRange([OneRosterService.Org("s1", "Elm School", "school", long_ago), OneRosterService.Org("s2", "Oak School", "school", long_ago)]);
        for (var i = 0; i < 8; i++)
        {
            service.Users.Add(OneRosterService.User($"u{i}", "Teacher", $"Number{i}", emails[i], long_ago, ("teacher", "s1"), ("aide", "s2")));
        }

        await SaveAsync(Rest(district, service));
        Assert.Equal(RosterSyncOutcome.Applied, await RunAsync(district));
        Assert.Equal(16, (await Site.MembershipsAsync(district)).Count);

        // Teacher 0 is to be deleted; teacher 1's role at Oak ended yesterday; a counselor role is left out with a warning.
        var now = DateTime.UtcNow;
        var gone = OneRosterService.User("u0", "Teacher", "Number0", emails[0], now, ("teacher", "s1"));
        gone["status"] = "tobedeleted";
        service.Users[0] = gone;
        var ended = OneRosterService.User("u1", "Teacher", "Number1", emails[1], now, ("teacher", "s1"), ("aide", "s2"), ("counselor", "s1"));
        ended["roles"]![1]!["endDate"] = DateOnly.FromDateTime(now.AddDays(-1)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        service.Users[1] = ended;
        Assert.Equal(RosterSyncOutcome.Applied, await RunAsync(district));

        Assert.False(await Site.IsActiveAsync(emails[0]));
        var memberships = await Site.MembershipsAsync(district);
        Assert.Contains($"{emails[1]}|Teacher|Elm School", memberships);
        Assert.DoesNotContain($"{emails[1]}|Teacher|Oak School", memberships);
        Assert.Equal(13, memberships.Count); // 16, less teacher 0's two and teacher 1's role at Oak
        var run = (await RunsAsync(district))[0];
        Assert.Equal(("delta", 1, 1), (run.Kind, run.Deactivated, run.Changed));
    }

    [Fact]
    public async Task A_sync_that_would_deactivate_more_than_the_share_stops_keeps_its_preview_and_tells_the_admins()
    {
        await using var service = await OneRosterService.StartAsync();
        var district = await Site.NewDistrictAsync();
        var long_ago = DateTime.UtcNow.AddDays(-30);
        var emails = Enumerable.Range(1, 4).Select(i => $"{Unique("mass" + i)}@roster.test").ToArray();
        service.Orgs.AddRange([OneRosterService.Org("d", "The District", "district", long_ago), OneRosterService.Org("s1", "Elm School", "school", long_ago)]);
        service.Users.Add(OneRosterService.User("admin", "Dana", "Admin", emails[0], long_ago, ("districtAdministrator", "d")));
        for (var i = 1; i < 4; i++)
        {
            service.Users.Add(OneRosterService.User($"u{i}", "Teacher", $"Number{i}", emails[i], long_ago, ("teacher", "s1")));
        }

        await SaveAsync(Rest(district, service));
        Assert.Equal(RosterSyncOutcome.Applied, await RunAsync(district));

        // A broken export that lost two of four people (50%, over the 25% this site allows).
        service.Users.RemoveRange(2, 2);
        await Site.InScopeAsync(services => services.GetRequiredService<PLBadgesDbContext>().Set<RosterSyncSetting>().Where(s => s.DistrictId == district)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastFullPullAt, DateTime.UtcNow.AddDays(-8))));
        Assert.Equal(RosterSyncOutcome.WaitingForAdmin, await RunAsync(district));

        foreach (var email in emails)
        {
            Assert.True(await Site.IsActiveAsync(email), $"{email} is still active.");
        }

        var run = (await RunsAsync(district))[0];
        Assert.Equal((RosterSyncOutcome.WaitingForAdmin, 2), (run.Outcome, run.Deactivated));
        Assert.Contains("would deactivate 2 of the district's 4 active staff", run.Message);
        var admin = await Site.PersonIdAsync(emails[0]);
        Assert.Equal(1, await Site.CountAsync("InboxItems", $"\"PersonId\" = {Id(admin)} AND \"Href\" LIKE '/district/roster%'"));

        // The roster page shows the waiting preview; confirming it imports it.
        var browser = await Site.SignedInClientAsync(DemoPeople.Platform);
        var page = await browser.GetDocumentAsync($"/district/roster?district={district}");
        Assert.Contains("A scheduled sync", page.Body!.TextContent);
        var upload = page.QuerySelector("input[name=upload]")!.GetAttribute("value")!;
        var confirmed = await browser.SubmitAsync($"/district/roster?district={district}", new Dictionary<string, string> { ["district"] = district.ToString(), ["upload"] = upload }, handler: "confirm");
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.False(await Site.IsActiveAsync(emails[2]));
        Assert.False(await Site.IsActiveAsync(emails[3]));
        Assert.True(await Site.IsActiveAsync(emails[1]));
        Assert.DoesNotContain("A scheduled sync", await (await browser.GetAsync($"/district/roster?district={district}")).TextAsync());
    }

    [Fact]
    public async Task Another_districts_admin_and_a_teacher_can_neither_see_nor_change_the_sync_settings()
    {
        var demo = await Site.OrganizationIdAsync("demo-district");
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var saved = await admin.SubmitAsync($"/district/roster/sync?district={demo}", new Dictionary<string, string>
        {
            ["district"] = demo.ToString(), ["Source"] = "OneRosterRest", ["EveryHours"] = "24", ["AtHour"] = "4",
            ["RestBaseUrl"] = "https://sis.riverbend.example", ["RestTokenUrl"] = "https://sis.riverbend.example/oauth/token",
            ["RestClientId"] = "riverbend-plbadges", ["RestClientSecret"] = "riverbend-secret-91",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var own = await (await admin.GetAsync("/district/roster/sync")).Content.ReadAsStringAsync();
        Assert.Contains("riverbend-plbadges", own);
        Assert.DoesNotContain("riverbend-secret-91", own); // a secret is never shown again

        var other = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/district/roster/sync?district={demo}")).StatusCode);
        Assert.DoesNotContain("riverbend-plbadges", await (await other.GetAsync("/district/roster/sync")).Content.ReadAsStringAsync());
        var token = (await other.GetDocumentAsync("/district/roster/sync")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var takeover = await other.PostAsync($"/district/roster/sync?district={demo}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["district"] = demo.ToString(), ["Source"] = "OneRosterRest", ["EveryHours"] = "1", ["AtHour"] = "0",
            ["RestBaseUrl"] = "https://attacker.example", ["RestTokenUrl"] = "https://attacker.example/token", ["RestClientId"] = "x", ["RestClientSecret"] = "y",
        }));
        Assert.Equal(HttpStatusCode.NotFound, takeover.StatusCode);
        var run = await other.PostAsync($"/district/roster/sync?district={demo}&handler=run", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["district"] = demo.ToString() }));
        Assert.Equal(HttpStatusCode.NotFound, run.StatusCode);

        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher);
        var refused = await teacher.GetAsync($"/district/roster/sync?district={demo}");
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Redirect, $"{refused.StatusCode}");
        Assert.DoesNotContain("riverbend-plbadges", await refused.Content.ReadAsStringAsync());

        Assert.Equal(1, await Site.CountAsync("RosterSyncSettings", "\"RestBaseUrl\" = 'https://sis.riverbend.example'"));
        Assert.Equal(0, await Site.CountAsync("RosterSyncSettings", "\"RestBaseUrl\" LIKE '%attacker%'"));
        Assert.Equal(0, await Site.CountAsync("RosterSyncRuns", $"\"DistrictId\" = {Id(demo)}"));
    }

    [Fact]
    public async Task The_daily_hour_is_given_and_shown_in_the_districts_time_zone_and_falls_due_at_that_local_hour()
    {
        var code = $"chicago-{Guid.NewGuid():N}"[..20];
        await Site.ApplyRecipeAsync($$"""
            { "name": "test-district", "steps": [ { "name": "Organizations", "items": [
              { "kind": "District", "code": "{{code}}", "name": "District {{code}}", "parent": "demo-state", "timeZone": "America/Chicago" } ] } ] }
            """);
        var district = await Site.OrganizationIdAsync(code);
        var fingerprint = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=');
        var admin = await Site.SignedInClientAsync(DemoPeople.Platform);
        var saved = await admin.SubmitAsync($"/district/roster/sync?district={district}", new Dictionary<string, string>
        {
            ["district"] = district.ToString(), ["Source"] = "Sftp", ["EveryHours"] = "24", ["AtHour"] = "2", ["Enabled"] = "true",
            ["SftpHost"] = "127.0.0.1", ["SftpPort"] = "1", ["SftpUser"] = "plbadges", ["SftpPath"] = "/outbox/roster.zip",
            ["HostKeyFingerprint"] = "SHA256:" + fingerprint, ["SftpPassword"] = "pw",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // The page gives the hour back as the admin chose it, in the district's zone, named.
        var page = await admin.GetDocumentAsync($"/district/roster/sync?district={district}");
        Assert.Equal("Hour of the daily sync (Central Time)", page.QuerySelector("label[for='AtHour']")!.TextContent.Trim());
        Assert.Equal("2 AM", page.QuerySelector("#AtHour option[selected]")!.TextContent.Trim());

        // The next run saved is 2 AM in Chicago, whatever the season today.
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var next = await Site.InScopeAsync(services => services.GetRequiredService<PLBadgesDbContext>().Set<RosterSyncSetting>().Where(s => s.DistrictId == district).Select(s => s.NextRunAt).SingleAsync());
        Assert.Equal(2, TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(next!.Value, DateTimeKind.Utc), chicago).Hour);

        // In winter (CST, UTC-6) 2 AM is 08:00 UTC; in summer (CDT, UTC-5) 07:00 UTC; on the spring-forward night 2 AM does not exist, so 3 AM CDT.
        Assert.Equal(new DateTime(2026, 1, 11, 8, 0, 0), RosterSyncSettings.NextRun(24, 2, chicago, new DateTime(2026, 1, 10, 12, 0, 0)));
        Assert.Equal(new DateTime(2026, 7, 11, 7, 0, 0), RosterSyncSettings.NextRun(24, 2, chicago, new DateTime(2026, 7, 10, 12, 0, 0)));
        Assert.Equal(new DateTime(2026, 3, 8, 8, 0, 0), RosterSyncSettings.NextRun(24, 2, chicago, new DateTime(2026, 3, 7, 12, 0, 0)));

        // The recurring work, standing on a winter night (its clock set by the test): not due at 07:59 UTC, due at 08:00 UTC.
        var winter = RosterSyncSettings.NextRun(24, 2, chicago, new DateTime(2026, 1, 10, 12, 0, 0));
        await Site.InScopeAsync(services => services.GetRequiredService<PLBadgesDbContext>().Set<RosterSyncSetting>().Where(s => s.DistrictId == district)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.NextRunAt, winter)));
        var clock = new TestClock(new DateTimeOffset(2026, 1, 11, 7, 59, 0, TimeSpan.Zero));
        var scopes = await Site.InScopeAsync(services => Task.FromResult(services.GetRequiredService<IServiceScopeFactory>())); // the site's root: scopes outlive this one
        var work = new RosterSyncWork(scopes, clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<RosterSyncWork>.Instance);
        await work.RunAsync(CancellationToken.None);
        Assert.Empty(await RunsAsync(district));
        clock.Now = new DateTimeOffset(2026, 1, 11, 8, 0, 0, TimeSpan.Zero);
        await work.RunAsync(CancellationToken.None);
        Assert.Single(await RunsAsync(district)); // nothing listens on port 1, so the run is recorded as failed; it ran
    }

    [Fact]
    public async Task Settings_are_checked_at_the_edge()
    {
        var demo = await Site.OrganizationIdAsync("other-district");
        var admin = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        var refused = await admin.SubmitAsync("/district/roster/sync", new Dictionary<string, string>
        {
            ["district"] = demo.ToString(), ["Source"] = "Sftp", ["EveryHours"] = "24", ["AtHour"] = "4", ["SftpHost"] = "sftp.lakeside.example", ["SftpPort"] = "22",
            ["SftpUser"] = "plbadges", ["SftpPath"] = "/outbox/roster.zip", ["HostKeyFingerprint"] = "not-a-fingerprint", ["SftpPassword"] = "pw",
        });
        Assert.Contains("host key fingerprint", await refused.RefusalAsync());
        Assert.Equal(0, await Site.CountAsync("RosterSyncSettings", $"\"DistrictId\" = {Id(demo)}"));
    }

    private static RosterSyncInput Sftp(Guid district, SshServer sshd, string path, string fingerprint) =>
        new(district, RosterSyncSource.Sftp, false, 24, 5, "127.0.0.1", sshd.Port, SshServer.User, null, sshd.ClientPrivateKey, path, fingerprint, null, null, null, null);

    private static RosterSyncInput Rest(Guid district, OneRosterService service) =>
        new(district, RosterSyncSource.OneRosterRest, false, 24, 5, null, 22, null, null, null, null, null, service.BaseUrl, service.TokenUrl, OneRosterService.ClientId, OneRosterService.ClientSecret);

    private Task SaveAsync(RosterSyncInput input) =>
        Site.InScopeAsync(services => services.GetRequiredService<RosterSyncSettings>().SaveAsync(input, CancellationToken.None));

    private Task<RosterSyncOutcome> RunAsync(Guid district) =>
        Site.InScopeAsync(services => services.GetRequiredService<RosterSync>().RunAsync(district, CancellationToken.None));

    private Task DueNowAsync(Guid district) =>
        Site.InScopeAsync(services => services.GetRequiredService<PLBadgesDbContext>().Set<RosterSyncSetting>().Where(s => s.DistrictId == district)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.NextRunAt, DateTime.UtcNow.AddMinutes(-1))));

    /// <summary>The district's recorded runs, newest first.</summary>
    private Task<List<RosterSyncRun>> RunsAsync(Guid district) =>
        Site.InScopeAsync(services => services.GetRequiredService<PLBadgesDbContext>().Set<RosterSyncRun>().AsNoTracking()
            .Where(r => r.DistrictId == district).OrderByDescending(r => r.StartedAt).ToListAsync());
}

public sealed class RosterSyncOnSqlite(SqliteRosterSyncSite fixture) : RosterSyncTests(fixture), IClassFixture<SqliteRosterSyncSite>;

public sealed class RosterSyncOnPostgres(PostgresRosterSyncSite fixture) : RosterSyncTests(fixture), IClassFixture<PostgresRosterSyncSite>;
