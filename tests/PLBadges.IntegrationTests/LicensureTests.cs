using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Data;
using PLBadges.Recognition.Applications;
using PLBadges.Recognition.Licensure;
using PLBadges.Recognition.Rules;

namespace PLBadges.IntegrationTests;

/// <summary>A demo site whose clock a test moves and whose webhooks may go to 127.0.0.1 over plain http (a receiver in the test); its API allows <see cref="ApiPerMinute"/> calls a minute per caller.</summary>
public abstract class LicensureSite(string provider, int apiPerMinute = 1000) : SiteFixture(provider)
{
    public TestClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public int ApiPerMinute => apiPerMinute;

    public IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Outbound:AllowPrivateHosts:0"] = "127.0.0.1", ["RateLimits:ApiPerMinute"] = apiPerMinute.ToString() };

    protected override Task<IDictionary<string, string?>> SettingsAsync() => Task.FromResult(Settings);

    protected override TimeProvider? SiteClock => Clock;
}

public sealed class LicensureSqliteSite() : LicensureSite("Sqlite");

public sealed class LicensurePostgresSite() : LicensureSite("Postgres");

/// <summary>A site of its own for the rate limit (the budget is per caller, and every test client is the same caller).</summary>
public sealed class RateLimitedSite() : LicensureSite("Sqlite", apiPerMinute: 40);

/// <summary>A webhook receiver on 127.0.0.1: answers each request with the next status of its script (200 when the script is spent), and keeps what it was sent.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<int> script;

    public sealed record Received(string Body, string Signature, string IdempotencyKey, string Event, int AnsweredWith);

    public ConcurrentQueue<Received> Requests { get; } = new();

    public string Url { get; }

    public WebhookReceiver(params int[] statuses)
    {
        script = new ConcurrentQueue<int>(statuses);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/hooks/recognition/";
        listener.Prefixes.Add(Url);
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (!listener.IsListening)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var status = script.TryDequeue(out var next) ? next : 200;
            Requests.Enqueue(new Received(body, context.Request.Headers["PLBadges-Signature"] ?? "", context.Request.Headers["PLBadges-Idempotency-Key"] ?? "", context.Request.Headers["PLBadges-Event"] ?? "", status));
            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    public void Dispose() => listener.Close();
}

internal static class LicensureDriver
{
    public const string ClientId = "demo-state-licensure";
    public const string Secret = "demo-licensure-Secret-2026";

