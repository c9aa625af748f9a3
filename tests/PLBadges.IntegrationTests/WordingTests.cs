using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Notifications;
using PLBadges.Cohorts.Academy;
using PLBadges.Data;
using PLBadges.Notifications.Mail;
using PLBadges.Notifications.Templates;
using PLBadges.Recognition.Applications;
using PLBadges.Recognition.Programmes;

namespace PLBadges.IntegrationTests;

/// <summary>
/// The words people read are US English: every page each demo person can reach (followed link by link
/// from their home page and the pages of the authorization matrix) and every email, as the site
/// renders them, spell license, program and recognize the US way; developer words stay under
/// "Details for developers". Old addresses and old names (routes, recipe keys, template values) keep working.
/// </summary>
public abstract partial class WordingTests(SiteFixture fixture)
{
    /// <summary>At most this many pages of one shape (the same path with ids and numbers blanked) are read per person.</summary>
    private const int PerShape = 2;

    private const int MaxPagesPerPerson = 250;

    private TestSite Site => fixture.Site;

    public static TheoryData<string> People => AuthorizationMatrixTests.People;

    [GeneratedRegex(@"\b(licences?|programmes?|recognis\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex British();

    [GeneratedRegex(@"VC-JWT|RS256|ES256|POST /api/v1/verify")]
    private static partial Regex DeveloperWords();

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+", RegexOptions.IgnoreCase)]
    private static partial Regex Ids();

    [Theory]
    [MemberData(nameof(People))]
    public async Task Every_page_a_person_reaches_says_license_program_and_recognize(string person)
    {
        var client = person == "anonymous" ? Site.CreateBrowserlikeClient() : await Site.SignedInClientAsync(person);
        var queue = new Queue<string>(["/", "/me", .. AuthorizationMatrixTests.PagePaths]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<string>();
        var read = 0;
        while (queue.Count > 0 && read < MaxPagesPerPerson)
        {
            var path = queue.Dequeue();
            if (!seen.Add(path))
            {
                continue;
            }

            var shape = Ids().Replace(path.Split('#')[0], "_");
            if (shapes.GetValueOrDefault(shape) >= PerShape)
            {
                continue;
            }

            shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
            var response = await client.GetAsync(path);
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && response.Headers.Location is { } location && Followable(location.OriginalString) is { } next)
            {
                queue.Enqueue(next);
                continue;
            }

            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            read++;
            var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            foreach (var link in document.QuerySelectorAll("a[href]"))
            {
                if (link.HasAttribute("download") is false && Followable(link.GetAttribute("href")!) is { } href)
                {
                    queue.Enqueue(href);
                }
            }

            var words = Readable(document);
            problems.AddRange(British().Matches(words).Select(m => $"{path}: \"{Around(words, m)}\""));
            if (person != DemoPeople.Platform)
            {
                foreach (var details in document.QuerySelectorAll("details.for-developers").ToList())
                {
                    details.Remove();
                }

                var plain = Readable(document);
                problems.AddRange(DeveloperWords().Matches(plain).Select(m => $"{path}: developer words \"{Around(plain, m)}\""));
            }
        }

        Assert.True(read >= 3, $"{person} reached only {read} pages: the crawl is not reading the site.");
        Assert.True(problems.Count == 0, $"{person}, {read} pages read:\n" + string.Join("\n", problems.Distinct()));
    }

    [Fact]
    public async Task Every_email_template_and_every_queued_email_says_license_program_and_recognize()
    {
        var problems = await Site.InScopeAsync(async services =>
        {
            var renderer = services.GetRequiredService<TemplateRenderer>();
            var found = new List<string>();
            var definitions = services.GetRequiredService<IEnumerable<EmailTemplateDefinition>>().ToList();
            Assert.NotEmpty(definitions);
            foreach (var definition in definitions)
            {
                var sample = definition.WithAliases(definition.Fields.ToDictionary(f => f, f => (object?)$"[{f}]"));
                var text = definition.Description + "\n" + await renderer.RenderAsync(definition.Subject, sample) + "\n" + await renderer.RenderAsync(definition.Body, sample);
                found.AddRange(British().Matches(text).Select(m => $"template {definition.Name}: \"{Around(text, m)}\""));
            }

            // The messages the demo and its jobs have queued, rendered by the outbox as they were sent.
            foreach (var message in await services.GetRequiredService<PLBadgesDbContext>().Set<EmailMessage>().AsNoTracking().ToListAsync())
            {
                var text = message.Subject + "\n" + message.TextBody;
                found.AddRange(British().Matches(text).Select(m => $"email {message.Template} to {message.To}: \"{Around(text, m)}\""));
            }

            return found;
        });
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }

    [Fact]
    public async Task A_districts_wording_with_the_old_name_programme_still_renders_the_program()
    {
        var district = await Site.OrganizationIdAsync("demo-district");
        var (subject, body) = await Site.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PLBadgesDbContext>();
            db.Add(new EmailTemplateOverride
            {
                OrganizationId = district, Template = RecognitionEmails.Received.Name, UpdatedAt = DateTime.UtcNow,
                Subject = "Got it: {{ programme }}", Body = "Old name: {{ programme }}. New name: {{ program }}.",
            });
            await db.SaveChangesAsync();
            await services.GetRequiredService<IEmailOutbox>().QueueAsync(RecognitionEmails.Received.Name, "alias-check@demo.plbadges.test",
                new Dictionary<string, object?> { ["name"] = "Maya", ["program"] = "Professional license renewal", ["summary"] = "", ["link"] = "/me/recognition" }, district);
            await db.SaveChangesAsync();
            var message = await db.Set<EmailMessage>().AsNoTracking().SingleAsync(m => m.To == "alias-check@demo.plbadges.test");
            db.RemoveRange(db.Set<EmailTemplateOverride>().Where(o => o.OrganizationId == district && o.Template == RecognitionEmails.Received.Name));
            await db.SaveChangesAsync();
            return (message.Subject, message.TextBody);
        });
        Assert.Equal("Got it: Professional license renewal", subject);
        Assert.Equal("Old name: Professional license renewal. New name: Professional license renewal.", body);
    }

