using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Credentials.Issuing;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;
using PLBadges.Recognition.Applications;
using PLBadges.Recognition.Licensure;
using PLBadges.Recognition.Programmes;
using PLBadges.Recognition.Rules;
using PLBadges.Testing;
using PLBadges.Web.Recipes;

namespace PLBadges.Benchmarks;

/// <summary>
/// State recognition at scale: 1,000,000 micro-credentials across 50 districts of one state over
/// three years, and 200,000 decided applications in the licensure feed (plus 8,000 waiting).
/// Times a feed page of 500 from the start, the middle and the end (keyset: the cost must not grow
/// with the depth), one educator's answer, and the state dashboard and its CSV (median and p95).
/// </summary>
internal static class RecognitionBench
{
    private const int Districts = 50;
    private const int Credentials = 1_000_000;
    private const int Decisions = 200_000;
    private const int Waiting = 8_000;

    public static async Task<int> RunAsync(string provider, int timed = 200)
    {
        var warmUps = Math.Min(20, Math.Max(1, timed / 10));
        CatalogEndpoints.PointAtContentRoot();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var site = new TestSite(database, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error", ["RateLimits:ApiPerMinute"] = "1000000" });
        var seeding = Stopwatch.StartNew();
        var (districts, feedSize, educator) = await SeedAsync(site);
        seeding.Stop();
        Console.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:0.0} s ({provider}): {districts} districts, {Credentials:N0} credentials, {feedSize:N0} decisions in the feed, {Waiting:N0} waiting.");

        var tallying = Stopwatch.StartNew();
        await site.InScopeAsync(s => s.GetRequiredService<CredentialTallies>().RunAsync(CancellationToken.None));
        Console.WriteLine($"The credential tallies (the dashboard's recurring job) recomputed in {tallying.Elapsed.TotalSeconds:0.0} s.");
        var recounting = Stopwatch.StartNew(); // the seeded decisions went straight into the feed's table, so its monthly tallies are counted once here
        await site.InScopeAsync(s => s.GetRequiredService<RecognitionFeed>().RecountAsync(CancellationToken.None));
        Console.WriteLine($"The decision tallies counted from {feedSize:N0} decisions in {recounting.Elapsed.TotalSeconds:0.0} s.");

        var token = await TokenAsync(site);
        var api = site.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var cursors = new[] { ("start", 0L), ("middle", feedSize / 2L), ("end", feedSize - 500L) };
        foreach (var (where, after) in cursors)
        {
            var page = JsonNode.Parse(await api.GetStringAsync($"/api/v1/recognitions?limit=500&since={RecognitionFeed.Cursor(after)}"))!;
            Console.WriteLine($"Feed page from the {where}: {page["items"]!.AsArray().Count} decisions, more: {page["more"]}.");
        }

        var reviewer = await site.SignedInClientAsync(DemoPeople.State);
        var dashboard = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await reviewer.GetStringAsync("/state"));
        Console.WriteLine($"Dashboard: {dashboard.QuerySelectorAll("#by-district tbody tr").Length} districts, {dashboard.QuerySelectorAll("#by-pathway tbody tr").Length} pathways; waiting {dashboard.QuerySelector("#figure-waiting")?.TextContent}, median {dashboard.QuerySelector("#figure-median")?.TextContent} days.");

        Console.WriteLine();
        Console.WriteLine($"| {provider}: measure ({warmUps} warm-ups, {timed} timed) | median ms | p95 ms |");
        Console.WriteLine("|---|---|---|");
        foreach (var (where, after) in cursors)
        {
            var path = $"/api/v1/recognitions?limit=500&since={RecognitionFeed.Cursor(after)}";
            await Timing.TimeAsync($"GET /api/v1/recognitions, 500 from the {where} (after {after:N0})", warmUps, timed, async () =>
            {
                var response = (await api.GetAsync(path)).EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            });
        }

        await Timing.TimeAsync($"GET /api/v1/educators/{{n}}/recognitions", warmUps, timed, async () => (await api.GetAsync($"/api/v1/educators/{educator}/recognitions")).EnsureSuccessStatusCode());
        await Timing.TimeAsync("GET /state (dashboard page)", warmUps, timed, async () => (await reviewer.GetAsync("/state")).EnsureSuccessStatusCode());
        await Timing.TimeAsync("GET /state?handler=csv (CSV)", warmUps, timed, async () =>
        {
            var response = (await reviewer.GetAsync("/state?handler=csv")).EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        });
        await Timing.TimeAsync("GET / (home page, as a baseline)", warmUps, timed, async () => (await reviewer.GetAsync("/")).EnsureSuccessStatusCode());
        return 0;
    }

