using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Security;

namespace PLBadges.IntegrationTests;

/// <summary>
/// A bearer token reaches only the API groups its scopes name; on pages it is no one. The site's own
/// cookie is unaffected.
/// </summary>
public abstract class ApiScopeTests(SiteFixture fixture)
{
    /// <summary>Each person-facing API group and the scope it declares.</summary>
    public static TheoryData<string, string> Groups => new()
    {
        { "/api/v1/me", ApiScopes.MeRead },
        { "/api/v1/organizations", ApiScopes.OrganizationsRead },
        { "/api/v1/me/submissions", ApiScopes.SubmissionsRead },
        { "/api/v1/me/coaching/meetings", ApiScopes.CoachingRead },
        { "/api/v1/me/transcript", ApiScopes.TranscriptRead },
        { "/api/v1/cohorts", ApiScopes.CohortsRead },
        { "/api/v1/readiness", ApiScopes.CohortsRead },
    };

    private static readonly string[] AllPersonScopes = [ApiScopes.MeRead, ApiScopes.OrganizationsRead, ApiScopes.SubmissionsRead, ApiScopes.CoachingRead, ApiScopes.TranscriptRead, ApiScopes.CohortsRead];

    private TestSite Site => fixture.Site;

    [Fact]
    public async Task A_token_with_organizations_read_reads_organizations_and_nothing_else()
    {
        // The finding: such a token read submissions, the transcript and evidence, and posted to pages.
        var token = await TokenAsync("openid profile email organizations:read");
        Assert.Equal(HttpStatusCode.OK, (await Site.ApiAsync("/api/v1/organizations", token)).StatusCode);
        foreach (var (path, _) in Groups.Select(g => ((string)g[0], (string)g[1])).Where(g => g.Item2 != ApiScopes.OrganizationsRead))
        {
            Assert.True((await Site.ApiAsync(path, token)).StatusCode == HttpStatusCode.Forbidden, path);
        }
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public async Task Each_group_answers_a_token_with_its_scope_and_refuses_one_without(string path, string scope)
    {
        var with = await TokenAsync("openid " + scope);
        Assert.Equal(HttpStatusCode.OK, (await Site.ApiAsync(path, with)).StatusCode);
        var without = await TokenAsync("openid " + string.Join(' ', AllPersonScopes.Where(s => s != scope)));
        Assert.Equal(HttpStatusCode.Forbidden, (await Site.ApiAsync(path, without)).StatusCode);
    }

    [Fact]
    public async Task The_transcript_api_gives_apps_what_the_page_download_gives_the_person()
    {
        var token = await TokenAsync("openid transcript:read");
        var response = await Site.ApiAsync("/api/v1/me/transcript", token);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var api = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher);
        var page = System.Text.Json.Nodes.JsonNode.Parse(await teacher.GetStringAsync("/me/transcript?handler=json"))!;
        Assert.Equal((string?)page["name"], (string?)api["name"]);
        Assert.Equal(page["credentials"]!.ToJsonString(), api["credentials"]!.ToJsonString());
        Assert.Contains("\"/api/v1/me/transcript\"", await Site.CreateClient().GetStringAsync("/openapi/v1.json"));
    }

    [Fact]
    public async Task A_bearer_token_on_a_page_is_no_one()
    {
        // Scopes an app could already have before scopes were enforced, so this also shows the finding where it existed.
        var token = await TokenAsync("openid profile email organizations:read");
        foreach (var path in new[] { "/me", "/me/transcript?handler=json", "/me/submissions", $"/evidence/files/{Guid.NewGuid()}", $"/coaching/meetings/{Guid.NewGuid()}.ics" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await Site.CreateBrowserlikeClient().SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path}: {(int)response.StatusCode}");
            Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task The_sites_own_cookie_reaches_every_group()
    {
        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher);
        foreach (var (path, _) in Groups.Select(g => ((string)g[0], (string)g[1])))
        {
            Assert.True((await teacher.GetAsync(path)).StatusCode == HttpStatusCode.OK, path);
        }
    }

    [Fact]
    public void Every_api_endpoint_is_open_to_anyone_or_names_a_registered_scope()
    {
        var endpoints = Site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/v1", StringComparison.OrdinalIgnoreCase) == true)
            .ToList();
        Assert.NotEmpty(endpoints);
        var unscoped = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() == null)
            .Where(e => e.Metadata.GetMetadata<ApiScopeMetadata>() is not { } scope || ApiScopes.Find(scope.Scope) == null)
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        Assert.Empty(unscoped);
        Assert.NotNull(ApiScopes.Find(ApiScopes.RosterWrite));
    }

    private async Task<string> TokenAsync(string scope) =>
        (await Site.AuthorizeAppAsync(await Site.SignedInClientAsync(DemoPeople.Teacher), AppDriver.FirstParty, scope)).AccessToken;
}

public sealed class ApiScopesOnSqlite(SqliteSite fixture) : ApiScopeTests(fixture), IClassFixture<SqliteSite>;

public sealed class ApiScopesOnPostgres(PostgresSite fixture) : ApiScopeTests(fixture), IClassFixture<PostgresSite>;
