using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Credentials.Issuing;
using PLBadges.Credentials.Signing;
using PLBadges.Abstractions.Events;
using PLBadges.Data;
using PLBadges.Data.Outbox;
using PLBadges.Evidence.Contracts;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;
using PLBadges.Testing;

namespace PLBadges.Benchmarks;

/// <summary>
/// Credentials at scale: issues 10,000 credentials one by one (a scope and transaction each: sign,
/// store, status entry), then 10,000 more as passes waiting in the outbox that the dispatcher
/// drains, and compares each rate with the raw signing rate of the same key on one core; then loads POST /api/v1/verify and GET /credentials/{id}.json with concurrent
/// clients over Kestrel, against the host's trivial /health endpoint.
/// </summary>
internal static class CredentialEndpoints
{
    private const int Credentials = 10_000;

    public static async Task<int> RunAsync(string provider)
    {
        CatalogEndpoints.PointAtContentRoot();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var site = new TestSite(database, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Error",
            ["Site:PublicBaseUrl"] = "https://badges.bench.test",
            ["RateLimits:VerifyPerMinute"] = "1000000", // the bench measures verification itself, not the per-client budget that guards it
        });
        var baseUri = site.StartKestrel();

        var (teacher, district, versions) = await SetUpAsync(site);

        // Warm up: the issuer's first key is made here, outside the timing.
        await IssueAsync(site, teacher, district, versions[0]);

        var issuing = Stopwatch.StartNew();
        var ids = new List<string>(Credentials);
        for (var i = 0; i < Credentials; i++)
        {
            ids.Add(await IssueAsync(site, teacher, district, versions[i % versions.Count]));
        }

        issuing.Stop();
        var issuedPerSecond = Credentials / issuing.Elapsed.TotalSeconds;

        // The outbox's way: 10,000 passes waiting as events (a backlog, or a cohort's results at
        // once), and the dispatcher draining them, a batch of up to 100 per transaction.
        for (var i = 0; i < Credentials; i += 1000)
        {
            await site.InScopeAsync(async services =>
            {
                var outbox = services.GetRequiredService<IEventOutbox>();
                for (var j = i; j < i + 1000; j++)
                {
                    var version = versions[j % versions.Count];
                    outbox.Add(new MicroCredentialPassed(Guid.NewGuid(), teacher, district, null, version.MicroCredentialId, version.VersionId, 1, DateTime.UtcNow));
                }

                await services.GetRequiredService<PLBadgesDbContext>().SaveChangesAsync();
            });
        }

        var before = await site.InScopeAsync(services => services.GetRequiredService<PLBadgesDbContext>().Set<IssuedCredential>().CountAsync());
        var batched = Stopwatch.StartNew();
        while (await site.InScopeAsync(services => services.GetRequiredService<PLBadgesDbContext>().Set<OutboxMessage>().AnyAsync(m => m.DispatchedAt == null)))
        {
            await site.InScopeAsync(services => services.GetRequiredService<OutboxDispatcher>().RunAsync(CancellationToken.None));
        }

        batched.Stop();
        var drained = await site.InScopeAsync(services => services.GetRequiredService<PLBadgesDbContext>().Set<IssuedCredential>().CountAsync()) - before;
        var batchedPerSecond = drained / batched.Elapsed.TotalSeconds;

        // The raw rate: the same key signing a payload of the same size, nothing else.
        var (key, sample) = await site.InScopeAsync(async services =>
        {
            var keys = services.GetRequiredService<IssuerKeys>();
            var signing = await keys.CurrentAsync(district, CancellationToken.None);
            var json = await services.GetRequiredService<PLBadgesDbContext>().Set<IssuedCredential>().Select(c => c.Json).FirstAsync();
            return (signing, JsonNode.Parse(json)!.AsObject());
        });
        var header = new JsonObject { ["alg"] = key.Algorithm.ToString(), ["kid"] = key.Kid, ["typ"] = "JWT" };
        var raw = Stopwatch.StartNew();
        for (var i = 0; i < Credentials; i++)
        {
            Jws.Sign(header, sample, key.Sign);
        }

