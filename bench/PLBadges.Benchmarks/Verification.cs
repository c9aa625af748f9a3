using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Credentials.Issuing;
using PLBadges.Credentials.Verifying;
using PLBadges.Data;
using PLBadges.Testing;

namespace PLBadges.Benchmarks;

/// <summary>
/// Where the time of POST /api/v1/verify goes for a credential issued here and sent back unchanged (issue 26): the
/// request through the real host (TestServer, the verify rate limit raised), the verifier alone, and its parts: reading
/// the untrusted JSON, comparing it with the node's copy, and writing the answer.
/// <code>dotnet run -c Release --project bench/PLBadges.Benchmarks -- verification --inProcess --job short</code>
/// </summary>
[MemoryDiagnoser]
public class Verification
{
    private TestDatabase? database;
    private TestSite? site;
    private HttpClient client = null!;
    private byte[] json = [];
    private JsonObject parsed = null!;
    private VerificationResult result = null!;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        CatalogEndpoints.PointAtContentRoot();
        database = await TestDatabase.CreateAsync("Sqlite");
        site = new TestSite(database, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error", ["RateLimits:VerifyPerMinute"] = "100000000" });
        client = site.CreateClient();
        await site.RunOutboxAsync();
        var id = await site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<IssuedCredential>().Select(c => c.Id).FirstAsync());
        json = await client.GetByteArrayAsync($"/credentials/{id}.json");
        parsed = (JsonObject)JsonNode.Parse(json)!;
        result = await VerifierAsync();
        if (!result.Valid)
        {
            throw new InvalidOperationException("The demo credential does not verify: " + JsonSerializer.Serialize(result.Checks));
        }
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

    [Benchmark(Description = "POST /api/v1/verify (the credential's JSON, sent back unchanged)")]
    public async Task Request()
    {
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = new("application/json");
        using var response = await client.PostAsync("/api/v1/verify", content);
        response.EnsureSuccessStatusCode();
        await response.Content.CopyToAsync(Stream.Null);
    }

    [Benchmark(Description = "the verifier alone (a scope, CredentialVerifier.VerifyAsync)")]
    public async Task<VerificationResult> VerifierAsync()
    {
        await using var scope = site!.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CredentialVerifier>().VerifyAsync(json, CredentialForm.Json, CancellationToken.None);
    }

    [Benchmark(Description = "reading the untrusted JSON (scan, then the document)")]
    public JsonObject Read() => UntrustedJson.ParseObject(Encoding.UTF8.GetString(json).Trim(), new ReadCounters());

    [Benchmark(Description = "comparing it with the node's copy (JsonNode.DeepEquals)")]
    public bool Compare() => JsonNode.DeepEquals(parsed, JsonNode.Parse(json));

    [Benchmark(Description = "writing the answer (System.Text.Json)")]
    public byte[] Answer() => JsonSerializer.SerializeToUtf8Bytes(result, JsonSerializerOptions.Web);
}