    [Fact]
    public async Task The_old_programmes_address_redirects_permanently_with_its_query()
    {
        var reviewer = await Site.SignedInClientAsync(DemoPeople.State);
        var state = await Site.OrganizationIdAsync("demo-state");
        var old = await reviewer.GetAsync($"/state/programmes?state={state}&done=x");
        Assert.Equal(HttpStatusCode.PermanentRedirect, old.StatusCode);
        Assert.Equal($"/state/programs?state={state}&done=x", old.Headers.Location?.OriginalString);
        var page = await reviewer.GetDocumentAsync(old.Headers.Location!.OriginalString);
        Assert.Equal("Recognition programs", page.QuerySelector("h1")?.TextContent.Trim());

        // A form posted to the old address is sent on with its method (308), so an old script or open tab still lands.
        var posted = await reviewer.PostAsync("/state/programmes", new FormUrlEncodedContent(new Dictionary<string, string> { ["state"] = state.ToString() }));
        Assert.Equal(HttpStatusCode.PermanentRedirect, posted.StatusCode);
        Assert.Equal("/state/programs", posted.Headers.Location?.OriginalString);

        // Anonymous visitors are redirected too, then the new address asks them to sign in.
        var anonymous = await Site.CreateBrowserlikeClient().GetAsync("/state/programmes");
        Assert.Equal(HttpStatusCode.PermanentRedirect, anonymous.StatusCode);
        Assert.Equal("/state/programs", anonymous.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_recipe_with_the_british_keys_still_applies()
    {
        await Site.ApplyRecipeAsync($$"""
            { "name": "old-words", "steps": [
              { "name": "Organizations", "items": [
                { "kind": "State", "code": "old-words-state", "name": "Old Words State", "timeZone": "America/Chicago" },
                { "kind": "District", "code": "old-words-district", "name": "Old Words Schools", "parent": "old-words-state", "timeZone": "America/Chicago" },
                { "kind": "School", "code": "old-words-school", "name": "Old Words Elementary", "parent": "old-words-district" } ] },
              { "name": "People", "people": [
                { "email": "teacher@oldwords.plbadges.test", "name": "Old Words Teacher", "password": "{{Forms.DemoPassword}}", "roles": [ { "role": "Teacher", "organization": "old-words-school" } ] } ] },
              { "name": "Recognition", "states": [ { "state": "old-words-state",
                "programmes": [ { "kind": "Renewal", "name": "Old words renewal", "effectiveMonthsAgo": 1,
                  "rules": { "unitName": "clock hours", "unitsNeeded": 90, "cycleYears": 5, "basis": "CredentialHours", "unitsPerCredential": 0, "credentialCap": 30, "coachingCounts": false, "academyCounts": false, "approval": "State" } } ],
                "licences": [ { "person": "teacher@oldwords.plbadges.test", "number": "OW-1", "licensedYearsAgo": 2 } ] } ] },
              { "name": "Cohorts", "cohorts": [ { "district": "old-words-district", "name": "Old words academy", "programmeYear": "2026–27", "schools": [ "old-words-school" ] } ] } ] }
            """);
        var state = await Site.OrganizationIdAsync("old-words-state");
        var district = await Site.OrganizationIdAsync("old-words-district");
        var teacher = await Site.PersonIdAsync("teacher@oldwords.plbadges.test");
        var (program, license, year) = await Site.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PLBadgesDbContext>();
            return (await db.Set<Programme>().AsNoTracking().SingleOrDefaultAsync(p => p.StateId == state),
                await db.Set<EducatorLicence>().AsNoTracking().SingleOrDefaultAsync(l => l.PersonId == teacher),
                (await db.Set<Cohort>().AsNoTracking().SingleOrDefaultAsync(c => c.DistrictId == district))?.ProgrammeYear);
        });
        Assert.Equal("Old words renewal", program?.Name);
        Assert.Equal("OW-1", license?.EducatorNumber);
        Assert.Equal("2026–27", year);

        // An application's "programme" key is read too: the program it names is looked up (and here not found).
        var error = await Assert.ThrowsAsync<PLBadges.Abstractions.Recipes.RecipeException>(() => Site.ApplyRecipeAsync("""
            { "name": "old-words-application", "steps": [ { "name": "Recognition", "states": [ { "state": "old-words-state",
              "applications": [ { "person": "teacher@oldwords.plbadges.test", "programme": "No such renewal", "credentials": [] } ] } ] } ] }
            """));
        Assert.Contains("No program 'No such renewal'", error.Message);
    }

