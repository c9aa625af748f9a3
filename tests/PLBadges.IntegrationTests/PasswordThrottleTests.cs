using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Identity.People;

namespace PLBadges.IntegrationTests;

/// <summary>
/// The site's own password hasher, counting its checks: a stand-in only in that it counts, so a test
/// can see that an unknown email costs the same work as a known one.
/// </summary>
public sealed class CountingHasher : IPasswordHasher<Person>
{
    private readonly PasswordHasher<Person> hasher = new();
    private int verifications;

    public int Verifications => Volatile.Read(ref verifications);

    public string HashPassword(Person user, string password) => hasher.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(Person user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref verifications);
        return hasher.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>
/// Sign-in and change of password: the same path and answer for known and unknown emails, and growing
/// waits (by email, in the database; by address, per node) instead of a lockout. The site's clock is
/// a test clock, so a wait passes when the test moves it, never by sleeping.
/// </summary>
public sealed class PasswordThrottleTests : IAsyncLifetime
{
    private const string NoMatch = "That email and password do not match an account.";

    private readonly CountingHasher hasher = new();
    private readonly TestClock clock = new(DateTimeOffset.UtcNow);
    private TestDatabase database = null!;
    private TestSite site = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("Sqlite");
        site = NewSite(new Dictionary<string, string?>());
        _ = site.Server;
    }

    public async Task DisposeAsync()
    {
        await site.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task An_unknown_email_runs_the_hasher_once_and_gets_the_wrong_password_answer()
    {
        var invited = await InvitedPersonAsync();
        var client = site.CreateBrowserlikeClient();
        var before = hasher.Verifications;

        var unknown = await client.SignInAsync($"nobody.{Guid.NewGuid():N}@demo.plbadges.test", "Some-Passw0rd");
        Assert.Equal(before + 1, hasher.Verifications);
        var wrong = await client.SignInAsync(DemoPeople.Teacher, "Some-Passw0rd");
        Assert.Equal(before + 2, hasher.Verifications);
        var noPasswordYet = await client.SignInAsync(invited, "Some-Passw0rd");
        Assert.Equal(before + 3, hasher.Verifications);

        Assert.Equal(NoMatch, await AlertAsync(unknown));
        Assert.Equal(NoMatch, await AlertAsync(wrong));
        Assert.Equal(NoMatch, await AlertAsync(noPasswordYet));
    }

    [Fact]
    public async Task One_emails_failures_make_it_wait_longer_each_time_while_others_sign_in()
    {
        var email = await PersonAsync();
        var client = site.CreateBrowserlikeClient();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(NoMatch, await AlertAsync(await client.SignInAsync(email, "Wrong-Passw0rd")));
        }

        // The sixth try must wait, even with the right password, and nothing is checked meanwhile.
        var checks = hasher.Verifications;
        var waiting = await client.SignInAsync(email);
        Assert.Equal("Too many failed attempts. Wait 1 second before trying again, or reset your password.", await AlertAsync(waiting));
        Assert.Equal(checks, hasher.Verifications);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await site.CreateBrowserlikeClient().SignInAsync(DemoPeople.Teacher2)).StatusCode);

        // Each further failure doubles the wait.
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(NoMatch, await AlertAsync(await client.SignInAsync(email, "Wrong-Passw0rd")));
        Assert.Contains("Wait 2 seconds", await AlertAsync(await client.SignInAsync(email)));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(NoMatch, await AlertAsync(await client.SignInAsync(email, "Wrong-Passw0rd")));
        Assert.Contains("Wait 4 seconds", await AlertAsync(await client.SignInAsync(email)));

        // Once it has waited, the right password signs in, and the failures are forgotten.
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email)).StatusCode);
        Assert.Equal(NoMatch, await AlertAsync(await site.CreateBrowserlikeClient().SignInAsync(email, "Wrong-Passw0rd")));
    }

    [Fact]
    public async Task An_unknown_email_is_slowed_exactly_as_a_known_one()
    {
        var known = await PersonAsync();
        var unknown = $"nobody.{Guid.NewGuid():N}@demo.plbadges.test";
        var client = site.CreateBrowserlikeClient();
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(await AlertAsync(await client.SignInAsync(known, "Wrong-Passw0rd")), await AlertAsync(await client.SignInAsync(unknown, "Wrong-Passw0rd")));
        }
    }

    [Fact]
    public async Task Every_node_agrees_on_an_emails_failures()
    {
        var email = await PersonAsync();
        await using var second = NewSite(new Dictionary<string, string?>());
        for (var i = 0; i < 5; i++)
        {
            await site.CreateBrowserlikeClient().SignInAsync(email, "Wrong-Passw0rd");
        }

        Assert.Equal("Too many failed attempts. Wait 1 second before trying again, or reset your password.", await AlertAsync(await second.CreateBrowserlikeClient().SignInAsync(email)));
    }

    [Fact]
    public async Task Failures_from_one_address_across_many_emails_slow_that_address()
    {
        await using var narrow = NewSite(new Dictionary<string, string?> { ["Identity:FreeFailuresPerAddress"] = "3" });
        var client = narrow.CreateBrowserlikeClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(NoMatch, await AlertAsync(await client.SignInAsync($"spray.{i}.{Guid.NewGuid():N}@demo.plbadges.test", "Summer-2026x")));
        }

        Assert.Contains("Too many failed attempts", await AlertAsync(await client.SignInAsync(DemoPeople.Coach)));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(DemoPeople.Coach)).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_is_throttled_like_signing_in()
    {
        var email = await PersonAsync();
        var browser = await site.SignedInClientAsync(email);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await browser.SubmitAsync("/me", new Dictionary<string, string> { ["Current"] = "Wrong-Passw0rd", ["Password"] = "Another-Passw0rd!" });
            Assert.Contains("The current password is not right.", await AlertAsync(wrong));
        }

        var checks = hasher.Verifications;
        var waiting = await browser.SubmitAsync("/me", new Dictionary<string, string> { ["Current"] = Forms.DemoPassword, ["Password"] = "Another-Passw0rd!" });
        Assert.Contains("Too many failed attempts. Wait 1 second", await AlertAsync(waiting));
        Assert.Equal(checks, hasher.Verifications);

        clock.Advance(TimeSpan.FromSeconds(1));
        var changed = await browser.SubmitAsync("/me", new Dictionary<string, string> { ["Current"] = Forms.DemoPassword, ["Password"] = "Another-Passw0rd!" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await site.CreateBrowserlikeClient().SignInAsync(email, "Another-Passw0rd!")).StatusCode);
    }

    private TestSite NewSite(Dictionary<string, string?> settings) =>
        new(database, settings, clock, services => services.AddSingleton<IPasswordHasher<Person>>(hasher));

    private async Task<string> PersonAsync()
    {
        var email = $"throttle.{Guid.NewGuid():N}@demo.plbadges.test";
        await site.AddPersonAsync(email);
        return email;
    }

    /// <summary>Someone invited who has not set a password yet.</summary>
    private async Task<string> InvitedPersonAsync()
    {
        var email = $"invited.{Guid.NewGuid():N}@demo.plbadges.test";
        await site.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<Person>>();
            Assert.True((await users.CreateAsync(new Person { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Invited" })).Succeeded);
        });
        return email;
    }

    private static async Task<string> AlertAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alert = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("[role=alert]");
        var reasons = alert?.QuerySelectorAll("li").Select(item => item.TextContent.Trim()).ToList();
        return reasons is { Count: > 0 } ? string.Join(" ", reasons) : alert?.TextContent.Trim() ?? "(no alert)"; // the reasons, not the summary's heading
    }
}

