using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PLBadges.IntegrationTests;

public abstract class OpenIdTests(SiteFixture fixture) : IAsyncLifetime
{
    private const string Secret = "licensure-secret-for-tests-0123456789";

    private TestSite Site => fixture.Site;

    public Task InitializeAsync() => Site.ApplyRecipeAsync($$"""
        { "name": "clients", "steps": [
          { "name": "Organizations", "items": [
            { "kind": "State", "code": "far-state", "name": "Far State" },
            { "kind": "District", "code": "far-district", "name": "Far District", "parent": "far-state" } ] },
          { "name": "OpenIdClients", "clients": [
            { "clientId": "demo-licensure", "clientSecret": "{{Secret}}", "type": "machine", "scopes": [ "organizations:read", "recognition:read" ], "organization": "demo-state" },
            { "clientId": "far-licensure", "clientSecret": "{{Secret}}", "type": "machine", "scopes": [ "organizations:read" ], "organization": "far-state" },
            { "clientId": "narrow-client", "clientSecret": "{{Secret}}", "type": "machine", "scopes": [ "recognition:read" ], "organization": "demo-state" } ] } ] }
        """);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_machine_client_gets_a_token_and_sees_only_its_own_states_tree()
    {
        var token = await ClientCredentialsAsync("demo-licensure", Secret, "organizations:read");
        var codes = await OrganizationCodesAsync(token);
        Assert.Contains("demo-state", codes);
        Assert.Contains("demo-district", codes);
        Assert.Contains("lincoln-elementary", codes);
        Assert.DoesNotContain("far-state", codes);

        var far = await OrganizationCodesAsync(await ClientCredentialsAsync("far-licensure", Secret, "organizations:read"));
        Assert.Equal(["far-district", "far-state"], far.Order().ToList());
    }

    [Fact]
    public async Task A_wrong_secret_gets_no_token()
    {
        var response = await TokenRequestAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = "demo-licensure", ["client_secret"] = "wrong", ["scope"] = "organizations:read" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_client", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_scope_the_client_was_not_given_is_refused()
    {
        var response = await TokenRequestAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = "narrow-client", ["client_secret"] = Secret, ["scope"] = "organizations:read" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(json.RootElement.TryGetProperty("access_token", out _));
        Assert.Equal("invalid_request", json.RootElement.GetProperty("error").GetString());
        Assert.Contains("scope", json.RootElement.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task A_token_without_the_scope_is_forbidden_and_no_token_is_unauthorized()
    {
        var narrow = await ClientCredentialsAsync("narrow-client", Secret, "recognition:read");
        var client = Site.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organizations");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", narrow);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/organizations")).StatusCode);

        var forged = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organizations");
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", narrow[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task Access_tokens_are_signed_JWTs_that_verify_with_the_published_keys()
    {
        var token = await ClientCredentialsAsync("demo-licensure", Secret, "organizations:read");
        var client = Site.CreateClient();
        var keys = new JsonWebKeySet(await client.GetStringAsync("/.well-known/jwks"));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidateAudience = false,
            ValidIssuer = "http://localhost/",
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("demo-licensure", result.Claims["sub"]);
    }

    [Fact]
    public async Task An_app_signs_a_person_in_with_the_code_flow_and_PKCE()
    {
        const string redirect = "http://127.0.0.1:7890/callback";
        var browser = await Site.SignedInClientAsync(DemoPeople.Teacher);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = await browser.GetAsync("/connect/authorize?client_id=demo-mobile-app&response_type=code&scope=openid%20profile%20email%20me:read"
            + $"&redirect_uri={Uri.EscapeDataString(redirect)}&state=s1&code_challenge={challenge}&code_challenge_method=S256");
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var location = authorize.Headers.Location!;
        Assert.StartsWith(redirect, location.ToString());
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("s1", query["state"].ToString());

        var exchange = await TokenRequestAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "demo-mobile-app",
            ["code"] = query["code"].ToString(),
            ["redirect_uri"] = redirect,
            ["code_verifier"] = verifier,
        });
        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        using var json = JsonDocument.Parse(await exchange.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.TryGetProperty("id_token", out _));
        var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("access_token").GetString());
        var meResponse = await Site.CreateClient().SendAsync(me);
        Assert.Equal(HttpStatusCode.OK, meResponse.StatusCode);
        Assert.Contains(DemoPeople.Teacher, await meResponse.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_code_flow_without_PKCE_is_refused()
    {
        var browser = await Site.SignedInClientAsync(DemoPeople.Teacher);
        var authorize = await browser.GetAsync("/connect/authorize?client_id=demo-mobile-app&response_type=code&scope=openid"
            + $"&redirect_uri={Uri.EscapeDataString("http://127.0.0.1:7890/callback")}&state=s2");
        var answer = authorize.Headers.Location?.ToString() ?? await authorize.Content.ReadAsStringAsync();
        Assert.DoesNotContain("code=", answer.Replace("code_challenge", ""));
        Assert.Contains("invalid_request", answer);
    }

    [Fact]
    public async Task An_anonymous_authorize_request_is_sent_to_sign_in()
    {
        var authorize = await Site.CreateBrowserlikeClient().GetAsync("/connect/authorize?client_id=demo-mobile-app&response_type=code&scope=openid"
            + $"&redirect_uri={Uri.EscapeDataString("http://127.0.0.1:7890/callback")}&code_challenge={Base64Url(SHA256.HashData("x"u8.ToArray()))}&code_challenge_method=S256");
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        Assert.StartsWith("/account/signin", authorize.Headers.Location!.PathAndQuery);
    }

    private async Task<string> ClientCredentialsAsync(string clientId, string secret, string scope)
    {
        var response = await TokenRequestAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = scope });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    private Task<HttpResponseMessage> TokenRequestAsync(Dictionary<string, string> form) =>
        Site.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(form));

    private async Task<List<string>> OrganizationCodesAsync(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organizations");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await Site.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.EnumerateArray().Select(o => o.GetProperty("code").GetString()!).ToList();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public sealed class OpenIdOnSqlite(SqliteSite fixture) : OpenIdTests(fixture), IClassFixture<SqliteSite>;

public sealed class OpenIdOnPostgres(PostgresSite fixture) : OpenIdTests(fixture), IClassFixture<PostgresSite>;

/// <summary>The server's keys live in the database: a restart (or another node) signs and validates with the same keys.</summary>
public sealed class SigningKeyPersistenceTests
{
    [Fact]
    public async Task Keys_and_tokens_survive_a_restart()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        string keysBefore;
        string token;
        await using (var first = new TestSite(database))
        {
            await first.ApplyRecipeAsync("""{ "name": "c", "steps": [ { "name": "OpenIdClients", "clients": [ { "clientId": "m", "clientSecret": "a-long-secret-for-the-test", "type": "machine", "scopes": [ "organizations:read" ], "organization": "demo-state" } ] } ] }""");
            keysBefore = await first.CreateClient().GetStringAsync("/.well-known/jwks");
            var response = await first.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = "m", ["client_secret"] = "a-long-secret-for-the-test", ["scope"] = "organizations:read",
            }));
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            token = json.RootElement.GetProperty("access_token").GetString()!;
        }

        await using var second = new TestSite(database);
        Assert.Equal(keysBefore, await second.CreateClient().GetStringAsync("/.well-known/jwks"));
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organizations");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().SendAsync(request)).StatusCode);
    }
}