    public static async Task<string> TokenAsync(this TestSite site, string clientId = ClientId, string secret = Secret, string scope = "recognition:read")
    {
        var response = await site.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = scope,
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    public static async Task<HttpResponseMessage> ApiAsync(this TestSite site, string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token != null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await site.CreateClient().SendAsync(request);
    }

    /// <summary>Makes a decided application for a new educator of the demo state (as a reviewer would) and records it in the feed.</summary>
    public static async Task<Guid> DecisionAsync(this TestSite site, bool approved = true, string state = "demo-state", string district = "demo-district")
    {
        var stateId = await site.OrganizationIdAsync(state);
        var districtId = await site.OrganizationIdAsync(district);
        return await site.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PLBadgesDbContext>();
            var programme = await db.Set<PLBadges.Recognition.Programmes.Programme>().AsNoTracking().FirstOrDefaultAsync(p => p.StateId == stateId && p.Kind == ProgrammeKind.Renewal)
                ?? throw new InvalidOperationException("The state has no renewal programme.");
            var version = await db.Set<PLBadges.Recognition.Programmes.ProgrammeVersion>().AsNoTracking().FirstAsync(v => v.ProgrammeId == programme.Id);
            var application = new RecognitionApplication
            {
                StateId = stateId, DistrictId = districtId, PersonId = Guid.NewGuid(), EducatorNumber = "DS" + Random.Shared.Next(100_000, 999_999), ProgrammeId = programme.Id, VersionId = version.Id,
                Kind = ProgrammeKind.Renewal, ProgrammeName = programme.Name, Approval = ApprovalBy.State, Status = approved ? ApplicationStatus.Approved : ApplicationStatus.Declined,
                CycleStart = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-1), SubmittedAt = DateTime.UtcNow, DecidedAt = DateTime.UtcNow, UnitsGranted = approved ? 6 : 0, UnitName = "points",
            };
            db.Add(application);
            db.Add(new ApplicationItem { ApplicationId = application.Id, Position = 0, ItemKey = "https://example.test/credentials/x", Name = "Visual routines", Kind = ItemKind.MicroCredential, Hours = 10, Units = 6, EarnedOn = DateOnly.FromDateTime(DateTime.UtcNow), Recognised = true });
            s.GetRequiredService<PLBadges.Abstractions.Events.IEventOutbox>().Add(new PLBadges.Recognition.Contracts.RecognitionDecided(application.Id, stateId, application.PersonId, approved, application.DecidedAt!.Value));
            await db.SaveChangesAsync();
            return application.Id;
        }).ContinueWith(async made =>
        {
            // As the site's own job would: the outbox hands the decision to the feed's writer.
            var id = await made;
            await site.RunOutboxUntilAsync(db => db.Set<RecognitionRecord>().AnyAsync(r => r.ApplicationId == id), $"the decision {id} in the feed");
            return id;
        }).Unwrap();
    }

    /// <summary>Reads the feed page by page to its end; with <paramref name="betweenPages"/>, calls it after each of the first six pages (which may add decisions) and then reads on to the end.</summary>
    public static async Task<List<Guid>> ReadAllAsync(this TestSite site, string token, int limit, Func<int, Task>? betweenPages = null)
    {
        var seen = new List<Guid>();
        string? cursor = null;
        for (var page = 0; page < 1000; page++)
        {
            var response = await site.ApiAsync($"/api/v1/recognitions?limit={limit}" + (cursor == null ? "" : $"&since={cursor}"), token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            seen.AddRange(json["items"]!.AsArray().Select(i => Guid.Parse((string)i!["id"]!)));
            cursor = (string)json["next"]!;
            if (betweenPages != null && page < 6)
            {
                await betweenPages(page);
                continue;
            }

            if (!(bool)json["more"]!)
            {
                return seen;
            }
        }

        throw new InvalidOperationException("The feed did not end.");
    }

    public static Task AddFarLicensureClientAsync(this TestSite site) =>
        site.ApplyRecipeAsync("""
            { "name": "far-clients", "steps": [ { "name": "OpenIdClients", "clients": [
              { "clientId": "far-licensure", "clientSecret": "far-licensure-Secret-2026", "type": "machine", "scopes": [ "recognition:read" ], "organization": "far-state" },
              { "clientId": "demo-narrow", "clientSecret": "demo-narrow-Secret-2026", "type": "machine", "scopes": [ "organizations:read" ], "organization": "demo-state" },
              { "clientId": "demo-district-reader", "clientSecret": "district-Secret-2026", "type": "machine", "scopes": [ "recognition:read" ], "organization": "demo-district" } ] } ] }
            """);
}

public abstract class LicensureApiTests(LicensureSite fixture)
{
    private TestSite Site => fixture.Site;

    [Fact]
    public async Task A_states_client_reads_its_own_decisions_and_no_one_else_reads_any()
    {
        await Site.AddFarStateAsync();
        await Site.AddFarLicensureClientAsync();
        var approved = await Site.DecisionAsync();
        var declined = await Site.DecisionAsync(approved: false);
        var token = await Site.TokenAsync();

        var all = await Site.ReadAllAsync(token, 500);
        Assert.Contains(approved, all);
        Assert.Contains(declined, all);
        var educator = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<RecognitionApplication>().Where(a => a.Id == approved).Select(a => a.EducatorNumber).SingleAsync());
        var mine = JsonNode.Parse(await (await Site.ApiAsync($"/api/v1/educators/{educator}/recognitions", token)).Content.ReadAsStringAsync())!.AsArray();
        var record = Assert.Single(mine);
        Assert.Equal("approved", (string?)record!["decision"]);
        Assert.Equal(6m, (decimal)record["units"]!);
        Assert.Equal("renewal", (string?)record["programme"]!["kind"]);
        Assert.Equal("Visual routines", (string?)record["items"]![0]!["name"]);