    private static async Task<string> TokenAsync(TestSite site)
    {
        var response = await site.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "demo-state-licensure", ["client_secret"] = "demo-licensure-Secret-2026", ["scope"] = "recognition:read",
        }));
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
    }

    private static async Task<(int Districts, int FeedSize, string Educator)> SeedAsync(TestSite site)
    {
        var extra = string.Join(",\n", Enumerable.Range(1, Districts - 2).Select(i =>
            $$"""{ "kind": "District", "code": "bench-district-{{i}}", "name": "Bench District {{i:00}}", "parent": "demo-state", "timeZone": "America/Chicago" }"""));
        await site.InScopeAsync(s => s.GetRequiredService<RecipeExecutor>().ApplyJsonAsync($$"""{ "name": "bench", "steps": [ { "name": "Organizations", "items": [ {{extra}} ] } ] }"""));
        var (state, districtIds, catalog, programme, version) = await site.InScopeAsync(async s =>
        {
            var organizations = s.GetRequiredService<IOrganizationDirectory>();
            var stateId = (await organizations.FindByCodeAsync("demo-state"))!.Id;
            var ids = (await organizations.ListAsync(await organizations.WithDescendantsAsync([stateId]))).Where(o => o.Kind == PLBadges.Abstractions.Security.OrganizationKind.District).Select(o => o.Id).ToList();
            var offered = await s.GetRequiredService<IMicroCredentialCatalog>().AvailableToAsync((await organizations.FindByCodeAsync("demo-district"))!.Id);
            var db = s.GetRequiredService<PLBadgesDbContext>();
            var renewal = await db.Set<Programme>().AsNoTracking().FirstAsync(p => p.StateId == stateId && p.Kind == ProgrammeKind.Renewal);
            var first = await db.Set<ProgrammeVersion>().AsNoTracking().FirstAsync(v => v.ProgrammeId == renewal.Id);
            return (stateId, ids, offered, renewal, first);
        });

        var random = new Random(20261203);
        var now = DateTime.UtcNow;
        const int Chunk = 20_000;
        for (var done = 0; done < Credentials; done += Chunk)
        {
            var listId = Guid.NewGuid(); // a fresh status list per chunk keeps (list, index) unique
            await site.InScopeAsync(async s =>
            {
                var db = s.GetRequiredService<PLBadgesDbContext>();
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                for (var i = 0; i < Chunk; i++)
                {
                    var mc = catalog[random.Next(catalog.Count)];
                    db.Add(new IssuedCredential
                    {
                        Id = $"b{done + i:D12}", IssuerId = districtIds[random.Next(districtIds.Count)], RecipientId = Guid.NewGuid(), Kind = CredentialKind.MicroCredential,
                        PathwayId = mc.PathwayId, MicroCredentialId = mc.MicroCredentialId, Name = mc.Title, Hours = 10, ValidFrom = now.AddDays(-random.Next(0, 3 * 365)),
                        Json = "{}", Jwt = "x.y.z", KeyId = "bench", StatusListId = listId, StatusIndex = i,
                    });
                }

                await db.SaveChangesAsync();
            });
        }

        var sample = new RecognitionResponse(Guid.Empty, "DS000000", "Bench Educator", "Bench District", "approved", false,
            new ProgrammeReference(programme.Id, programme.Name, "renewal", 1), 6, "points", null, DateOnly.FromDateTime(now).AddYears(-2), now,
            [new RecognisedItem("Classroom Routines and Visual Schedules", "micro-credential", "https://example.test/credentials/x", "Bench District", 10, 6, false, DateOnly.FromDateTime(now))]);
        var sequence = 0L;
        var educator = "";
        for (var done = 0; done < Decisions + Waiting; done += Chunk)
        {
            await site.InScopeAsync(async s =>
            {
                var db = s.GetRequiredService<PLBadgesDbContext>();
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                for (var i = done; i < Math.Min(done + Chunk, Decisions + Waiting); i++)
                {
                    var submitted = now.AddDays(-random.Next(1, 2 * 365)).AddMinutes(-random.Next(0, 1440));
                    var decided = i < Decisions;
                    var approved = decided && random.NextDouble() < 0.88;
                    var application = new RecognitionApplication
                    {
                        StateId = state, DistrictId = districtIds[random.Next(districtIds.Count)], PersonId = Guid.NewGuid(), EducatorNumber = $"DS{i:D6}", ProgrammeId = programme.Id,
                        VersionId = version.Id, Kind = ProgrammeKind.Renewal, ProgrammeName = programme.Name, Approval = ApprovalBy.State,
                        Status = !decided ? ApplicationStatus.Waiting : approved ? ApplicationStatus.Approved : ApplicationStatus.Declined,
                        CycleStart = DateOnly.FromDateTime(submitted).AddYears(-1), SubmittedAt = submitted, DecidedAt = decided ? submitted.AddDays(random.NextDouble() * 30) : null,
                        ByRule = decided && random.NextDouble() < 0.4, UnitsGranted = approved ? 6 : 0, UnitName = "points",
                    };
                    db.Add(application);
                    if (decided)
                    {
                        db.Add(new RecognitionRecord
                        {
                            Sequence = ++sequence, ApplicationId = application.Id, StateId = state, DistrictId = application.DistrictId, PersonId = application.PersonId,
                            EducatorNumber = application.EducatorNumber, Approved = approved, DecidedAt = application.DecidedAt!.Value,
                            PayloadJson = JsonSerializer.Serialize(sample with { Id = application.Id, EducatorNumber = application.EducatorNumber, Decision = approved ? "approved" : "declined" }, RecognitionFeed.Json),
                        });
                        educator = application.EducatorNumber;
                    }
                }

                await db.SaveChangesAsync();
            });
        }

        return (districtIds.Count, (int)sequence, educator);
    }
}
