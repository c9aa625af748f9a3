using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Files;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;
using PLBadges.Recognition.Rules;
using PLBadges.Recognition.StateCredit;
using PLBadges.Testing;
using PLBadges.Web.Recipes;

namespace PLBadges.Benchmarks;

/// <summary>
/// State credit at Texas size: 400,000 educators with a TEA ID and 1,600,000 signed-off credentials in a year, under one
/// provider (the demo district, here reporting to Texas). Exports one month (about an eighth of the rows), then the rest of the
/// year, each streamed through the file store, sampling the process's memory while it runs: the peak must not grow with
/// the rows. Then 10,000 one-credential certificates, each read from the database and set as a PDF. Goals: the year's
/// export under 60 s, a certificate under 50 ms.
/// </summary>
internal static class StateCreditBench
{
    public static async Task<int> RunAsync(string provider, int educators = 400_000, int perEducator = 4, int certificates = 10_000)
    {
        CatalogEndpoints.PointAtContentRoot();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var site = new TestSite(database, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error" });
        await site.InScopeAsync(s => s.GetRequiredService<RecipeExecutor>().ApplyJsonAsync("""
            { "name": "bench-texas", "steps": [ { "name": "StateCredit",
              "providers": [ { "organization": "demo-district", "profile": "tx", "name": "Texas bench provider", "number": "TX-BENCH-1" } ] } ] }
            """));
        var district = await site.InScopeAsync(async s => (await s.GetRequiredService<IOrganizationDirectory>().FindByCodeAsync("demo-district"))!.Id);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var yearStart = today.AddYears(-1).AddDays(1);

        var seeding = Stopwatch.StartNew();
        var items = await SeedAsync(site, district, educators, perEducator, yearStart);
        // Statistics, as a live database has them (PostgreSQL's autovacuum analyzes a table this size long before an export).
        await site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Database.ExecuteSqlRawAsync("ANALYZE"));
        Console.WriteLine($"Seeded {educators:N0} educators and {items:N0} signed-off credentials on {provider} in {seeding.Elapsed.TotalSeconds:0} s.");
        Console.WriteLine();
        Console.WriteLine($"| {provider} | seconds | CPU seconds (this process) | rows | refused | peak working set (MB) | file (MB) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        await ExportAsync(site, district, "Record export, first month", yearStart, yearStart.AddMonths(1).AddDays(-1));
        await ExportAsync(site, district, "Record export, the rest of the year", yearStart, today);

        Console.WriteLine();
        Console.WriteLine($"| {provider}: one credential's certificate (read and set as PDF) | median ms | p95 ms |");
        Console.WriteLine("|---|---|---|");
        var ids = await site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<SignOffItem>().OrderBy(i => i.Id).Select(i => i.Id).Take(certificates).ToListAsync());
        var next = 0;
        await Timing.TimeAsync($"{certificates:N0} certificates", 20, certificates, () => site.InScopeAsync(async s =>
        {
            var certificate = await s.GetRequiredService<Certificates>().WriteItemAsync(ids[next++ % ids.Count], CancellationToken.None);
            if (certificate is not { Pdf.Length: > 1000 })
            {
                throw new InvalidOperationException("No certificate.");
            }
        }));
        return 0;
    }

