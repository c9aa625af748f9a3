using System.Net;
using System.Text.Json;

namespace PLBadges.IntegrationTests;

public abstract class OperationsTests(SiteFixture fixture)
{
    [Fact]
    public async Task Health_answers_json_naming_the_database()
    {
        var client = fixture.Site.CreateClient();
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("up", json.RootElement.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(fixture.Provider, json.RootElement.GetProperty("database").GetProperty("provider").GetString());
    }

    [Fact]
    public async Task Discovery_document_names_the_code_and_client_credentials_flows()
    {
        var client = fixture.Site.CreateClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/.well-known/openid-configuration"));
        var root = json.RootElement;
        Assert.EndsWith("/connect/token", root.GetProperty("token_endpoint").GetString());
        Assert.EndsWith("/connect/authorize", root.GetProperty("authorization_endpoint").GetString());
        var grants = root.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()).ToList();
        Assert.Contains("authorization_code", grants);
        Assert.Contains("client_credentials", grants);
        Assert.Contains("S256", root.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task OpenApi_describes_only_the_v1_api()
    {
        var client = fixture.Site.CreateClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/me", paths);
        Assert.Contains("/api/v1/organizations", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p));
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        var client = fixture.Site.CreateClient();
        var response = await client.GetAsync("/account/signin");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Api_errors_are_problem_details_and_pages_are_friendly()
    {
        var client = fixture.Site.CreateBrowserlikeClient();
        var api = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

        var missing = await client.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var text = await missing.TextAsync();
        Assert.Contains("Page not found", text);
        Assert.DoesNotContain("Exception", text);
    }

    [Fact]
    public async Task Forms_without_an_antiforgery_token_are_refused()
    {
        var client = fixture.Site.CreateBrowserlikeClient();
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "teacher@demo.plbadges.test",
            ["Password"] = Forms.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }
}

public sealed class OperationsOnSqlite(SqliteSite fixture) : OperationsTests(fixture), IClassFixture<SqliteSite>;

public sealed class OperationsOnPostgres(PostgresSite fixture) : OperationsTests(fixture), IClassFixture<PostgresSite>;
