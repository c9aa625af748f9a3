using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Data;
using PLBadges.Evidence.Submissions;

namespace PLBadges.IntegrationTests;

/// <summary>
/// <c>kill -9</c> of the site in the middle of 200 concurrent autosaves loses no write it acknowledged:
/// every save answered 200 is in the database afterwards, word for word. The site runs as its own
/// process; an in-process host on the same database adds the teachers and reads the answers back.
/// </summary>
[Collection(nameof(AloneCollection))]
public sealed class KillDuringAutosaveTests
{
    private const int Teachers = 25; // 25 submissions x 8 questions = 200 saves, each to its own answer

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Killing_the_site_during_200_concurrent_autosaves_loses_no_acknowledged_write(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Database:DataFolder"] = database.DataFolder,
            ["ConnectionStrings:Default"] = database.ConnectionString,
            ["RateLimits:SignInPerMinute"] = "100000",
            ["Jobs:RunServer"] = "false",
        };
        await using var site = SiteProcess.Start(settings, "site");
        await site.WaitUntilHealthyAsync();
        await using var console = new TestSite(database, settings);
        _ = console.Server;

        var emails = Enumerable.Range(0, Teachers).Select(i => $"a{i}-{Guid.NewGuid():N}"[..14] + "@demo.plbadges.test").ToList();
        await console.ApplyRecipeAsync(JsonSerializer.Serialize(new
        {
            name = "autosave-teachers",
            steps = new[] { new { name = "People", people = emails.Select(e => new { email = e, name = $"Autosave {e}", password = Forms.DemoPassword, roles = new[] { new { role = "Teacher", organization = "lincoln-elementary" } } }) } },
        }));
        var writers = new List<(HttpClient Client, Guid Submission, string Token)>();
        foreach (var email in emails)
        {
            var client = TwoNodeSite.Browser(site, new CookieContainer());
            Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email)).StatusCode);
            var submission = await client.StartAsync();
            writers.Add((client, submission, await client.TokenAsync($"/me/submissions/{submission}")));
        }

        // 200 saves at once, each to its own answer; the site is killed once some have been acknowledged.
        var acknowledged = new ConcurrentDictionary<(Guid Submission, int Part, int Prompt), string>();
        var saves = writers.SelectMany(w => new[] { 0, 2 }.SelectMany(part => Enumerable.Range(0, 4).Select(prompt => (w, part, prompt)))).ToList();
        Assert.Equal(200, saves.Count);
        var all = saves.Select(save => Task.Run(async () =>
        {
            var text = $"Saved answer {save.w.Submission:N} {save.part}.{save.prompt} {Guid.NewGuid():N}";
            try
            {
                var response = await save.w.Client.SaveAsync(save.w.Submission, save.part, save.prompt, text, save.w.Token);
                if (response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync()).Contains("savedAt", StringComparison.Ordinal))
                {
                    acknowledged[(save.w.Submission, save.part, save.prompt)] = text;
                }
            }
            catch (HttpRequestException)
            {
                // The site died with this save in flight: it was never acknowledged.
            }
            catch (TaskCanceledException)
            {
            }
        })).ToList();
        while (acknowledged.Count < 40 && !all.All(t => t.IsCompleted))
        {
            await Task.Delay(5);
        }

        site.Kill();
        await Task.WhenAll(all);
        Assert.InRange(acknowledged.Count, 1, 199); // killed in the middle, not before or after

        var submissions = writers.Select(w => w.Submission).ToList();
        var stored = await console.InScopeAsync(services => services.GetRequiredService<PLBadgesDbContext>().Set<Answer>().AsNoTracking()
            .Where(a => submissions.Contains(a.SubmissionId)).ToListAsync());
        var byKey = stored.ToDictionary(a => (a.SubmissionId, a.Part, a.Prompt), a => a.Text);
        foreach (var (key, text) in acknowledged)
        {
            Assert.True(byKey.TryGetValue(key, out var kept) && kept == text, $"The acknowledged save {key} was lost");
        }
    }
}