        // No token: 401. A person signed in: 403. The wrong scope, or a district's client: 403.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Site.ApiAsync("/api/v1/recognitions", null)).StatusCode);
        var reviewer = await Site.SignedInClientAsync(DemoPeople.State);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync("/api/v1/recognitions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Site.ApiAsync("/api/v1/recognitions", await Site.TokenAsync("demo-narrow", "demo-narrow-Secret-2026", "organizations:read"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Site.ApiAsync("/api/v1/recognitions", await Site.TokenAsync("demo-district-reader", "district-Secret-2026"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Site.ApiAsync("/api/v1/recognitions?since=not-a-cursor", token)).StatusCode);

        // Another state's client sees nothing of this state's, by the feed or by number.
        var far = await Site.TokenAsync("far-licensure", "far-licensure-Secret-2026");
        var farAll = await Site.ReadAllAsync(far, 500);
        Assert.DoesNotContain(approved, farAll);
        Assert.DoesNotContain(declined, farAll);
        Assert.Equal("[]", await (await Site.ApiAsync($"/api/v1/educators/{educator}/recognitions", far)).Content.ReadAsStringAsync());
        var farDecision = await Site.DecisionAsync(state: "far-state", district: "far-district");
        Assert.DoesNotContain(farDecision, await Site.ReadAllAsync(token, 500));

        // Every call that reached the API is in the audit log, with its client and answer.
        var calls = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<LicensureCall>().AsNoTracking().ToListAsync());
        Assert.Contains(calls, c => c.ClientId == LicensureDriver.ClientId && c.Status == 200 && c.Path.StartsWith("/api/v1/educators/", StringComparison.Ordinal) && c.Returned == 1);
        Assert.DoesNotContain(calls, c => c.ClientId == "demo-narrow"); // refused at the door (no recognition:read): it never reached the API
        Assert.Contains(calls, c => c.ClientId == "far-licensure" && c.Returned == 0 && c.Path.Contains(educator, StringComparison.Ordinal));
        Assert.Contains(LicensureDriver.ClientId, (await reviewer.GetDocumentAsync("/state/licensure")).QuerySelector("#calls")!.TextContent);
    }

    [Fact]
    public async Task The_cursor_skips_nothing_and_repeats_nothing_while_decisions_are_made_between_and_during_pages()
    {
        await Site.AddFarStateAsync();
        var token = await Site.TokenAsync();
        for (var i = 0; i < 5; i++)
        {
            await Site.DecisionAsync();
        }

        // Between pages: two more decisions after each page; during: eight made at once on other connections.
        var made = new ConcurrentBag<Guid>();
        var concurrent = Task.Run(async () =>
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ => made.Add(await Site.DecisionAsync())));
        });
        var seen = await Site.ReadAllAsync(token, 3, async page =>
        {
            if (page < 4)
            {
                made.Add(await Site.DecisionAsync());
                made.Add(await Site.DecisionAsync(approved: false));
            }
            else
            {
                await concurrent;
            }
        });
        await concurrent;
        Assert.Equal(seen.Count, seen.Distinct().Count()); // nothing repeated
        Assert.All(made, id => Assert.Contains(id, seen)); // nothing skipped
        var sequences = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<RecognitionRecord>().Where(r => seen.Contains(r.ApplicationId)).ToDictionaryAsync(r => r.ApplicationId, r => r.Sequence));
        Assert.Equal(seen.Select(id => sequences[id]).Order(), seen.Select(id => sequences[id])); // in the order they were written

        // Recording a decision twice (its event delivered again) writes it once.
        var again = seen[0];
        await Site.InScopeAsync(s => s.GetRequiredService<RecognitionFeed>().RecordAsync(again, CancellationToken.None));
        Assert.Equal(1, await Site.CountAsync("RecognitionRecords", $"\"ApplicationId\" = '{(fixture.Provider == "Sqlite" ? again.ToString().ToUpperInvariant() : again.ToString())}'"));
    }

    [Fact]
    public async Task The_api_is_in_the_openapi_document()
    {
        var document = await Site.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/recognitions", document);
        Assert.Contains("/api/v1/educators/{educatorNumber}/recognitions", document);
        Assert.Contains("/api/v1/webhooks/deliveries", document);
        Assert.Contains("RecognitionFeedPage", document);
    }
}

