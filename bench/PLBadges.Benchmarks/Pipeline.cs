using System.Reflection;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Credentials.Issuing;
using PLBadges.Data;
using PLBadges.Testing;

namespace PLBadges.Benchmarks;

/// <summary>
/// Where a request's time goes (issue 26): one request of each kind through the real host (demo recipe, in memory
/// through TestServer, so without sockets) beside the parts of /health done alone: a scope and a DbContext, the
/// database check /health makes (CanConnectAsync), and the version it reads. PostgreSQL joins SQLite when
/// PLBADGES_TEST_POSTGRES is set.
/// <code>dotnet run -c Release --project bench/PLBadges.Benchmarks -- pipeline --inProcess --job short</code>
/// </summary>
[MemoryDiagnoser]
public class Pipeline
{
    private TestDatabase? database;
    private TestSite? site;
    private HttpClient client = null!;
    private string credential = "";

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "Sqlite";

    public static IEnumerable<string> Providers() =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PLBADGES_TEST_POSTGRES")) ? ["Sqlite"] : ["Sqlite", "Postgres"];

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        CatalogEndpoints.PointAtContentRoot();
        database = await TestDatabase.CreateAsync(Provider);
        site = new TestSite(database, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error" });
        client = site.CreateClient();
        await site.RunOutboxAsync(); // the demo's credentials are signed after its recipe
        credential = await site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<IssuedCredential>().Select(c => c.Id).FirstAsync());
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        if (site != null)
        {
            await site.DisposeAsync();
        }

        if (database != null)
        {
            await database.DisposeAsync();
        }
    }

    private async Task GetAsync(string path)
    {
        using var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        await response.Content.CopyToAsync(Stream.Null);
    }

    [Benchmark(Description = "GET /health/live (touches nothing)")]
    public Task Live() => GetAsync("/health/live");

    [Benchmark(Description = "GET a static file (site.css)")]
    public Task StaticFile() => GetAsync("/_content/PLBadges.Theme.Default/site.css");

    [Benchmark(Description = "GET /credentials/{id}.json (from memory)")]
    public Task PublicDocument() => GetAsync($"/credentials/{credential}.json");

    [Benchmark(Description = "GET /health")]
    public Task Health() => GetAsync("/health");

    [Benchmark(Description = "GET /api/v1/pathways")]
    public Task Api() => GetAsync("/api/v1/pathways");

    [Benchmark(Description = "GET /pathways (a page)")]
    public Task Page() => GetAsync("/pathways");

    [Benchmark(Description = "a scope and a DbContext (its model touched)")]
    public object ScopeAndDbContext()
    {
        using var scope = site!.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>().Model;
    }

    [Benchmark(Description = "CanConnectAsync alone, what /health asked before (scope, DbContext)")]
    public async Task<bool> CanConnect()
    {
        await using var scope = site!.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>().Database.CanConnectAsync();
    }

    [Benchmark(Description = "/health's version (an attribute read by reflection)")]
    public string? Version() => typeof(Web.Hosting.PLBadgesHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
}
