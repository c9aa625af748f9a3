using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PLBadges.Credentials.Issuing;
using PLBadges.Pathways.Contracts;

namespace PLBadges.IntegrationTests;

/// <summary>
/// The moment a badge is earned, and the moment one is revoked, as the teacher meets them: the emails
/// (through a real SMTP server), the notices, the submission and pathway pages, and the owner's view with its share panel.
/// </summary>
public abstract class EarningTests(MailSiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    private SmtpServer Smtp => fixture.Smtp;

    private const string Mailed = "https://plbadges.example";

    /// <summary>A new teacher of their own passes the demo micro-credential; returns their email, client, the submission and its credential.</summary>
    private async Task<(string Email, HttpClient Teacher, Guid Submission, string Credential)> PassAsync()
    {
        var email = $"e{Guid.NewGuid():N}"[..12] + "@demo.plbadges.test";
        await Site.AddPersonAsync(email, "Teacher", "lincoln-elementary");
        var teacher = await Site.SignedInClientAsync(email);
        var submission = await Site.PassedSubmissionAsync(teacher);
        var credential = await Site.RunOutboxUntilAsync(db => db.Set<IssuedCredential>().Where(c => c.SubmissionId == submission).Select(c => c.Id).FirstOrDefaultAsync(), $"the credential of submission {submission}");
        return (email, teacher, submission, credential);
    }

    /// <summary>Runs the outbox and the mail sender until the message arrives; fails, naming it, after about ten seconds.</summary>
    private Task<MimeMessage> MailAsync(string to, string subjectStart) =>
        MailAsync(to, m => m.Subject?.StartsWith(subjectStart, StringComparison.Ordinal) == true, $"\"{subjectStart}…\"");

    private async Task<MimeMessage> MailAsync(string to, Func<MimeMessage, bool> wanted, string what)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await Site.RunOutboxAsync();
            await MailTests.SendMailAsync(Site);
            if (Smtp.MessagesTo(to).FirstOrDefault(wanted) is { } message)
            {
                return message;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"No email {what} reached {to}");
        return null!;
    }

    [Fact]
    public async Task A_pass_sends_the_badge_email_with_its_image_and_button_and_the_notice_and_the_submission_link_to_the_badge()
    {
        var (email, teacher, submission, id) = await PassAsync();

        var earned = await MailAsync(email, "You earned a badge");
        Assert.Contains($"<img src=\"{Mailed}/credentials/{id}.png\"", earned.HtmlBody);
        Assert.Contains("alt=\"Badge: ", earned.HtmlBody);
        Assert.Contains($"<a href=\"{Mailed}/me/credentials/{id}\"", earned.HtmlBody);
        Assert.Contains($"See your badge and share it: {Mailed}/me/credentials/{id}", earned.TextBody);
        Assert.DoesNotContain("![", earned.TextBody); // the image markup never reaches the text part
        Assert.Equal("image/png", (await Site.CreateClient().GetAsync($"/credentials/{id}.png")).Content.Headers.ContentType!.MediaType);
        var decision = await MailAsync(email, m => m.Subject?.EndsWith(": passed", StringComparison.Ordinal) == true, "of the decision");
        Assert.DoesNotContain("on its way", decision.TextBody);

        // The notice in the site leads to the badge too.
        var notices = await teacher.GetDocumentAsync("/me/notifications");
        Assert.NotNull(notices.QuerySelector($"a[href='/me/credentials/{id}']"));

        // So does the passed submission.
        var page = await teacher.GetDocumentAsync($"/me/submissions/{submission}");
        Assert.NotNull(page.QuerySelector($"#earned-badge a[href='/me/credentials/{id}']"));
    }

    [Fact]
    public async Task The_owners_view_offers_linkedin_with_the_certification_fields_email_copy_embed_and_downloads_to_her_alone()
    {
        var (_, teacher, _, id) = await PassAsync();
        var page = await teacher.GetDocumentAsync($"/me/credentials/{id}");
        var panel = page.QuerySelector("#share-panel")!;
        var publicUrl = $"{Mailed}/credentials/{id}";

        var linkedIn = new Uri(panel.QuerySelector("#share-linkedin")!.GetAttribute("href")!);
        Assert.Equal("www.linkedin.com", linkedIn.Host);
        var fields = QueryHelpers.ParseQuery(linkedIn.Query);
        Assert.Equal("CERTIFICATION_NAME", fields["startTask"]);
        Assert.Equal(page.QuerySelector("h1")!.TextContent, fields["name"]);
        Assert.Equal("Riverbend Unified School District", fields["organizationName"]);
        var issued = DateTime.Parse(page.QuerySelector(".credential-head time")!.GetAttribute("datetime")!, null, System.Globalization.DateTimeStyles.RoundtripKind);
        Assert.Equal(issued.Year.ToString(), fields["issueYear"]);
        Assert.Equal(issued.Month.ToString(), fields["issueMonth"]);
        Assert.Equal(publicUrl, fields["certUrl"]);
        Assert.Equal(id, fields["certId"]);

        Assert.StartsWith("mailto:", panel.QuerySelector("#share-email")!.GetAttribute("href"));
        Assert.Contains(Uri.EscapeDataString(publicUrl), panel.QuerySelector("#share-email")!.GetAttribute("href"));
        Assert.Equal(publicUrl, panel.QuerySelector("#share-link")!.GetAttribute("value"));
        Assert.Contains($"<img src=\"{publicUrl}.png\"", panel.QuerySelector("#share-embed")!.TextContent);
        foreach (var format in new[] { "png", "svg", "json" })
        {
            Assert.NotNull(panel.QuerySelector($"#share-downloads a[href='/credentials/{id}.{format}'][download]"));
        }

        // Another teacher, another district's admin, the platform's admin: as if it did not exist. A visitor signs in first.
        foreach (var other in new[] { DemoPeople.Teacher2, DemoPeople.OtherAdmin, DemoPeople.Platform })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await (await Site.SignedInClientAsync(other)).GetAsync($"/me/credentials/{id}")).StatusCode);
        }

        var anonymous = await Site.CreateBrowserlikeClient().GetAsync($"/me/credentials/{id}");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/signin", anonymous.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_pathway_page_shows_the_teachers_own_progress_and_the_capstone_still_to_come()
    {
        var (_, teacher, _, _) = await PassAsync();
        var pathway = await Site.InScopeAsync(async s =>
        {
            var catalog = s.GetRequiredService<IMicroCredentialCatalog>();
            var version = (await catalog.PublishedAsync(EvidenceDriver.Slug))!;
            return (await catalog.PathwayAsync(version.PathwayId))!;
        });

        var page = await teacher.GetDocumentAsync($"/pathways/{pathway.Slug}");
        var count = page.QuerySelectorAll("ol.steps > li").Length;
        Assert.True(count > 1, $"The demo pathway should have several micro-credentials; it has {count}.");
        Assert.Equal($"1 of {count} earned", page.QuerySelector("#pathway-earned")!.TextContent);
        Assert.Contains("still to come", page.QuerySelector("#pathway-progress")!.TextContent);
        Assert.Single(page.QuerySelectorAll("ol.steps > li .tag-success"));

        // A visitor sees the pathway, not anyone's progress.
        Assert.Null((await Site.CreateClient().GetDocumentAsync($"/pathways/{pathway.Slug}")).QuerySelector("#pathway-progress"));
    }

    [Fact]
    public async Task A_revoked_badge_is_told_to_its_owner_with_the_reason_and_no_longer_offered_for_sharing()
    {
        var (email, teacher, submission, id) = await PassAsync();
        var district = await Site.OrganizationIdAsync("demo-district");
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        await admin.SubmitAsync($"/district/credentials?district={district}", new Dictionary<string, string> { ["district"] = district.ToString(), ["credential"] = id, ["reason"] = "Evidence from another teacher" }, handler: "revoke");

        var told = await MailAsync(email, "Your badge was revoked");
        Assert.Contains("Evidence from another teacher", told.TextBody);
        Assert.Contains("restore", told.TextBody); // what she can do
        Assert.Contains($"{Mailed}/me/credentials/{id}", told.TextBody);
        var notice = (await teacher.GetDocumentAsync("/me/notifications")).QuerySelectorAll($"a[href='/me/credentials/{id}']").Select(a => a.TextContent).ToList();
        Assert.Contains(notice, text => text.Contains("Evidence from another teacher"));

        // Her own view says so, and offers nothing to share.
        var mine = await teacher.GetDocumentAsync($"/me/credentials/{id}");
        Assert.Contains("Evidence from another teacher", mine.QuerySelector("#revoked-notice")!.TextContent);
        Assert.Null(mine.QuerySelector("#share-panel"));
        Assert.Null(mine.QuerySelector("a[href*='linkedin']"));
        Assert.Equal("Revoked", mine.QuerySelector("#credential-state .seal-title")!.TextContent);

        var list = await teacher.GetDocumentAsync("/me/credentials");
        var item = list.QuerySelectorAll(".credential-list li").Single(li => li.QuerySelector($"a[href='/credentials/{id}']") != null);
        Assert.Contains("Evidence from another teacher", item.QuerySelector(".revoked-note")!.TextContent);
        Assert.Null(item.QuerySelector("a[href*='linkedin']"));
        Assert.Null(item.QuerySelector(".copy-button"));

        // The submission and the micro-credential page no longer just say "You passed".
        Assert.Contains("Evidence from another teacher", (await teacher.GetDocumentAsync($"/me/submissions/{submission}")).QuerySelector("#badge-revoked")!.TextContent);
        Assert.Null((await teacher.GetDocumentAsync($"/me/submissions/{submission}")).QuerySelector("#earned-badge"));
        var about = (await teacher.GetDocumentAsync($"/micro-credentials/{EvidenceDriver.Slug}")).QuerySelector(".start-submission")!.TextContent;
        Assert.Contains("revoked", about);
        Assert.Contains("Evidence from another teacher", about);
    }

    [Fact]
    public async Task The_public_page_renders_the_criteria_without_markdown_marks_and_the_credential_holds_plain_text()
    {
        var (_, _, _, id) = await PassAsync();
        var anonymous = Site.CreateClient();
        var page = await anonymous.GetDocumentAsync($"/credentials/{id}");
        var criteria = page.QuerySelector("#criteria")!;
        Assert.Contains("met", criteria.TextContent);
        Assert.DoesNotContain("**", page.QuerySelector("main")!.TextContent);
        Assert.Equal("Valid", page.QuerySelector("#credential-state .seal-title")!.TextContent);
        Assert.Equal("status", page.QuerySelector("#credential-state")!.GetAttribute("role"));

        var narrative = (string)System.Text.Json.Nodes.JsonNode.Parse(await anonymous.GetStringAsync($"/credentials/{id}.json"))!["credentialSubject"]!["achievement"]!["criteria"]!["narrative"]!;
        Assert.DoesNotContain("**", narrative);
        Assert.DoesNotContain(narrative.Split('\n'), line => line.TrimStart().StartsWith("- ", StringComparison.Ordinal));
        Assert.Contains("met", narrative);
    }

    [Fact]
    public async Task The_teachers_home_shows_her_latest_badge_and_her_progress_on_its_pathway_and_no_one_elses()
    {
        var (_, teacher, _, id) = await PassAsync();
        var home = await teacher.GetDocumentAsync("/");
        var badge = home.QuerySelector("#latest-badge-task")!;
        Assert.NotNull(badge.QuerySelector($"a[href='/me/credentials/{Uri.EscapeDataString(id)}']"));
        Assert.NotNull(badge.QuerySelector($"img[src='/credentials/{Uri.EscapeDataString(id)}.svg']"));
        var progress = home.QuerySelector("#pathway-progress-task")!;
        Assert.Matches(@"1 of \d+ earned", progress.TextContent);
        Assert.Contains("Still to come: the capstone", progress.TextContent);

        // Another teacher with nothing earned, and the coach, see neither.
        var email = $"n{Guid.NewGuid():N}"[..12] + "@demo.plbadges.test";
        await Site.AddPersonAsync(email, "Teacher", "lincoln-elementary");
        var other = await (await Site.SignedInClientAsync(email)).GetDocumentAsync("/");
        Assert.Null(other.QuerySelector("#latest-badge-task"));
        Assert.Null(other.QuerySelector("#pathway-progress-task"));
        Assert.DoesNotContain(id, await (await (await Site.SignedInClientAsync(DemoPeople.Coach)).GetAsync("/")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_teachers_home_leads_with_the_submission_to_continue_and_only_her_own()
    {
        var email = $"h{Guid.NewGuid():N}"[..12] + "@demo.plbadges.test";
        await Site.AddPersonAsync(email, "Teacher", "lincoln-elementary");
        var teacher = await Site.SignedInClientAsync(email);
        Assert.Null((await teacher.GetDocumentAsync("/")).QuerySelector("#continue-submission")); // nothing begun, nothing to continue

        var submission = await teacher.StartAsync();
        var task = (await teacher.GetDocumentAsync("/")).QuerySelector("#continue-submission")!;
        Assert.NotNull(task.QuerySelector($"a[href='/me/submissions/{submission}']"));
        Assert.Matches(@"Next: part 1 of \d+, .+ About \d+ minutes of work left\.", task.TextContent);

        await teacher.FillAsync(submission);
        Assert.Contains("ready to submit", (await teacher.GetDocumentAsync("/")).QuerySelector("#continue-submission")!.TextContent);
        await teacher.SubmitAsync(submission);
        Assert.Null((await teacher.GetDocumentAsync("/")).QuerySelector("#continue-submission")); // with the coaches now

        Assert.DoesNotContain(submission.ToString(), await (await (await Site.SignedInClientAsync(DemoPeople.Coach)).GetAsync("/")).Content.ReadAsStringAsync());
        Assert.Null((await Site.CreateClient().GetDocumentAsync("/")).QuerySelector("#continue-submission"));
    }
}

public sealed class EarningOnSqlite(SqliteMailSite fixture) : EarningTests(fixture), IClassFixture<SqliteMailSite>;

public sealed class EarningOnPostgres(PostgresMailSite fixture) : EarningTests(fixture), IClassFixture<PostgresMailSite>;