public abstract class WebhookTests(LicensureSite fixture)
{
    private TestSite Site => fixture.Site;

    private async Task<string> RegisterAsync(string url)
    {
        var state = await Site.OrganizationIdAsync("demo-state");
        var reviewer = await Site.SignedInClientAsync(DemoPeople.State);
        var response = await reviewer.SubmitAsync($"/state/licensure?state={state}", new Dictionary<string, string> { ["state"] = state.ToString(), ["url"] = url }, "Register");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return page.QuerySelector("#webhook-secret")!.TextContent;
    }

    private Task SendAsync(TestSite? site = null) => (site ?? Site).InScopeAsync(s => s.GetRequiredService<WebhookSender>().RunAsync(CancellationToken.None));

    private Task DisableAllAsync() => Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<WebhookSubscription>().ExecuteUpdateAsync(u => u.SetProperty(w => w.DisabledAt, DateTime.UtcNow)));

    [Fact]
    public async Task An_approval_is_posted_signed_with_an_idempotency_key_and_a_failed_attempt_is_retried_later()
    {
        await DisableAllAsync();
        using var receiver = new WebhookReceiver(500);
        var secret = await RegisterAsync(receiver.Url);
        var application = await Site.DecisionAsync();
        await Site.DecisionAsync(approved: false); // a declined decision posts nothing

        await SendAsync();
        var first = Assert.Single(receiver.Requests);
        Assert.Equal(500, first.AnsweredWith);
        var delivery = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<WebhookDelivery>().AsNoTracking().SingleAsync(d => d.IdempotencyKey.Contains(application.ToString("N"))));
        Assert.Null(delivery.DeliveredAt);
        Assert.Equal(500, delivery.LastStatus);
        Assert.Equal(fixture.Clock.GetUtcNow().UtcDateTime + WebhookSender.DelayAfter(1), delivery.NextAttemptAt, TimeSpan.FromSeconds(2));

        // Not again before its time; then again, with the same key, and delivered.
        await SendAsync();
        Assert.Single(receiver.Requests);
        fixture.Clock.Advance(WebhookSender.DelayAfter(1) + TimeSpan.FromSeconds(1));
        await SendAsync();
        Assert.Equal(2, receiver.Requests.Count);
        var second = receiver.Requests.Last();
        Assert.Equal(200, second.AnsweredWith);
        Assert.Equal(first.IdempotencyKey, second.IdempotencyKey);
        Assert.Equal("recognition.approved", second.Event);

        // The signature: HMAC-SHA256 with the secret over "{t}.{body}", checked here without the site's code.
        var parts = second.Signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var expected = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{parts["t"]}.{second.Body}"))).ToLowerInvariant();
        Assert.Equal(expected, parts["v1"]);
        Assert.NotEqual(expected, Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret + "x"), Encoding.UTF8.GetBytes($"{parts["t"]}.{second.Body}"))).ToLowerInvariant());
        Assert.True(WebhookSignature.Verify(secret, second.Signature, second.Body, fixture.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(secret, second.Signature, second.Body.Replace("approved", "declined"), fixture.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        var body = JsonNode.Parse(second.Body)!;
        Assert.Equal(application, Guid.Parse((string)body["data"]!["id"]!));
        Assert.Equal(second.IdempotencyKey, (string?)body["idempotencyKey"]);

        // Delivered: nothing more is sent, and the delivery log says so (to the reviewer and through the API).
        await SendAsync();
        Assert.Equal(2, receiver.Requests.Count);
        var log = JsonNode.Parse(await (await Site.ApiAsync("/api/v1/webhooks/deliveries", await Site.TokenAsync())).Content.ReadAsStringAsync())!.AsArray();
        var entry = log.Single(d => ((string)d!["idempotencyKey"]!).Contains(application.ToString("N")));
        Assert.Equal(2, (int)entry!["attempts"]!);
        Assert.NotNull(entry["deliveredAt"]);
        Assert.Equal(2, await Site.CountAsync("WebhookAttempts", $"\"DeliveryId\" = '{(fixture.Provider == "Sqlite" ? delivery.Id.ToString().ToUpperInvariant() : delivery.Id.ToString())}'"));
    }

    [Fact]
    public async Task A_restart_between_attempts_delivers_exactly_once()
    {
        await DisableAllAsync();
        using var receiver = new WebhookReceiver(503);
        await RegisterAsync(receiver.Url);
        var application = await Site.DecisionAsync();
        await SendAsync();
        Assert.Equal(503, Assert.Single(receiver.Requests).AnsweredWith);

        // Another site on the same database, as after a restart: it takes up the delivery where it stood.
        fixture.Clock.Advance(WebhookSender.DelayAfter(1) + TimeSpan.FromSeconds(1));
        await using (var restarted = new TestSite(fixture.Database, fixture.Settings, fixture.Clock))
        {
            await SendAsync(restarted);
            await SendAsync(restarted);
        }

        await SendAsync();
        var received = receiver.Requests.Where(r => r.IdempotencyKey.Contains(application.ToString("N"))).ToList();
        Assert.Equal(2, received.Count);
        Assert.Single(received, r => r.AnsweredWith == 200);
        Assert.Single(received.Select(r => r.IdempotencyKey).Distinct());
    }

    [Fact]
    public async Task Only_the_states_reviewers_register_webhooks_and_only_over_http_when_allowed()
    {
        var state = await Site.OrganizationIdAsync("demo-state");
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        Assert.NotEqual(HttpStatusCode.OK, (await admin.GetAsync($"/state/licensure?state={state}")).StatusCode);
        var reviewer = await Site.SignedInClientAsync(DemoPeople.State);
        var bad = await reviewer.SubmitAsync($"/state/licensure?state={state}", new Dictionary<string, string> { ["state"] = state.ToString(), ["url"] = "ftp://example.test/x" }, "Register");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);

        // Off the public internet, however it is written (only 127.0.0.1 is let through here, for the test's receiver); and no plain http elsewhere.
        foreach (var url in new[] { "https://[64:ff9b::7f00:1]/hooks", "https://[2002:7f00:1::]/hooks", "https://198.18.0.1/hooks", "https://[::ffff:10.0.0.1]/hooks", "https://169.254.169.254/latest", "https://localhost/hooks", "http://example.org/hooks" })
        {
            var refused = await reviewer.SubmitAsync($"/state/licensure?state={state}", new Dictionary<string, string> { ["state"] = state.ToString(), ["url"] = url }, "Register");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("public internet", await refused.TextAsync());
        }

        Assert.Equal(0, await Site.CountAsync("WebhookSubscriptions", "\"Url\" LIKE '%hooks%' AND \"Url\" NOT LIKE '%127.0.0.1%'"));
    }
}

