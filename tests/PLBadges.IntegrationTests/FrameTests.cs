using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Notifications;
using PLBadges.Data;

namespace PLBadges.IntegrationTests;

/// <summary>
/// The frame every page shares, as a browser without script reads it: icons at their addresses, the
/// unread count in the header, and the design system's error pattern (title, summary, message at the
/// field) as the style guide shows it.
/// </summary>
public abstract class FrameTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    [Fact]
    public async Task The_favicon_and_the_app_icons_answer_at_their_addresses()
    {
        var client = Site.CreateBrowserlikeClient();
        var favicon = await client.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, favicon.StatusCode);
        Assert.Equal("image/x-icon", favicon.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, (await favicon.Content.ReadAsByteArrayAsync())[..4]); // an ICO header

        var home = await client.GetDocumentAsync("/");
        var links = home.QuerySelectorAll("link[rel~=icon], link[rel=apple-touch-icon], link[rel=manifest]").Select(l => l.GetAttribute("href")!).ToList();
        Assert.Equal(4, links.Count);
        foreach (var href in links)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(href)).StatusCode);
        }

        var manifestHref = links.Single(h => h.EndsWith(".webmanifest", StringComparison.Ordinal));
        using var manifest = JsonDocument.Parse(await client.GetStringAsync(manifestHref));
        var folder = manifestHref[..(manifestHref.LastIndexOf('/') + 1)];
        foreach (var icon in manifest.RootElement.GetProperty("icons").EnumerateArray())
        {
            var src = folder + icon.GetProperty("src").GetString();
            Assert.True((await client.GetAsync(src)).IsSuccessStatusCode, src);
        }
    }

    [Fact]
    public async Task The_header_counts_unread_notifications_until_they_are_read()
    {
        // A message of its own, so the count does not hang on what the demo happens to leave unread.
        var maya = await Site.PersonIdAsync(DemoPeople.Teacher);
        await Site.InScopeAsync(async services =>
        {
            await services.GetRequiredService<IInbox>().AddAsync(maya, "Your coach left a note.", "/me/submissions", "frame-test:" + Guid.NewGuid());
            await services.GetRequiredService<PLBadgesDbContext>().SaveChangesAsync();
        });

        var client = await Site.SignedInClientAsync(DemoPeople.Teacher);
        var inbox = await client.GetDocumentAsync("/me/notifications");
        var unread = inbox.QuerySelectorAll("ul.inbox li.unread").Length;
        Assert.True(unread > 0, "Maya Teacher has the unread message just added.");
        Assert.Equal($"{unread} unread", Count(inbox));

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/me/notifications", new Dictionary<string, string>())).StatusCode);
        Assert.Null(Count(await client.GetDocumentAsync("/")));
    }

    [Fact]
    public async Task The_header_shows_no_count_to_a_visitor()
    {
        var home = await Site.CreateBrowserlikeClient().GetDocumentAsync("/");
        Assert.Null(home.QuerySelector(".notifications-link"));
        Assert.NotNull(home.QuerySelector("nav[aria-label=Account] a[href='/account/signin']"));
    }

    [Fact]
    public async Task The_style_guide_shows_an_error_summary_linking_to_each_field_and_the_message_at_the_field()
    {
        var page = await (await Site.SignedInClientAsync(DemoPeople.Platform)).GetDocumentAsync("/styleguide");

        var summary = page.QuerySelector("div.error-summary[role=alert]")!;
        Assert.Equal("There is a problem", summary.QuerySelector("h2")!.TextContent);
        var targets = summary.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["#Example_Band", "#Example_Email"], targets);

        // A single control: the message sits in its field group, before it, and the control names it.
        var email = page.GetElementById("Example_Email")!;
        Assert.Equal("true", email.GetAttribute("aria-invalid"));
        var message = page.GetElementById(email.GetAttribute("aria-describedby")!)!;
        Assert.Equal("Error: Enter an email address in the right form, like name@school.org.", message.TextContent);
        Assert.Same(email.ParentElement, message.ParentElement);
        Assert.Contains("field", email.ParentElement!.ClassList);

        // A group: the message under the legend, once, and each choice marked.
        var group = page.GetElementById("Example_Band")!.Closest("fieldset")!;
        Assert.Single(group.QuerySelectorAll(".error-message"));
        Assert.Equal("Error: Choose the grade band you teach.", group.QuerySelector("legend + .error-message")!.TextContent);
        Assert.All(group.QuerySelectorAll("input[type=radio]"), radio => Assert.Equal("true", radio.GetAttribute("aria-invalid")));

        // The page itself was not refused, so its title does not say so.
        Assert.Equal("Style guide · PLBadges", page.Title);
    }

    [Fact]
    public async Task A_refused_form_says_Error_first_in_its_title()
    {
        var failed = await Site.CreateBrowserlikeClient().SignInAsync(DemoPeople.Teacher, "Not-the-passw0rd");
        var page = (IHtmlDocument)new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await failed.Content.ReadAsStringAsync());
        Assert.Equal("Error: Sign in · PLBadges", page.Title);
    }

    private static string? Count(IHtmlDocument page) => page.QuerySelector(".notifications-link .count")?.TextContent;
}

public sealed class FrameOnSqlite(SqliteSite fixture) : FrameTests(fixture), IClassFixture<SqliteSite>;

public sealed class FrameOnPostgres(PostgresSite fixture) : FrameTests(fixture), IClassFixture<PostgresSite>;