/// <summary>
/// A school signing in together from one address (the real pipeline on Kestrel, the shipped rate
/// limits): everyone gets in. The sign-in form and the token endpoint have separate budgets.
/// </summary>
public sealed class SchoolSignInTests
{
    [Fact]
    public async Task Thirty_people_signing_in_from_one_address_within_a_minute_all_succeed()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        // null: the shipped defaults, not the test site's generous limit.
        await using var site = new TestSite(database, new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = null });
        var address = site.StartKestrel();
        var people = Enumerable.Range(1, 30).Select(i => $"academy.{i}@demo.plbadges.test").ToList();
        await site.ApplyRecipeAsync($$"""
            { "name": "academy", "steps": [ { "name": "People", "people": [
              {{string.Join(",\n", people.Select(p => $$"""{ "email": "{{p}}", "name": "Academy {{p}}", "password": "{{Forms.DemoPassword}}", "roles": [ { "role": "Teacher", "organization": "lincoln-elementary" } ] }"""))}}
            ] } ] }
            """);

        var statuses = new List<HttpStatusCode>();
        foreach (var email in people)
        {
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = address };
            var response = await browser.SignInAsync(email);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/me")).StatusCode);
            }
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Redirect, status));
    }

    [Fact]
    public async Task The_token_endpoint_keeps_its_own_budget_when_sign_in_is_spent()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var site = new TestSite(database, new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "2", ["RateLimits:TokenPerMinute"] = "2" });
        var client = site.CreateBrowserlikeClient();
        await client.SignInAsync(DemoPeople.Teacher, "Wrong-Passw0rd");
        await client.SignInAsync(DemoPeople.Teacher, "Wrong-Passw0rd");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SignInAsync(DemoPeople.Teacher, "Wrong-Passw0rd")).StatusCode);

        var tokens = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            tokens.Add((await site.TokenRequestAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = LicensureDriver.ClientId, ["client_secret"] = LicensureDriver.Secret, ["scope"] = "recognition:read" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], tokens);
    }
}