        raw.Stop();
        var signedPerSecond = Credentials / raw.Elapsed.TotalSeconds;
        Console.WriteLine($"| {provider}: raw {key.Algorithm} signing of one credential's payload | {signedPerSecond:0} per s | 1.00 |");
        Console.WriteLine($"| {provider}: issuing {Credentials:N0} one by one, a scope and transaction each | {issuedPerSecond:0} per s | {issuedPerSecond / signedPerSecond:0.00} |");
        Console.WriteLine($"| {provider}: issuing {drained:N0} credentials through the outbox (dispatcher batches of up to 100) | {batchedPerSecond:0} per s | {batchedPerSecond / signedPerSecond:0.00} |");

        // Load: concurrent clients for a fixed time on each endpoint.
        var jwt = await new HttpClient { BaseAddress = baseUri }.GetStringAsync($"/credentials/{ids[^1]}.jwt");
        var random = new Random(7);
        Console.WriteLine($"| {provider}: endpoint ({Environment.ProcessorCount} cores, 16 clients, 10 s) | requests per s | p99 ms | ratio to /health |");
        Console.WriteLine("|---|---|---|---|");
        var trivial = await LoadAsync(baseUri, () => new HttpRequestMessage(HttpMethod.Get, "/health"));
        Console.WriteLine($"| GET /health | {trivial.PerSecond:0} | {trivial.P99:0.0} | 1.00 |");
        var json = await LoadAsync(baseUri, () => new HttpRequestMessage(HttpMethod.Get, $"/credentials/{ids[random.Next(ids.Count)]}.json"));
        Console.WriteLine($"| GET /credentials/{{id}}.json | {json.PerSecond:0} | {json.P99:0.0} | {json.PerSecond / trivial.PerSecond:0.00} |");
        var verify = await LoadAsync(baseUri, () =>
        {
            var content = new StringContent(jwt, Encoding.ASCII);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/vc+jwt");
            return new HttpRequestMessage(HttpMethod.Post, "/api/v1/verify") { Content = content };
        });
        Console.WriteLine($"| POST /api/v1/verify (a VC-JWT) | {verify.PerSecond:0} | {verify.P99:0.0} | {verify.PerSecond / trivial.PerSecond:0.00} |");
        return 0;
    }

    private static async Task<(Guid Teacher, Guid District, IReadOnlyList<MicroCredentialVersionInfo> Versions)> SetUpAsync(TestSite site) =>
        await site.InScopeAsync(async services =>
        {
            var teacher = (await services.GetRequiredService<PLBadges.Identity.Contracts.IPeopleDirectory>().FindByEmailAsync(DemoPeople.Teacher))!.Id;
            var district = (await services.GetRequiredService<IOrganizationDirectory>().FindByCodeAsync("demo-district"))!.Id;
            var catalog = services.GetRequiredService<IMicroCredentialCatalog>();
            var versions = new List<MicroCredentialVersionInfo>();
            foreach (var credential in await catalog.AvailableToAsync(district))
            {
                versions.Add((await catalog.PublishedAsync(credential.Slug))!);
            }

            return (teacher, district, (IReadOnlyList<MicroCredentialVersionInfo>)versions);
        });

    /// <summary>One credential, as the outbox handler issues it: its own scope and transaction.</summary>
    private static Task<string> IssueAsync(TestSite site, Guid teacher, Guid district, MicroCredentialVersionInfo version) =>
        site.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PLBadgesDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var id = await services.GetRequiredService<CredentialIssuer>().IssueForPassAsync(
                new MicroCredentialPassed(Guid.NewGuid(), teacher, district, null, version.MicroCredentialId, version.VersionId, 1, DateTime.UtcNow));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return id;
        });

    private static async Task<(double PerSecond, double P99)> LoadAsync(Uri baseUri, Func<HttpRequestMessage> request, int clients = 16, int seconds = 10)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = baseUri };
        for (var i = 0; i < 50; i++)
        {
            (await http.SendAsync(request())).EnsureSuccessStatusCode();
        }

        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var times = new List<double>[clients];
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            times[c] = [];
            while (Stopwatch.GetTimestamp() < until)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request());
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                times[c].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var all = times.SelectMany(t => t).Order().ToList();
        return (all.Count / (double)seconds, all[(int)(all.Count * 0.99)]);
    }
}
