using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Data;
using PLBadges.Pathways.Catalog;
using PLBadges.Pathways.Content;
using PLBadges.Pathways.Contracts;
using PLBadges.Testing;

namespace PLBadges.Benchmarks;

/// <summary>
/// Starts the real host (demo recipe) on SQLite or PostgreSQL, adds 10,000 resources and 200
/// micro-credentials, and times requests through the whole pipeline: median and 95th percentile.
/// </summary>
internal static class CatalogEndpoints
{
    public static async Task<int> RunAsync(string provider)
    {
        PointAtContentRoot();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var site = new TestSite(database, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error" });
        await SeedAsync(site);
        var client = site.CreateClient();
        var paths = new[]
        {
            "/resources?q=progress%20monitoring",
            "/resources?q=progres%20monitorng",
            "/resources?type=guide&grade=3-5",
            "/api/v1/resources?q=executive%20function",
            "/pathways",
            "/pathways/bench-pathway",
            "/micro-credentials/bench-credential-100",
            "/api/v1/pathways",
        };
        Console.WriteLine($"| {provider}: request | median ms | p95 ms |");
        Console.WriteLine("|---|---|---|");
        foreach (var path in paths)
        {
            for (var i = 0; i < 20; i++)
            {
                (await client.GetAsync(path)).EnsureSuccessStatusCode();
            }

            var times = new List<double>();
            for (var i = 0; i < 200; i++)
            {
                var started = Stopwatch.GetTimestamp();
                (await client.GetAsync(path)).EnsureSuccessStatusCode();
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine($"| GET {path} | {times[times.Count / 2]:0.0} | {times[(int)(times.Count * 0.95)]:0.0} |");
        }

        return 0;
    }

    /// <summary>Outside a test run, tells the factory where the host's content root is (the repository's src/PLBadges.Web).</summary>
    public static void PointAtContentRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root != null && !File.Exists(Path.Combine(root.FullName, "PLBadges.sln")))
        {
            root = root.Parent;
        }

        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PLBADGES_WEB", Path.Combine(root?.FullName ?? ".", "src", "PLBadges.Web"));
    }

    private static async Task SeedAsync(TestSite site)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
        var now = DateTime.UtcNow;
        foreach (var entry in Generated.Resources(10_000))
        {
            db.Add(new Resource
            {
                Slug = entry.Slug, Title = entry.Title, Summary = entry.Summary, Url = entry.Url, Type = entry.Type, FocusArea = entry.FocusArea,
                GradeBands = "|" + string.Join("|", entry.GradeBands) + "|", Tags = "|" + string.Join("|", entry.Tags) + "|", Minutes = entry.Minutes,
                CreatedAt = now, UpdatedAt = now,
            });
        }

        var template = (await scope.ServiceProvider.GetRequiredService<IMicroCredentialCatalog>().PublishedAsync("udl-engagement"))!.Content;
        var pathway = new Pathway { Slug = "bench-pathway", Title = "Benchmark Pathway", Summary = "200 micro-credentials.", Status = ContentStatus.Published, CreatedAt = now, UpdatedAt = now };
        db.Add(pathway);
        for (var i = 1; i <= 200; i++)
        {
            var credential = new MicroCredential { Slug = $"bench-credential-{i}", PathwayId = pathway.Id, Position = i, CreatedAt = now, UpdatedAt = now };
            db.Add(credential);
            var content = template with { Title = $"Benchmark credential {i}" };
            db.Add(new MicroCredentialVersion { MicroCredentialId = credential.Id, Number = 1, Title = content.Title, EstimatedHours = content.EstimatedHours, ContentJson = ContentJson.Serialize(content), ContentHash = ContentJson.Hash(content), CreatedAt = now, PublishedAt = now });
            credential.PublishedVersion = 1;
            credential.Status = ContentStatus.Published;
        }

        await db.SaveChangesAsync();
    }
}