    /// <summary>A same-site page address worth reading, or null (files, downloads, the API, signing out).</summary>
    private static string? Followable(string href)
    {
        if (!href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }

        var path = href.Split('#')[0];
        var bare = path.Split('?')[0];
        string[] skipped = ["/api/", "/account/signout", "/account/logout", "/connect/", "/_content/", "/files/", "/hangfire", "/scalar", "/swagger", "/.well-known/", "/state/programmes"];
        string[] files = [".png", ".svg", ".json", ".jwt", ".pdf", ".csv", ".ics", ".zip", ".ico", ".xml", ".txt", ".js", ".css"];
        return path.Length == 0 || skipped.Any(s => bare.StartsWith(s, StringComparison.OrdinalIgnoreCase)) || files.Any(f => bare.EndsWith(f, StringComparison.OrdinalIgnoreCase))
            || path.Contains("handler=csv", StringComparison.OrdinalIgnoreCase) || path.Contains("handler=pdf", StringComparison.OrdinalIgnoreCase)
            ? null : path;
    }

    /// <summary>What a person reads: the text, the title, and the words of labels and controls that are not text.</summary>
    private static string Readable(AngleSharp.Html.Dom.IHtmlDocument document)
    {
        // A link to an old route may keep its old address; its words are checked, not its href.
        var parts = new List<string> { document.Title ?? "", document.Body?.TextContent ?? "" };
        foreach (var element in document.QuerySelectorAll("[aria-label], [title], [placeholder], [alt], input[type=submit][value], input[type=button][value]"))
        {
            parts.AddRange(new[] { "aria-label", "title", "placeholder", "alt" }.Select(element.GetAttribute).OfType<string>());
            if (element is IElement { TagName: "INPUT" })
            {
                parts.Add(element.GetAttribute("value") ?? "");
            }
        }

        return string.Join("\n", parts);
    }

    private static string Around(string text, Match match)
    {
        var start = Math.Max(0, match.Index - 40);
        var end = Math.Min(text.Length, match.Index + match.Length + 40);
        return Regex.Replace(text[start..end], @"\s+", " ");
    }
}

public sealed class WordingOnSqlite(SqliteSite fixture) : WordingTests(fixture), IClassFixture<SqliteSite>;

public sealed class WordingOnPostgres(PostgresSite fixture) : WordingTests(fixture), IClassFixture<PostgresSite>;
