using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PLBadges.IntegrationTests;

/// <summary>
/// A stand-in for a district's OneRoster 1.2 REST service on 127.0.0.1 (plain HTTP). A fake at a
/// boundary this machine cannot reach: no OneRoster service is installable here. It answers as the
/// 1EdTech binding does: a token for HTTP Basic client credentials and the roster-core read-only
/// scope; <c>/orgs</c> and <c>/users</c> paged by <c>limit</c> and <c>offset</c>; the
/// <c>dateLastModified&gt;'…'</c> filter applied. It records what it was asked, so tests can check
/// the paging and the delta filter as received.
/// </summary>
internal sealed class OneRosterService : IAsyncDisposable
{
    public const string ClientId = "plbadges-roster";
    public const string ClientSecret = "roster-secret-7Qx2";
    public const string Scope = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly";

    private readonly WebApplication app;
    private readonly string token = Guid.NewGuid().ToString("N");
    private readonly List<string> requests = [];

    private OneRosterService(WebApplication app) => this.app = app;

    public string BaseUrl { get; private set; } = "";

    public string TokenUrl => $"{BaseUrl}/oauth/token";

    public List<JsonObject> Orgs { get; } = [];

    public List<JsonObject> Users { get; } = [];

    /// <summary>Token requests refused (bad client credentials or scope).</summary>
    public int TokensRefused { get; private set; }

    /// <summary>Each GET as received: "users?limit=2&amp;offset=0&amp;filter=…" (decoded).</summary>
    public List<string> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    public static async Task<OneRosterService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var service = new OneRosterService(builder.Build());
        service.Map();
        await service.app.StartAsync();
        service.BaseUrl = service.app.Urls.First().TrimEnd('/');
        return service;
    }

    public void ClearRequests()
    {
        lock (requests)
        {
            requests.Clear();
        }
    }

    public static JsonObject Org(string sourcedId, string name, string type, DateTime modified) =>
        new() { ["sourcedId"] = sourcedId, ["status"] = "active", ["dateLastModified"] = Iso(modified), ["name"] = name, ["type"] = type, ["identifier"] = sourcedId.ToUpperInvariant() };

    public static JsonObject User(string sourcedId, string given, string family, string email, DateTime modified, params (string Role, string Org)[] roles) => new()
    {
        ["sourcedId"] = sourcedId,
        ["status"] = "active",
        ["dateLastModified"] = Iso(modified),
        ["enabledUser"] = true,
        ["givenName"] = given,
        ["familyName"] = family,
        ["email"] = email,
        ["roles"] = new JsonArray(roles.Select(r => (JsonNode)new JsonObject
        {
            ["roleType"] = "primary",
            ["role"] = r.Role,
            ["org"] = new JsonObject { ["href"] = $"/orgs/{r.Org}", ["sourcedId"] = r.Org, ["type"] = "org" },
        }).ToArray()),
    };

    public static string Iso(DateTime at) => (at.Kind == DateTimeKind.Local ? at.ToUniversalTime() : at).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private void Map()
    {
        app.MapPost("/oauth/token", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
            if (context.Request.Headers.Authorization != expected || form["grant_type"] != "client_credentials" || form["scope"] != Scope)
            {
                TokensRefused++;
                return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            }

            return Results.Json(new { access_token = token, token_type = "bearer", expires_in = 3600, scope = Scope });
        });
        app.MapGet("/ims/oneroster/rostering/v1p2/{collection}", (HttpContext context, string collection) =>
        {
            if (context.Request.Headers.Authorization != $"Bearer {token}")
            {
                return Results.StatusCode(401);
            }

            var query = context.Request.Query;
            lock (requests)
            {
                requests.Add($"{collection}?limit={query["limit"]}&offset={query["offset"]}" + (query.ContainsKey("filter") ? $"&filter={query["filter"]}" : ""));
            }

            IEnumerable<JsonObject> all = collection switch { "orgs" => Orgs, "users" => Users, _ => [] };
            if (query["filter"].ToString() is { Length: > 0 } filter)
            {
                // Only the filter the OneRoster binding gives for deltas: dateLastModified>'ISO time'.
                var prefix = "dateLastModified>'";
                if (!filter.StartsWith(prefix, StringComparison.Ordinal) || !filter.EndsWith('\''))
                {
                    return Results.BadRequest();
                }

                var since = DateTime.Parse(filter[prefix.Length..^1], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
                all = all.Where(r => DateTime.Parse(r["dateLastModified"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal) > since);
            }

            var limit = int.Parse(query["limit"]!, CultureInfo.InvariantCulture);
            var offset = int.Parse(query["offset"]!, CultureInfo.InvariantCulture);
            var page = new JsonArray(all.Skip(offset).Take(limit).Select(r => (JsonNode)r.DeepClone()).ToArray());
            return Results.Text(new JsonObject { [collection] = page }.ToJsonString(), "application/json");
        });
    }
}
