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

        // 200 saves, each to its own answer. The first 40 are acknowledged with the site up; then the other 160
        // go at once and the first of them to be acknowledged kills the site, so the kill lands while the rest
        // are in flight, however fast this machine is.
        var acknowledged = new ConcurrentDictionary<(Guid Submission, int Part, int Prompt), string>();
        var saves = writers.SelectMany(w => new[] { 0, 2 }.SelectMany(part => Enumerable.Range(0, 4).Select(prompt => (w, part, prompt)))).ToList();
        Assert.Equal(200, saves.Count);
        var killed = 0;
        Task Save((HttpClient Client, Guid Submission, string Token) w, int part, int prompt, bool killWhenAcknowledged) => Task.Run(async () =>
        {
            var text = $"Saved answer {w.Submission:N} {part}.{prompt} {Guid.NewGuid():N}";
            try
            {
                var response = await w.Client.SaveAsync(w.Submission, part, prompt, text, w.Token);
                if (response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync()).Contains("savedAt", StringComparison.Ordinal))
                {
                    acknowledged[(w.Submission, part, prompt)] = text;
                    if (killWhenAcknowledged && Interlocked.Exchange(ref killed, 1) == 0)
                    {
                        site.Kill();
                    }
                }
            }
            catch (HttpRequestException)
            {
                // The site died with this save in flight: it was never acknowledged.
            }
            catch (TaskCanceledException)
            {
            }
        });
        await Task.WhenAll(saves.Take(40).Select(s => Save(s.w, s.part, s.prompt, killWhenAcknowledged: false)));
        Assert.Equal(40, acknowledged.Count);
        await Task.WhenAll(saves.Skip(40).Select(s => Save(s.w, s.part, s.prompt, killWhenAcknowledged: true)).ToList());
        site.Kill(); // in case none of the 160 was acknowledged
        Assert.InRange(acknowledged.Count, 41, 199); // killed in the middle, not before or after

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