public sealed class RateLimitTests(RateLimitedSite fixture) : IClassFixture<RateLimitedSite>
{
    private TestSite Site => fixture.Site;

    [Fact]
    public async Task Calls_beyond_the_budget_are_refused_with_429_whatever_token_they_carry()
    {
        var token = await Site.TokenAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 45; i++)
        {
            statuses.Add((await Site.ApiAsync("/api/v1/recognitions?limit=1", token)).StatusCode);
        }

        Assert.Equal(fixture.ApiPerMinute, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Site.ApiAsync("/api/v1/recognitions?limit=1", "made-up-token")).StatusCode); // the budget is the caller's, not the token's
    }
}

public sealed class LicensureApiOnSqlite(LicensureSqliteSite fixture) : LicensureApiTests(fixture), IClassFixture<LicensureSqliteSite>;

public sealed class LicensureApiOnPostgres(LicensurePostgresSite fixture) : LicensureApiTests(fixture), IClassFixture<LicensurePostgresSite>;

public sealed class WebhooksOnSqlite(LicensureSqliteSite fixture) : WebhookTests(fixture), IClassFixture<LicensureSqliteSite>;

public sealed class WebhooksOnPostgres(LicensurePostgresSite fixture) : WebhookTests(fixture), IClassFixture<LicensurePostgresSite>;
