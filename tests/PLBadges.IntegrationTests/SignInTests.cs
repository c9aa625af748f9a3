using System.Net;

namespace PLBadges.IntegrationTests;

public abstract class SignInTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    [Theory]
    [InlineData(DemoPeople.Teacher, "Maya Teacher")]
    [InlineData(DemoPeople.Admin, "Alex Admin")]
    [InlineData(DemoPeople.State, "Casey Reviewer")]
    public async Task Demo_people_sign_in_and_are_named_on_the_page(string email, string name)
    {
        var client = Site.CreateBrowserlikeClient();
        var response = await client.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var home = await client.GetAsync("/");
        Assert.Contains($"Signed in as {name}", await home.TextAsync());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        var client = Site.CreateBrowserlikeClient();
        var response = await client.SignInAsync(DemoPeople.Teacher2, "Not-the-passw0rd");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("do not match an account", await response.TextAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/me")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_as_a_wrong_password()
    {
        var response = await Site.CreateBrowserlikeClient().SignInAsync("nobody@demo.plbadges.test");
        Assert.Contains("do not match an account", await response.TextAsync());
    }

    [Fact]
    public async Task A_person_whose_email_is_unconfirmed_cannot_sign_in()
    {
        // Invited people have no password until they accept; give one directly to test the rule itself.
        const string email = "unconfirmed@demo.plbadges.test";
        await Site.InScopeAsync(async services =>
        {
            var users = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PLBadges.Identity.People.Person>>(services);
            var result = await users.CreateAsync(new PLBadges.Identity.People.Person { UserName = email, Email = email, DisplayName = "Unconfirmed" }, Forms.DemoPassword);
            Assert.True(result.Succeeded);
        });
        var response = await Site.CreateBrowserlikeClient().SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("confirm your email", await response.TextAsync());
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await Site.SignedInClientAsync(DemoPeople.Coach);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/me")).StatusCode);
        var signOut = await client.SubmitAsync("/account/signout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var after = await client.GetAsync("/me");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/signin", after.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_deactivated_person_cannot_sign_in()
    {
        const string email = "leaver@demo.plbadges.test";
        await Site.AddPersonAsync(email);
        var id = await Site.PersonIdAsync(email);
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var deactivate = await admin.SubmitAsync($"/district/people/{id}", new Dictionary<string, string> { ["active"] = "false" }, handler: "active");
        Assert.Equal(HttpStatusCode.Redirect, deactivate.StatusCode);
        var response = await Site.CreateBrowserlikeClient().SignInAsync(email);
        Assert.Contains("deactivated", await response.TextAsync());
    }
}

public sealed class SignInOnSqlite(SqliteSite fixture) : SignInTests(fixture), IClassFixture<SqliteSite>;

public sealed class SignInOnPostgres(PostgresSite fixture) : SignInTests(fixture), IClassFixture<PostgresSite>;

/// <summary>Sign-in attempts are rate limited per client address (a site of its own, with a low limit).</summary>
public sealed class SignInRateLimitTests
{
    [Fact]
    public async Task Too_many_sign_in_posts_get_429()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var site = new TestSite(database, new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "3" });
        var client = site.CreateBrowserlikeClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.SignInAsync(DemoPeople.Teacher, "Wrong-passw0rd")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/signin")).StatusCode); // reading the page is not limited
    }
}
