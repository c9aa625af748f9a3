using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PLBadges.IntegrationTests;

/// <summary>
/// Sessions end on the server: a copied cookie stops working when its session signs out; "sign out
/// everywhere", a new password and deactivation end every session and every app's tokens.
/// </summary>
public abstract class SessionTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    [Fact]
    public async Task A_copied_cookie_stops_working_when_its_session_signs_out()
    {
        var email = await NewPersonAsync();
        var browser = Site.CreateBrowserlikeClient();
        var cookie = await SignInCookieAsync(browser, email);
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(Site, cookie, "/me")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync("/account/signout", new Dictionary<string, string>())).StatusCode);
        var copy = await WithCookieAsync(Site, cookie, "/me");
        Assert.Equal(HttpStatusCode.Redirect, copy.StatusCode);
        Assert.StartsWith("/account/signin", copy.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Signing_out_one_browser_leaves_the_others_signed_in()
    {
        var email = await NewPersonAsync();
        var laptop = await Site.SignedInClientAsync(email);
        var phone = await Site.SignedInClientAsync(email);
        await laptop.SubmitAsync("/account/signout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.GetAsync("/me")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_every_session_and_every_apps_tokens()
    {
        var email = await NewPersonAsync();
        var laptop = await Site.SignedInClientAsync(email);
        var phone = await Site.SignedInClientAsync(email);
        var app = await Site.AuthorizeAppAsync(laptop, AppDriver.FirstParty, "openid organizations:read offline_access");
        Assert.Equal(HttpStatusCode.OK, (await Site.ApiAsync("/api/v1/organizations", app.AccessToken)).StatusCode);

        var everywhere = await phone.SubmitAsync("/me", new Dictionary<string, string>(), handler: "SignOutEverywhere");
        Assert.Equal(HttpStatusCode.Redirect, everywhere.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.GetAsync("/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/me")).StatusCode);
        // Access tokens are checked against the database on each call: revoked is refused at once.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Site.ApiAsync("/api/v1/organizations", app.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Site.RefreshAsync(AppDriver.FirstParty, app.RefreshToken!)).StatusCode);
    }

    [Fact]
    public async Task A_new_password_refuses_the_old_refresh_token_and_other_browsers_but_keeps_this_one()
    {
        var email = await NewPersonAsync();
        var browser = await Site.SignedInClientAsync(email);
        var other = await Site.SignedInClientAsync(email);
        var app = await Site.AuthorizeAppAsync(browser, AppDriver.FirstParty, "openid organizations:read offline_access");
        var refreshed = await Site.RefreshAsync(AppDriver.FirstParty, app.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var current = AppDriver.Tokens(await refreshed.Content.ReadAsStringAsync());

        var change = await browser.SubmitAsync("/me", new Dictionary<string, string> { ["Current"] = Forms.DemoPassword, ["Password"] = "Another-Passw0rd!" });
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);

        var refused = await Site.RefreshAsync(AppDriver.FirstParty, current.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("invalid_grant", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Site.ApiAsync("/api/v1/organizations", current.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/me")).StatusCode);
    }

    [Fact]
    public async Task Deactivating_a_person_ends_their_sessions_and_apps_at_once()
    {
        var email = await NewPersonAsync();
        var browser = await Site.SignedInClientAsync(email);
        var app = await Site.AuthorizeAppAsync(browser, AppDriver.FirstParty, "openid organizations:read offline_access");
        var id = await Site.PersonIdAsync(email);
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync($"/district/people/{id}", new Dictionary<string, string> { ["active"] = "false" }, handler: "active")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Site.ApiAsync("/api/v1/organizations", app.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Site.RefreshAsync(AppDriver.FirstParty, app.RefreshToken!)).StatusCode);
    }

    private async Task<string> NewPersonAsync()
    {
        var email = $"session.{Guid.NewGuid():N}@demo.plbadges.test";
        await Site.AddPersonAsync(email);
        return email;
    }

    public static async Task<string> SignInCookieAsync(HttpClient browser, string email)
    {
        var signIn = await browser.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("plb.auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    /// <summary>A request that carries only the given cookie, as someone who copied it would send it.</summary>
    public static Task<HttpResponseMessage> WithCookieAsync(TestSite site, string cookie, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(request);
    }
}

public sealed class SessionsOnSqlite(SqliteSite fixture) : SessionTests(fixture), IClassFixture<SqliteSite>;

public sealed class SessionsOnPostgres(PostgresSite fixture) : SessionTests(fixture), IClassFixture<PostgresSite>;

/// <summary>Two nodes on one database: a session ended on one is refused by the other once its cache entry is older than Identity:SessionCheckSeconds.</summary>
public sealed class SessionAcrossNodesTests
{
    [Fact]
    public async Task Another_node_refuses_an_ended_session_within_the_session_check_bound()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var clock = new TestClock(DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string?> { ["Identity:SessionCheckSeconds"] = "30" };
        await using var first = new TestSite(database, settings, clock);
        _ = first.Server;
        await using var second = new TestSite(database, settings, clock);

        var browser = first.CreateBrowserlikeClient();
        var cookie = await SessionTests.SignInCookieAsync(browser, DemoPeople.Teacher);
        Assert.Equal(HttpStatusCode.OK, (await SessionTests.WithCookieAsync(second, cookie, "/me")).StatusCode); // the second node has now seen it open

        await browser.SubmitAsync("/account/signout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, (await SessionTests.WithCookieAsync(first, cookie, "/me")).StatusCode); // at once where it ended

        // The documented staleness: the second node trusts what it saw for up to 30 seconds, then asks again.
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(HttpStatusCode.OK, (await SessionTests.WithCookieAsync(second, cookie, "/me")).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await SessionTests.WithCookieAsync(second, cookie, "/me")).StatusCode);
    }

    [Fact]
    public async Task The_hourly_cleanup_removes_ended_sessions_and_forgotten_failures_only()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var site = new TestSite(database, clock: clock);
        var ended = site.CreateBrowserlikeClient();
        await ended.SignInAsync(DemoPeople.Teacher);
        await ended.SubmitAsync("/account/signout", new Dictionary<string, string>());
        await site.CreateBrowserlikeClient().SignInAsync($"nobody.{Guid.NewGuid():N}@demo.plbadges.test", "Wrong-Passw0rd");
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        var open = await site.SignedInClientAsync(DemoPeople.Coach);
        Assert.Equal(2, await site.CountAsync("PersonSessions"));
        Assert.Equal(1, await site.CountAsync("FailedPasswords"));

        await site.InScopeAsync(s => s.GetRequiredService<PLBadges.Identity.Sessions.IdentityCleanup>().RunAsync(CancellationToken.None));
        Assert.Equal(1, await site.CountAsync("PersonSessions"));
        Assert.Equal(0, await site.CountAsync("FailedPasswords"));
        Assert.Equal(HttpStatusCode.OK, (await open.GetAsync("/me")).StatusCode);
    }
}
