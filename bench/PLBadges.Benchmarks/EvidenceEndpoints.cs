using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Data;
using PLBadges.Evidence.Reviewing;
using PLBadges.Evidence.Submissions;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;
using PLBadges.Testing;
using PLBadges.Web.Recipes;

namespace PLBadges.Benchmarks;

/// <summary>
/// The review queue and a teacher's submissions at district scale: 100,000 submissions across
/// 200 schools, reviewed by 500 coaches; the demo coach's queue and the demo teacher's pages are
/// timed through the real host (median and 95th percentile), with an autosave round trip.
/// </summary>
internal static class EvidenceEndpoints
{
    public static async Task<int> RunAsync(string provider)
    {
        CatalogEndpoints.PointAtContentRoot();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var site = new TestSite(database, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error" });
        var seeding = Stopwatch.StartNew();
        var draft = await SeedAsync(site);
        Console.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:0} s ({provider}).");

        var coach = await site.SignedInClientAsync(DemoPeople.Coach);
        var teacher = await site.SignedInClientAsync(DemoPeople.Teacher);
        var queueCount = new HtmlParser().ParseDocument(await coach.GetStringAsync("/review")).QuerySelector("#queue-count")?.TextContent.Trim();
        Console.WriteLine($"The coach's queue: {queueCount}");
        Console.WriteLine($"| {provider}: request | median ms | p95 ms |");
        Console.WriteLine("|---|---|---|");
        await TimeAsync("GET /review (coach's queue, first page)", () => coach.GetAsync("/review"));
        await TimeAsync("GET /review?attempt=2 (filtered)", () => coach.GetAsync("/review?attempt=2"));
        await TimeAsync("GET /me/submissions (teacher with 50)", () => teacher.GetAsync("/me/submissions"));
        await TimeAsync("GET /api/v1/me/submissions", () => teacher.GetAsync("/api/v1/me/submissions"));

        var token = new HtmlParser().ParseDocument(await teacher.GetStringAsync($"/me/submissions/{draft}"))
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var n = 0;
        await TimeAsync("POST autosave (one answer)", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/me/submissions/{draft}?handler=save")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["part"] = "0", ["prompt"] = "0", ["text"] = $"Autosaved text, version {n++}." }),
            };
            request.Headers.Add("RequestVerificationToken", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return teacher.SendAsync(request);
        });
        return 0;
    }

    private static async Task TimeAsync(string label, Func<Task<HttpResponseMessage>> request)
    {
        for (var i = 0; i < 20; i++)
        {
            (await request()).EnsureSuccessStatusCode();
        }

        var times = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var started = Stopwatch.GetTimestamp();
            (await request()).EnsureSuccessStatusCode();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"| {label} | {times[times.Count / 2]:0.0} | {times[(int)(times.Count * 0.95)]:0.0} |");
    }

    /// <summary>Seeds the scale; returns a draft of the demo teacher's to autosave into.</summary>
    private static async Task<Guid> SeedAsync(TestSite site)
    {
        using (var scope = site.Services.CreateScope())
        {
            var schools = string.Join(",\n", Enumerable.Range(1, 198).Select(i =>
                $$"""{ "kind": "School", "code": "bench-school-{{i}}", "name": "Bench School {{i}}", "parent": "demo-district" }"""));
            await scope.ServiceProvider.GetRequiredService<RecipeExecutor>().ApplyJsonAsync($$"""{ "name": "bench", "steps": [ { "name": "Organizations", "items": [ {{schools}} ] } ] }""");
        }

        using var seed = site.Services.CreateScope();
        var services = seed.ServiceProvider;
        var db = services.GetRequiredService<PLBadgesDbContext>();
        var organizations = services.GetRequiredService<IOrganizationDirectory>();
        var district = (await organizations.FindByCodeAsync("demo-district"))!.Id;
        var schoolIds = (await organizations.WithDescendantsAsync([district])).Where(id => id != district).ToList();
        var catalog = services.GetRequiredService<IMicroCredentialCatalog>();
        var versions = new List<MicroCredentialVersionInfo>();
        foreach (var credential in await catalog.AvailableToAsync(district))
        {
            versions.Add((await catalog.PublishedAsync(credential.Slug))!);
        }

        var teacherId = (await services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PLBadges.Identity.People.Person>>().FindByEmailAsync(DemoPeople.Teacher))!.Id;
        var coaches = Enumerable.Range(0, 500).Select(_ => Guid.NewGuid()).ToList();
        var random = new Random(42);
        var now = DateTime.UtcNow;
        Guid draft = Guid.Empty;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < 100_000; i++)
        {
            var version = versions[random.Next(versions.Count)];
            var mine = i % 2000 == 0; // 50 of them are the demo teacher's
            var roll = random.Next(100);
            var state = roll < 5 ? SubmissionState.Draft : roll < 12 ? SubmissionState.Submitted : roll < 15 ? SubmissionState.InReview : roll < 80 ? SubmissionState.Passed : roll < 95 ? SubmissionState.NotYet : SubmissionState.Withdrawn;
            var submitted = now.AddDays(-random.Next(1, 400)).AddMinutes(-random.Next(1440));
            var submission = new Submission
            {
                Id = Guid.NewGuid(),
                TeacherId = mine ? teacherId : Guid.NewGuid(),
                DistrictId = district,
                SchoolId = schoolIds[random.Next(schoolIds.Count)],
                MicroCredentialId = version.MicroCredentialId,
                VersionId = version.VersionId,
                PathwayId = version.PathwayId,
                Title = version.Content.Title,
                Slug = version.Slug,
                State = mine && draft == Guid.Empty ? SubmissionState.Draft : state,
                Attempt = 1 + random.Next(3) / 2,
                CreatedAt = submitted.AddDays(-3),
                UpdatedAt = submitted,
                SubmittedAt = state == SubmissionState.Draft ? null : submitted,
                DecidedAt = state is SubmissionState.Passed or SubmissionState.NotYet ? submitted.AddDays(random.Next(1, 10)) : null,
            };
            if (mine && draft == Guid.Empty)
            {
                draft = submission.Id;
                submission.Slug = "ef-self-monitoring";
                var self = (await catalog.PublishedAsync("ef-self-monitoring"))!;
                (submission.VersionId, submission.MicroCredentialId, submission.Title) = (self.VersionId, self.MicroCredentialId, self.Content.Title);
            }

            db.Add(submission);
            if (submission.State is SubmissionState.InReview or SubmissionState.Passed or SubmissionState.NotYet)
            {
                submission.ReviewsHeld = 1;
                submission.ClaimsLapseAt = submission.State == SubmissionState.InReview ? now.AddHours(24) : null;
                db.Add(new Review
                {
                    Id = Guid.NewGuid(), SubmissionId = submission.Id, Attempt = submission.Attempt, ReviewerId = coaches[random.Next(coaches.Count)],
                    Kind = ReviewKind.First, Status = submission.State == SubmissionState.InReview ? ReviewStatus.Claimed : ReviewStatus.Completed,
                    ClaimedAt = submitted.AddHours(1), ClaimExpiresAt = submission.State == SubmissionState.InReview ? now.AddHours(24) : submitted.AddHours(49),
                    CompletedAt = submission.DecidedAt, Decision = submission.State == SubmissionState.Passed ? Decision.Pass : submission.State == SubmissionState.NotYet ? Decision.NotYet : null,
                });
            }

            if (i % 5000 == 4999)
            {
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        return draft;
    }
}
