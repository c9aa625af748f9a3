using System.Net;

namespace PLBadges.IntegrationTests;

/// <summary>Two web nodes on one PostgreSQL database start at the same moment: one migrates and applies the recipe, both serve.</summary>
public sealed class TwoNodesTests
{
    [Fact]
    public async Task Two_nodes_starting_together_migrate_and_seed_once()
    {
        await using var database = await TestDatabase.CreateAsync("Postgres");
        await using var first = new TestSite(database);
        await using var second = new TestSite(database);
        await Task.WhenAll(Task.Run(() => first.Server), Task.Run(() => second.Server));

        Assert.Equal(HttpStatusCode.OK, (await first.CreateClient().GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().GetAsync("/health")).StatusCode);
        Assert.Equal(12, await first.CountAsync("People")); // the demo recipe's people, once
        Assert.Equal(6, await first.CountAsync("Organizations"));

        // Both nodes sign with the same key: a token from one is accepted by the other.
        var token = await first.CreateClient().GetStringAsync("/.well-known/jwks");
        Assert.Equal(token, await second.CreateClient().GetStringAsync("/.well-known/jwks"));
        // The key ring is shared too: a sign-in cookie issued by one node is honoured by the other.
        var browser = first.CreateBrowserlikeClient();
        var signIn = await browser.SignInAsync(DemoPeople.Teacher);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("plb.auth=", StringComparison.Ordinal)).Split(';')[0];
        var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Add("Cookie", cookie);
        var onSecond = await second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode);
        Assert.Contains("Maya Teacher", await onSecond.TextAsync());
    }
}