    private static async Task ExportAsync(TestSite site, Guid provider, string label, DateOnly from, DateOnly to)
    {
        using var process = Process.GetCurrentProcess();
        GC.Collect();
        var peak = 0L;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(50);
            }
        });
        var started = Stopwatch.GetTimestamp();
        var cpu = process.TotalProcessorTime;
        var export = await site.InScopeAsync(async s =>
        {
            var setup = (await s.GetRequiredService<DistrictSetup>().ProvidersAsync(provider, CancellationToken.None)).Single(p => p.Profile.Profile.Code == "tx");
            return await s.GetRequiredService<StateExports>().WriteAsync(provider, setup, ExportKind.StateFile, from, to, Guid.Empty, "Benchmark", CancellationToken.None);
        });
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds; // the work, less the load: the site's few background threads are in it, PostgreSQL's server is not
        await sampling.CancelAsync();
        await sampler;
        var size = (await site.InScopeAsync(s => s.GetRequiredService<IFileStore>().FindAsync(export.FileKey, CancellationToken.None)))!.Size;
        Console.WriteLine($"| {label} | {seconds:0.0} | {cpuSeconds:0.0} | {export.Rows:N0} | {export.Refused:N0} | {peak / 1024.0 / 1024.0:0} | {size / 1024.0 / 1024.0:0.0} |");
        if (export.RefusalsKey != null)
        {
            // Every seeded row is sendable: a refusal is news, so its first reasons are shown.
            await site.InScopeAsync(async s =>
            {
                await using var refusals = (await s.GetRequiredService<IFileStore>().OpenAsync(export.RefusalsKey, null, CancellationToken.None))!;
                using var reader = new StreamReader(refusals.Stream);
                for (var (line, n) = (await reader.ReadLineAsync(), 0); line != null && n < 4; line = await reader.ReadLineAsync(), n++)
                {
                    Console.Error.WriteLine($"  refused: {line}");
                }
            });
        }
    }

    /// <summary>Educators with TEA IDs, their sign-offs and the items, spread over the year, in chunks, bulk-inserted (EF Core's change tracking is what costs at this size).</summary>
    private static async Task<int> SeedAsync(TestSite site, Guid district, int educators, int perEducator, DateOnly yearStart)
    {
        var (profileId, versionId) = await site.InScopeAsync(async s =>
        {
            var version = await s.GetRequiredService<PLBadgesDbContext>().Set<StateProfileVersion>()
                .Where(v => s.GetRequiredService<PLBadgesDbContext>().Set<StateProfile>().Any(p => p.Id == v.ProfileId && p.Code == "tx")).OrderByDescending(v => v.Number).FirstAsync();
            return (version.ProfileId, version.Id);
        });
        const int chunk = 20_000;
        var signer = Guid.NewGuid();
        var item = 0;
        for (var first = 0; first < educators; first += chunk)
        {
            var ids = new List<StateEducatorId>();
            var signOffs = new List<SignOff>();
            var items = new List<SignOffItem>();
            for (var e = first; e < Math.Min(educators, first + chunk); e++)
            {
                var person = Guid.NewGuid();
                var name = $"Educator {e:D6}";
                ids.Add(new StateEducatorId { PersonId = person, Jurisdiction = "TX", Value = (30_000_000 + e).ToString(System.Globalization.CultureInfo.InvariantCulture), UpdatedAt = DateTime.UtcNow });
                var signOff = new SignOff
                {
                    DistrictId = district, PersonId = person, EducatorName = name, ProfileId = profileId, ProfileVersionId = versionId, ProfileVersion = 1,
                    SignedBy = signer, SignedByName = "Benchmark", SignedAt = DateTime.UtcNow, Code = $"S{e:D15}",
                };
                signOffs.Add(signOff);
                for (var k = 0; k < perEducator; k++, item++)
                {
                    items.Add(new SignOffItem
                    {
                        SignOffId = signOff.Id, PersonId = person, DistrictId = district, ProfileId = profileId, Jurisdiction = "TX", EducatorName = name,
                        ItemKey = $"https://plbadges.bench/credentials/{e}-{k}", DedupeKey = item.ToString("x64", System.Globalization.CultureInfo.InvariantCulture),
                        Kind = ItemKind.MicroCredential, Title = $"Micro-credential {k + 1}: Universal Design for Learning in practice",
                        Summary = "Designs lessons with multiple means of engagement, representation, and action and expression.",
                        CompletedOn = yearStart.AddDays(item % 365), Hours = 15, Units = 15, UnitName = "CPE clock hours", Basis = CreditBasis.Hours,
                        CredentialUrl = $"https://plbadges.bench/credentials/{e}-{k}", Code = $"I{item:D15}",
                    });
                }
            }

            await site.InScopeAsync(async s =>
            {
                var db = s.GetRequiredService<PLBadgesDbContext>();
                await BulkInsert.InsertAsync(db, ids);
                await BulkInsert.InsertAsync(db, signOffs);
                await BulkInsert.InsertAsync(db, items);
            });
        }

        return item;
    }
}
