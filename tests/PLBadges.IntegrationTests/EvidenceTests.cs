using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Files;
using PLBadges.Data;
using PLBadges.Data.Files;
using PLBadges.Evidence.Artifacts;
using PLBadges.Evidence.Reviewing;
using PLBadges.Evidence.Submissions;

namespace PLBadges.IntegrationTests;

/// <summary>A demo site with small upload limits, so that "too large" is quick to reach.</summary>
public abstract class EvidenceSiteFixture(string provider) : SiteFixture(provider)
{
    public const long MaxFileBytes = 64 * 1024;

    protected override Task<IDictionary<string, string?>> SettingsAsync() => Task.FromResult<IDictionary<string, string?>>(new Dictionary<string, string?>
    {
        ["Evidence:MaxFileBytes"] = MaxFileBytes.ToString(),
        ["Evidence:MaxSubmissionBytes"] = (2 * MaxFileBytes).ToString(),
    });
}

public sealed class SqliteEvidenceSite() : EvidenceSiteFixture("Sqlite");

public sealed class PostgresEvidenceSite() : EvidenceSiteFixture("Postgres");

public abstract class EvidenceTests(EvidenceSiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    /// <summary>A Guid as SQL for the provider: SQLite keeps them as upper-case text, PostgreSQL as uuid.</summary>
    private string Id(Guid id) => fixture.Provider == "Sqlite" ? $"'{id.ToString().ToUpperInvariant()}'" : $"'{id}'";

    /// <summary>A teacher of their own, so tests sharing the site do not meet each other's submissions.</summary>
    private async Task<HttpClient> NewTeacherAsync(string school = "lincoln-elementary") =>
        await Site.SignedInClientAsync(await NewTeacherEmailAsync(school));

    private async Task<string> NewTeacherEmailAsync(string school = "lincoln-elementary")
    {
        var email = $"t{Guid.NewGuid():N}"[..12] + "@demo.plbadges.test";
        await Site.AddPersonAsync(email, "Teacher", school);
        return email;
    }

    [Fact]
    public async Task A_teacher_works_over_two_visits_and_submits_when_every_part_is_complete()
    {
        var email = await NewTeacherEmailAsync();
        var teacher = await Site.SignedInClientAsync(email);
        var id = await teacher.StartAsync();
        // The micro-credential's page now leads back to the same draft.
        Assert.NotNull((await teacher.GetDocumentAsync($"/micro-credentials/{EvidenceDriver.Slug}")).QuerySelector($"a[href='/me/submissions/{id}']"));

        var saved = await teacher.SaveAsync(id, 0, 0, "First visit: the student and why.");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("savedAt", await saved.Content.ReadAsStringAsync());

        // Second visit, signed in afresh: the answer is there and the page says what is still needed.
        var again = await Site.SignedInClientAsync(email);
        var page = await again.GetDocumentAsync($"/me/submissions/{id}");
        Assert.Equal("First visit: the student and why.", page.QuerySelector("#answer-0-0")!.TextContent);
        Assert.Contains("0 of 3 parts complete", page.QuerySelector(".progress")!.TextContent);
        Assert.Contains("an answer to question 2", page.QuerySelector(".progress")!.TextContent);

        var early = await again.SubmitAsync(id);
        Assert.Equal("Draft", await Site.StateAsync(id));
        Assert.Contains("still needs", await early.RefusalAsync());

        await again.FillAsync(id);
        Assert.Contains("3 of 3 parts complete", (await again.GetDocumentAsync($"/me/submissions/{id}")).QuerySelector(".progress")!.TextContent);
        var submitted = await again.SubmitAsync(id);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal("Submitted", await Site.StateAsync(id));
        Assert.Equal(1, await Site.CountAsync("SubmissionTransitions", $"\"SubmissionId\" = {Id(id)} AND \"From\" = 'Draft' AND \"To\" = 'Submitted' AND \"ById\" IS NOT NULL"));

        // Submitted evidence cannot be changed.
        var late = await again.SaveAsync(id, 0, 0, "A change after submitting");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        Assert.Contains("cannot be changed", await EvidenceDriver.ErrorOfAsync(late));

        var list = await again.GetFromJsonAsync<JsonElement>("/api/v1/me/submissions");
        Assert.Contains(list.EnumerateArray(), s => s.GetProperty("id").GetGuid() == id && s.GetProperty("state").GetString() == "Submitted");
        var one = await again.GetFromJsonAsync<JsonElement>($"/api/v1/me/submissions/{id}");
        Assert.True(one.GetProperty("parts").EnumerateArray().All(p => p.GetProperty("complete").GetBoolean()));
    }

    [Fact]
    public async Task An_expired_session_gets_401_and_the_next_save_after_signing_in_succeeds()
    {
        var email = await NewTeacherEmailAsync();
        var teacher = await Site.SignedInClientAsync(email);
        var id = await teacher.StartAsync();
        var token = await teacher.TokenAsync($"/me/submissions/{id}");

        var signedOut = Site.CreateBrowserlikeClient(); // the cookie is gone
        var refused = await signedOut.SaveAsync(id, 0, 1, "Typed while signed out", token);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await signedOut.SignInAsync(email)).StatusCode);
        var retried = await signedOut.SaveAsync(id, 0, 1, "Typed while signed out");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("Typed while signed out", (await teacher.GetDocumentAsync($"/me/submissions/{id}")).QuerySelector("#answer-0-1")!.TextContent);
    }

    [Fact]
    public async Task Unsafe_uploads_are_refused_with_a_reason_and_nothing_else_is_lost()
    {
        var teacher = await NewTeacherAsync();
        var id = await teacher.StartAsync();
        await teacher.SaveAsync(id, 0, 0, "Kept whatever happens to the uploads.");
        Assert.Equal(HttpStatusCode.OK, (await teacher.UploadAsync(id, "good.pdf", EvidenceDriver.Pdf)).StatusCode);

        async Task RefusedAsync(string name, byte[] bytes, string reason)
        {
            var response = await teacher.UploadAsync(id, name, bytes);
            Assert.True(response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.RequestEntityTooLarge, $"{name}: {(int)response.StatusCode}");
            var error = await EvidenceDriver.ErrorOfAsync(response);
            Assert.Contains(reason, error);
            Assert.Contains("unchanged", error);
        }

        await RefusedAsync("lesson-plan.pdf", "This is not a PDF at all, just words.\n"u8.ToArray().Concat(new byte[] { 0, 1, 2 }).ToArray(), "is named as a PDF, but its content is not one");
        await RefusedAsync("photo.png", EvidenceDriver.Pdf, "its content is a PDF");
        await RefusedAsync("big.pdf", [.. EvidenceDriver.Pdf, .. new byte[EvidenceSiteFixture.MaxFileBytes]], "larger than 64 KB");
        await RefusedAsync("empty.pdf", [], "is empty");
        await RefusedAsync("../../etc/passwd.txt", "root:x:0:0"u8.ToArray(), "folder part");
        await RefusedAsync("..\\secret.pdf", EvidenceDriver.Pdf, "folder part");
        await RefusedAsync("\u0007\u202E", EvidenceDriver.Pdf, "has no name"); // control characters are removed from names, and nothing is left
        await RefusedAsync("program.exe", "MZ\u0090\u0000"u8.ToArray(), "not a kind of file");

        // A request cut off midway: the body ends before the declared length.
        var token = await teacher.TokenAsync($"/me/submissions/{id}");
        var boundary = "----cut";
        var head = $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cut.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 partial";
        var cut = new HttpRequestMessage(HttpMethod.Post, $"/me/submissions/{id}?handler=upload&part=1")
        {
            Content = new StreamContent(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(head))),
        };
        cut.Content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        cut.Headers.Add("RequestVerificationToken", token);
        cut.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var interrupted = await teacher.SendAsync(cut);
        Assert.True(interrupted.StatusCode == HttpStatusCode.BadRequest, $"{(int)interrupted.StatusCode}: {(await interrupted.Content.ReadAsStringAsync())[..Math.Min(3000, (await interrupted.Content.ReadAsStringAsync()).Length)]}");
        Assert.Contains("interrupted", await EvidenceDriver.ErrorOfAsync(interrupted));

        // Only the good file is there, and the answer is intact; nothing is left half-written on disk.
        Assert.Equal(1, await Site.CountAsync("SubmissionArtifacts", $"\"SubmissionId\" = {Id(id)}"));
        Assert.Equal("Kept whatever happens to the uploads.", (await teacher.GetDocumentAsync($"/me/submissions/{id}")).QuerySelector("#answer-0-0")!.TextContent);
        var incoming = Path.Combine(Site.Database.DataFolder, "incoming");
        Assert.Empty(Directory.GetFiles(incoming));

        // Past the submission's total (2 × 64 KB), a third large file is refused.
        var large = new byte[EvidenceSiteFixture.MaxFileBytes - 1024];
        EvidenceDriver.Pdf.CopyTo(large, 0);
        Assert.Equal(HttpStatusCode.OK, (await teacher.UploadAsync(id, "a.pdf", large)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await teacher.UploadAsync(id, "b.pdf", large)).StatusCode);
        await RefusedAsync("c.pdf", large, "in all");
    }

    [Fact]
    public async Task Files_are_served_only_to_those_allowed_as_nosniff_downloads()
    {
        var teacher = await NewTeacherAsync();
        var id = await teacher.StartAsync();
        var uploaded = await teacher.UploadAsync(id, "plan.pdf", EvidenceDriver.Pdf);
        var artifact = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var download = $"/evidence/files/{artifact}";

        var own = await teacher.GetAsync(download);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("nosniff", own.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("attachment", own.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(EvidenceDriver.Pdf, await own.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes", own.Headers.AcceptRanges.Single());

        // A range is served as one (206), the end of the file by suffix too; one past the end is 416.
        var ranged = new HttpRequestMessage(HttpMethod.Get, download);
        ranged.Headers.Range = new RangeHeaderValue(2, 9);
        var part = await teacher.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal($"bytes 2-9/{EvidenceDriver.Pdf.Length}", part.Content.Headers.ContentRange!.ToString());
        Assert.Equal(EvidenceDriver.Pdf[2..10], await part.Content.ReadAsByteArrayAsync());
        var tail = new HttpRequestMessage(HttpMethod.Get, download);
        tail.Headers.Range = new RangeHeaderValue(null, 4);
        Assert.Equal(EvidenceDriver.Pdf[^4..], await (await teacher.SendAsync(tail)).Content.ReadAsByteArrayAsync());
        var beyond = new HttpRequestMessage(HttpMethod.Get, download);
        beyond.Headers.Range = new RangeHeaderValue(EvidenceDriver.Pdf.Length, null);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, (await teacher.SendAsync(beyond)).StatusCode);

        // A draft is the teacher's alone: not even a coach of the district sees it yet.
        var coach = await Site.SignedInClientAsync(DemoPeople.Coach);
        var early = await coach.GetAsync(download);
        Assert.True(early.StatusCode == HttpStatusCode.NotFound, $"{(int)early.StatusCode} {early.Headers.Location}");

        await teacher.FillAsync(id);
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync(id)).StatusCode);

        foreach (var email in new[] { DemoPeople.Teacher2, DemoPeople.OtherCoach, DemoPeople.OtherAdmin, DemoPeople.Admin })
        {
            var stranger = await Site.SignedInClientAsync(email);
            var response = await stranger.GetAsync(download);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{email} got {(int)response.StatusCode}");
            Refused(await stranger.GetAsync($"/me/submissions/{id}"));
            Refused(await stranger.GetAsync($"/api/v1/me/submissions/{id}"));
        }

        var anonymous = await Site.CreateBrowserlikeClient().GetAsync(download);
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.DoesNotContain("%PDF", await anonymous.Content.ReadAsStringAsync());

        // The district's coach may now, and that look is logged for the teacher to see.
        Assert.Equal(0, await Site.CountAsync("EvidenceViews", $"\"SubmissionId\" = {Id(id)}"));
        Assert.Equal(HttpStatusCode.OK, (await coach.GetAsync(download)).StatusCode);
        Assert.Equal(1, await Site.CountAsync("EvidenceViews", $"\"SubmissionId\" = {Id(id)} AND \"ArtifactId\" = {Id(artifact)}"));
        // A document viewer's range requests, even side by side, are the same look within the hour: logged once.
        var ranges = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, download);
            request.Headers.Range = new RangeHeaderValue(i, i + 3);
            return coach.SendAsync(request);
        }));
        Assert.All(ranges, r => Assert.Equal(HttpStatusCode.PartialContent, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, (await coach.GetAsync(download)).StatusCode);
        Assert.Equal(1, await Site.CountAsync("EvidenceViews", $"\"SubmissionId\" = {Id(id)} AND \"ArtifactId\" = {Id(artifact)}"));
        await teacher.GetAsync(download); // the teacher's own looks are not logged
        Assert.Equal(1, await Site.CountAsync("EvidenceViews", $"\"SubmissionId\" = {Id(id)}"));
        Assert.Contains("Jordan Coach downloaded “plan.pdf”", await (await teacher.GetAsync($"/me/submissions/{id}")).TextAsync());
    }

    [Fact]
    public async Task An_image_shows_inline_for_the_coach_sandboxed_and_logged_once_an_hour_and_a_pdf_stays_a_download()
    {
        var teacher = await NewTeacherAsync();
        var id = await teacher.StartAsync();
        var png = PLBadges.Credentials.Baking.PngBadge.Draw("#336699");
        var uploaded = await teacher.UploadAsync(id, "anchor-chart.png", png);
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var artifact = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        await teacher.FillAsync(id); // adds a PDF too
        await teacher.SubmitAsync(id);

        var coach = await Site.SignedInClientAsync(DemoPeople.Coach);
        var page = await coach.GetDocumentAsync($"/review/{await coach.ClaimAsync(id)}");
        var image = Assert.Single(page.QuerySelectorAll("img.evidence-preview")); // the image only, not the PDF
        Assert.Equal($"/evidence/files/{artifact}", image.GetAttribute("src"));
        Assert.Contains("anchor-chart.png", image.GetAttribute("alt"));
        Assert.NotEmpty(page.QuerySelectorAll("a[href^='/evidence/files/'][download]"));

        Assert.Equal(0, await Site.CountAsync("EvidenceViews", $"\"ArtifactId\" = {Id(artifact)}"));
        foreach (var _ in new[] { 1, 2 })
        {
            var shown = await coach.GetAsync($"/evidence/files/{artifact}");
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
            Assert.Equal("image/png", shown.Content.Headers.ContentType!.MediaType);
            Assert.Equal("inline", shown.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("nosniff", shown.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("default-src 'none'; sandbox", shown.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal(png, await shown.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(1, await Site.CountAsync("EvidenceViews", $"\"ArtifactId\" = {Id(artifact)}")); // two looks in the hour: one row

        // A teacher of another school and people of another district cannot fetch it.
        foreach (var stranger in new[] { await NewTeacherAsync("washington-middle"), await Site.SignedInClientAsync(DemoPeople.OtherTeacher), await Site.SignedInClientAsync(DemoPeople.OtherCoach) })
        {
            var response = await stranger.GetAsync($"/evidence/files/{artifact}");
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{(int)response.StatusCode}");
        }

        Assert.Equal(1, await Site.CountAsync("EvidenceViews", $"\"ArtifactId\" = {Id(artifact)}"));

        // The teacher reads the image as viewed (it was shown in the coach's page) and the PDF as downloaded.
        var pdf = page.QuerySelectorAll("a[href^='/evidence/files/'][download]").Select(a => a.GetAttribute("href")!).Single(href => !href.EndsWith(artifact.ToString()));
        Assert.Equal(HttpStatusCode.OK, (await coach.GetAsync(pdf)).StatusCode);
        var seen = (await teacher.GetDocumentAsync($"/me/submissions/{id}")).QuerySelector("[aria-labelledby='views-heading']")!.TextContent;
        Assert.Contains("Jordan Coach viewed “anchor-chart.png”", seen);
        Assert.Contains("Jordan Coach downloaded “tool-and-graph.pdf”", seen);
        Assert.DoesNotContain("downloaded “anchor-chart.png”", seen);
    }

    [Fact]
    public async Task Not_yet_then_resubmit_then_pass_raises_the_passed_event_and_tells_the_teacher()
    {
        var teacher = await NewTeacherAsync();
        var id = await teacher.StartAsync();
        await teacher.FillAsync(id);
        await teacher.SubmitAsync(id);

        var coach = await Site.SignedInClientAsync(DemoPeople.Coach);
        var review = await coach.ClaimAsync(id);
        Assert.Equal("InReview", await Site.StateAsync(id));
        Assert.Equal(HttpStatusCode.OK, (await coach.GetAsync($"/review/{review}")).StatusCode);
        Assert.Equal(1, await Site.CountAsync("EvidenceViews", $"\"SubmissionId\" = {Id(id)}")); // claiming opens the evidence, logged

        // Deciding with a "not yet" but no comment is refused; the scores are kept.
        var fields = await coach.ScoreAsync(review, allMet: false, feedback: "");
        Assert.Contains("feedback for the teacher is empty", await fields.TextAsync());
        Assert.Equal("InReview", await Site.StateAsync(id));

        Assert.Equal(HttpStatusCode.Redirect, (await coach.ScoreAsync(review, allMet: false, feedback: "Strong tool; the baseline needs more data.")).StatusCode);
        Assert.Equal("NotYet", await Site.StateAsync(id));
        var page = await teacher.GetAsync($"/me/submissions/{id}");
        var text = await page.TextAsync();
        Assert.Contains("Attempt 1: not yet", text);
        Assert.Contains("Add at least three baseline data points.", text);
        Assert.Contains("not yet. Read the feedback.", await (await teacher.GetAsync("/me/notifications")).TextAsync());

        await teacher.SaveAsync(id, 0, 1, "Now with five baseline points.");
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync(id)).StatusCode);
        Assert.Equal("Submitted", await Site.StateAsync(id));

        var second = await coach.ClaimAsync(id);
        Assert.Equal(HttpStatusCode.Redirect, (await coach.ScoreAsync(second, allMet: true)).StatusCode);
        Assert.Equal("Passed", await Site.StateAsync(id));
        Assert.Equal(1, await Site.CountAsync("OutboxMessages", $"\"Type\" LIKE '%MicroCredentialPassed%' AND \"Payload\" LIKE '%{id}%'"));
        Assert.Equal(2, await Site.CountAsync("EmailMessages", $"\"IdempotencyKey\" LIKE 'evidence.decision:{id}:%'"));
        Assert.Equal(7, await Site.CountAsync("SubmissionTransitions", $"\"SubmissionId\" = {Id(id)}")); // started, submitted, claimed, not yet, resubmitted, claimed, passed

        // Passed evidence is kept: it can be neither deleted nor withdrawn.
        var delete = await teacher.SubmitAsync($"/me/submissions/{id}", new Dictionary<string, string>(), handler: "delete");
        Assert.Equal("Passed", await Site.StateAsync(id));
        Assert.Contains("Only a draft can be deleted", await delete.RefusalAsync());
    }

    [Fact]
    public async Task A_claim_hides_the_submission_from_other_coaches_until_it_lapses()
    {
        var teacher = await NewTeacherAsync();
        var id = await teacher.StartAsync();
        await teacher.FillAsync(id);
        await teacher.SubmitAsync(id);
        var coach = await Site.SignedInClientAsync(DemoPeople.Coach);
        var lead = await Site.SignedInClientAsync(DemoPeople.LeadCoach);
        Assert.Contains(id, await lead.QueueAsync());

        var review = await coach.ClaimAsync(id);
        Assert.DoesNotContain(id, await lead.QueueAsync());
        var refused = await lead.SubmitAsync("/review", new Dictionary<string, string> { ["submission"] = id.ToString() }, handler: "claim");
        Assert.Contains("not in your queue now", await refused.RefusalAsync());

        Assert.Equal(1, await Site.CountAsync("Submissions", $"\"Id\" = {Id(id)} AND \"ReviewsHeld\" = 1 AND \"ClaimsLapseAt\" IS NOT NULL"));

        // Time passes: the claim's expiry, and the submission's copy of it, move into the past.
        await Site.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PLBadgesDbContext>();
            var past = DateTime.UtcNow.AddMinutes(-1);
            await db.Set<Review>().Where(r => r.Id == review).ExecuteUpdateAsync(u => u.SetProperty(r => r.ClaimExpiresAt, past));
            await db.Set<Submission>().Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.ClaimsLapseAt, past));
        });
        Assert.Contains(id, await lead.QueueAsync()); // a lapsed claim frees the slot at once

        await Site.InScopeAsync(services => services.GetRequiredService<PLBadges.Evidence.Notifications.ClaimLapses>().RunAsync(CancellationToken.None));
        await Site.InScopeAsync(services => services.GetRequiredService<PLBadges.Evidence.Notifications.ClaimLapses>().RunAsync(CancellationToken.None)); // idempotent
        Assert.Equal("Submitted", await Site.StateAsync(id));
        Assert.Equal(1, await Site.CountAsync("Reviews", $"\"Id\" = {Id(review)} AND \"Status\" = 'Lapsed'"));
        Assert.Equal(1, await Site.CountAsync("SubmissionTransitions", $"\"SubmissionId\" = {Id(id)} AND \"Note\" = 'Claim lapsed' AND \"ById\" IS NULL"));
        Assert.Equal(1, await Site.CountAsync("Submissions", $"\"Id\" = {Id(id)} AND \"ReviewsHeld\" = 0 AND \"ClaimsLapseAt\" IS NULL"));

        // The lapsed coach can no longer decide on it.
        var late = await coach.ScoreAsync(review, allMet: true);
        Assert.Contains("no longer yours", await late.TextAsync());
        Assert.Equal("Submitted", await Site.StateAsync(id));
    }

    [Fact]
    public async Task A_coach_is_never_offered_their_own_submission_nor_where_the_district_says_their_schools()
    {
        // The coach works on a micro-credential of their own.
        var coach = await Site.SignedInClientAsync(DemoPeople.Coach);
        var own = await coach.StartAsync("udl-representation");
        await coach.SaveAsync(own, 0, 0, "x");
        Assert.DoesNotContain(own, await coach.QueueAsync());

        var teacher = await NewTeacherAsync("washington-middle");
        var id = await teacher.StartAsync();
        await teacher.FillAsync(id);
        await teacher.SubmitAsync(id);
        Assert.Contains(id, await coach.QueueAsync());

        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var district = await Site.OrganizationIdAsync("demo-district");
        await SetRulesAsync(admin, district, new() { ["Form.ExcludeOwnSchool"] = "true" });
        Assert.DoesNotContain(id, await coach.QueueAsync()); // the coach belongs to Washington Middle
        Assert.Contains(id, await (await Site.SignedInClientAsync(DemoPeople.LeadCoach)).QueueAsync()); // a district-level coach does not
        Assert.DoesNotContain(id, await (await Site.SignedInClientAsync(DemoPeople.OtherCoach)).QueueAsync()); // another district's never
        await SetRulesAsync(admin, district, new());
    }

    [Fact]
    public async Task Resubmission_stops_at_the_districts_attempt_limit()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var district = await Site.OrganizationIdAsync("demo-district");
        await SetRulesAsync(admin, district, new() { ["Form.MaxAttempts"] = "1" });
        try
        {
            var teacher = await NewTeacherAsync();
            var id = await teacher.StartAsync();
            await teacher.FillAsync(id);
            await teacher.SubmitAsync(id);
            var coach = await Site.SignedInClientAsync(DemoPeople.LeadCoach);
            await coach.ScoreAsync(await coach.ClaimAsync(id), allMet: false);
            Assert.Equal("NotYet", await Site.StateAsync(id));

            var refused = await teacher.SubmitAsync(id);
            Assert.Equal("NotYet", await Site.StateAsync(id));
            Assert.Contains("allows 1 attempts, and all have been used", await refused.RefusalAsync());
        }
        finally
        {
            await SetRulesAsync(admin, district, new());
        }
    }

    [Fact]
    public async Task Two_reviewers_who_disagree_go_to_a_lead_coach_and_the_report_shows_their_agreement()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var district = await Site.OrganizationIdAsync("demo-district");
        var lead = await Site.PersonIdAsync(DemoPeople.LeadCoach);
        var credential = await Site.InScopeAsync(async services =>
            (await services.GetRequiredService<PLBadges.Pathways.Contracts.IMicroCredentialCatalog>().PublishedAsync("udl-action-expression"))!.MicroCredentialId);
        await SetRulesAsync(admin, district, new() { ["Form.SecondReviewMicroCredentials"] = credential.ToString(), ["Form.LeadCoaches"] = lead.ToString() });
        try
        {
            var teacher = await NewTeacherAsync();
            var id = await teacher.StartAsync("udl-action-expression");
            await FillAnyAsync(teacher, id);
            Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync(id)).StatusCode);
            Assert.Equal(1, await Site.CountAsync("Submissions", $"\"Id\" = {Id(id)} AND \"ReviewsRequired\" = 2"));

            var coach = await Site.SignedInClientAsync(DemoPeople.Coach);
            var other = await Site.SignedInClientAsync(DemoPeople.Teacher2); // not a coach: no queue at all
            Assert.NotEqual(HttpStatusCode.OK, (await other.GetAsync("/review")).StatusCode);

            var first = await coach.ClaimAsync(id);
            Assert.Contains(id, await (await Site.SignedInClientAsync(DemoPeople.LeadCoach)).QueueAsync()); // the second slot is open
            var leadClient = await Site.SignedInClientAsync(DemoPeople.LeadCoach);
            var second = await leadClient.ClaimAsync(id);
            Assert.Equal(HttpStatusCode.Redirect, (await ScoreAnyAsync(coach, first, id, met: true)).StatusCode);
            Assert.Equal("InReview", await Site.StateAsync(id)); // waiting for the second review
            Assert.Equal(HttpStatusCode.Redirect, (await ScoreAnyAsync(leadClient, second, id, met: false)).StatusCode);
            Assert.Equal("InReview", await Site.StateAsync(id));
            Assert.Equal(1, await Site.CountAsync("Submissions", $"\"Id\" = {Id(id)} AND \"AwaitingLead\" = {(fixture.Provider == "Postgres" ? "TRUE" : "1")}"));

            // The lead reviewed it already, so cannot settle it; a lead who did not review can.
            Assert.DoesNotContain(id, await leadClient.QueueAsync());
            await Site.AddPersonAsync("lead2@demo.plbadges.test", "Coach", "demo-district");
            var lead2 = await Site.PersonIdAsync("lead2@demo.plbadges.test");
            await SetRulesAsync(admin, district, new() { ["Form.SecondReviewMicroCredentials"] = credential.ToString(), ["Form.LeadCoaches"] = lead2.ToString() });
            var settler = await Site.SignedInClientAsync("lead2@demo.plbadges.test");
            var decisive = await settler.ClaimAsync(id);
            Assert.Equal(HttpStatusCode.Redirect, (await ScoreAnyAsync(settler, decisive, id, met: true)).StatusCode);
            Assert.Equal("Passed", await Site.StateAsync(id));

            var report = await (await admin.GetAsync($"/district/review?district={district}")).TextAsync();
            Assert.Contains("Action and Expression: Multiple Ways to Demonstrate Knowledge", report);
            Assert.Contains("Jordan Coach", report);
            Assert.Contains("Lee Lead", report);
            var other2 = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
            Assert.Equal(HttpStatusCode.NotFound, (await other2.GetAsync($"/district/review?district={district}")).StatusCode);
        }
        finally
        {
            await SetRulesAsync(admin, district, new());
        }
    }

    [Fact]
    public async Task The_first_of_two_reviewers_is_told_a_pass_goes_to_the_second_reviewer_and_issues_no_badge()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var district = await Site.OrganizationIdAsync("demo-district");
        var credential = await Site.InScopeAsync(async services =>
            (await services.GetRequiredService<PLBadges.Pathways.Contracts.IMicroCredentialCatalog>().PublishedAsync("udl-action-expression"))!.MicroCredentialId);
        await SetRulesAsync(admin, district, new() { ["Form.SecondReviewMicroCredentials"] = credential.ToString() });
        try
        {
            var teacher = await NewTeacherAsync();
            var id = await teacher.StartAsync("udl-action-expression");
            await FillAnyAsync(teacher, id);
            Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync(id)).StatusCode);

            // The first reviewer: the confirmation and its refusal say the pass is handed on, not that it issues a badge.
            var coach = await Site.SignedInClientAsync(DemoPeople.Coach);
            var first = await coach.ClaimAsync(id);
            var label = (await coach.GetDocumentAsync($"/review/{first}")).QuerySelector("label[for='confirm-pass']")!.TextContent;
            Assert.Contains("Record the pass: this sends it to a second reviewer, who decides; no badge is issued yet.", label);
            Assert.DoesNotContain("issues a signed badge", label);
            var unconfirmed = await ScoreAnyAsync(coach, first, id, met: true, confirm: false);
            await Refusals.AtFieldAsync(unconfirmed, "confirm-pass", "Confirm the pass first: this sends it to a second reviewer, who decides; no badge is issued yet.");
            Assert.Equal(HttpStatusCode.Redirect, (await ScoreAnyAsync(coach, first, id, met: true)).StatusCode);
            Assert.Equal("InReview", await Site.StateAsync(id));

            // The second reviewer decides, and is told the badge follows only if the two agree.
            var second = await Site.SignedInClientAsync(DemoPeople.LeadCoach);
            var decisive = await second.ClaimAsync(id);
            var secondLabel = (await second.GetDocumentAsync($"/review/{decisive}")).QuerySelector("label[for='confirm-pass']")!.TextContent;
            Assert.Contains("if the other review passed it too, this issues a signed badge to ", secondLabel);
            Assert.DoesNotContain("second reviewer", secondLabel);
            Assert.Equal(HttpStatusCode.Redirect, (await ScoreAnyAsync(second, decisive, id, met: true)).StatusCode);
            Assert.Equal("Passed", await Site.StateAsync(id));
        }
        finally
        {
            await SetRulesAsync(admin, district, new());
        }
    }

    [Fact]
    public async Task A_teacher_deletes_a_draft_with_its_files_and_withdraws_a_submission()
    {
        var teacher = await NewTeacherAsync();
        var id = await teacher.StartAsync();
        await teacher.UploadAsync(id, "plan.pdf", EvidenceDriver.Pdf);

        // The first press asks, beside the button, and deletes nothing; "No, keep it" goes back to the draft.
        var asked = await teacher.SubmitAsync($"/me/submissions/{id}", new Dictionary<string, string>(), handler: "delete");
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var question = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await asked.Content.ReadAsStringAsync()).QuerySelector("#stop-heading + .actions + #confirm-delete")
            ?? throw new InvalidOperationException("The page does not ask under \"Stop working on this\".");
        Assert.Contains("It cannot be undone", question.TextContent);
        Assert.Contains("1 file", question.TextContent);
        Assert.Equal("true", question.QuerySelector("input[name=confirm]")?.GetAttribute("value"));
        Assert.Equal($"/me/submissions/{id}", question.QuerySelector("a.button")?.GetAttribute("href"));
        Assert.Equal("Draft", await Site.StateAsync(id));
        Assert.Equal(1, await Site.CountAsync("SubmissionArtifacts", $"\"SubmissionId\" = {Id(id)}"));

        var deleted = await teacher.SubmitAsync($"/me/submissions/{id}", new Dictionary<string, string> { ["confirm"] = "true" }, handler: "delete");
        Assert.Equal("/me/submissions", deleted.Headers.Location!.ToString());
        Assert.Equal("(deleted)", await Site.StateAsync(id));
        Assert.Equal(0, await Site.CountAsync("SubmissionArtifacts", $"\"SubmissionId\" = {Id(id)}"));

        var next = await teacher.StartAsync();
        Assert.NotEqual(id, next);
        await teacher.FillAsync(next);
        await teacher.SubmitAsync(next);
        await teacher.SubmitAsync($"/me/submissions/{next}", new Dictionary<string, string>(), handler: "withdraw");
        Assert.Equal("Withdrawn", await Site.StateAsync(next));
        Assert.DoesNotContain(next, await (await Site.SignedInClientAsync(DemoPeople.Coach)).QueueAsync());
    }

    [Fact]
    public async Task Evidence_is_removed_at_the_end_of_the_retention_period_and_the_record_stays()
    {
        var teacher = await NewTeacherAsync();
        var id = await teacher.StartAsync();
        var uploaded = await teacher.UploadAsync(id, "plan.pdf", EvidenceDriver.Pdf);
        var artifact = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        await teacher.FillAsync(id);
        await teacher.SubmitAsync(id);
        var coach = await Site.SignedInClientAsync(DemoPeople.Coach);
        await coach.ScoreAsync(await coach.ClaimAsync(id), allMet: true);
        Assert.Equal("Passed", await Site.StateAsync(id));
        var draft = await teacher.StartAsync("udl-representation");
        await teacher.SaveAsync(draft, 0, 0, "A draft is never removed by the retention rule.");
        var key = await Site.InScopeAsync(services => services.GetRequiredService<PLBadgesDbContext>().Set<Artifact>()
            .Where(a => a.Id == artifact).Select(a => a.StorageKey).SingleAsync());
        var transitions = await Site.CountAsync("SubmissionTransitions", $"\"SubmissionId\" = {Id(id)}");

        async Task AgeAsync(int years) => await Site.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PLBadgesDbContext>();
            var then = DateTime.UtcNow.AddYears(-years);
            await db.Set<Submission>().Where(s => s.Id == id || s.Id == draft).ExecuteUpdateAsync(u => u.SetProperty(s => s.UpdatedAt, then));
        });
        Task SweepAsync() => Site.InScopeAsync(services => services.GetRequiredService<EvidenceRetention>().RunAsync(CancellationToken.None));

        // Six years on, the district's seven-year period has not run out.
        await AgeAsync(6);
        await SweepAsync();
        Assert.Equal(1, await Site.CountAsync("Submissions", $"\"Id\" = {Id(id)} AND \"PurgedAt\" IS NULL"));
        Assert.Equal(HttpStatusCode.OK, (await coach.GetAsync($"/evidence/files/{artifact}")).StatusCode);

        // Eight years on it has: answers and files go, twice asked is once done.
        await AgeAsync(8);
        await SweepAsync();
        await SweepAsync();
        Assert.Equal(1, await Site.CountAsync("Submissions", $"\"Id\" = {Id(id)} AND \"PurgedAt\" IS NOT NULL AND \"State\" = 'Passed'"));
        Assert.Equal(0, await Site.CountAsync("SubmissionAnswers", $"\"SubmissionId\" = {Id(id)}"));
        Assert.Equal(0, await Site.CountAsync("SubmissionArtifacts", $"\"SubmissionId\" = {Id(id)}"));
        await Site.InScopeAsync(async services =>
        {
            var store = services.GetRequiredService<IFileStore>();
            Assert.Null(await store.FindAsync(key!, CancellationToken.None));
            Assert.False(File.Exists(((FolderFileStore)store).PathOf(key!)));
        });
        Assert.Equal(HttpStatusCode.NotFound, (await coach.GetAsync($"/evidence/files/{artifact}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/evidence/files/{artifact}")).StatusCode);

        // The record stays: the decision, its history, the feedback, and the teacher is told why the evidence is gone.
        Assert.Equal(transitions, await Site.CountAsync("SubmissionTransitions", $"\"SubmissionId\" = {Id(id)}"));
        Assert.Equal(1, await Site.CountAsync("Reviews", $"\"SubmissionId\" = {Id(id)} AND \"Decision\" = 'Pass'"));
        var page = await (await teacher.GetAsync($"/me/submissions/{id}")).TextAsync();
        Assert.Contains("Your answers and files were removed on", page);
        Assert.Contains("7-year retention period", page);
        Assert.Contains("Clear, well-evidenced work.", page);
        var api = JsonDocument.Parse(await teacher.GetStringAsync($"/api/v1/me/submissions/{id}")).RootElement;
        Assert.Equal(JsonValueKind.String, api.GetProperty("evidenceRemovedAt").ValueKind);
        Assert.False(api.GetProperty("editable").GetBoolean());

        // The old draft is the teacher's own work in progress, and stays whole.
        Assert.Equal(1, await Site.CountAsync("Submissions", $"\"Id\" = {Id(draft)} AND \"PurgedAt\" IS NULL"));
        Assert.Equal(1, await Site.CountAsync("SubmissionAnswers", $"\"SubmissionId\" = {Id(draft)}"));
    }

    /// <summary>Not found, forbidden, or sent to sign in or to the "not allowed" page: never the content.</summary>
    private static void Refused(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.ToString() ?? "";
        Assert.True(
            response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized
            || (response.StatusCode == HttpStatusCode.Redirect && (location.Contains("/error/403") || location.Contains("/account/signin"))),
            $"{response.RequestMessage!.RequestUri} answered {(int)response.StatusCode} {location}");
    }

    private async Task SetRulesAsync(HttpClient admin, Guid district, Dictionary<string, string> fields)
    {
        var values = new Dictionary<string, string>
        {
            ["district"] = district.ToString(), ["Form.MaxAttempts"] = "3", ["Form.ClaimHours"] = "48", ["Form.SecondReviewPercent"] = "0",
            ["Form.TargetDays"] = "7", ["Form.RetentionYears"] = "7",
        };
        foreach (var (key, value) in fields)
        {
            values[key] = value;
        }

        var response = await admin.SubmitAsync($"/district/review/settings?district={district}", values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The micro-credential version a submission was started on.</summary>
    private Task<PLBadges.Pathways.Contracts.MicroCredentialContent> ContentOfAsync(Guid submission) => Site.InScopeAsync(async services =>
    {
        var found = await services.GetRequiredService<PLBadgesDbContext>().Set<Submission>().FindAsync(submission);
        return (await services.GetRequiredService<PLBadges.Pathways.Contracts.IMicroCredentialCatalog>().VersionAsync(found!.VersionId))!.Content;
    });

    /// <summary>Fills any micro-credential from its API description.</summary>
    private async Task FillAnyAsync(HttpClient teacher, Guid id)
    {
        var content = await ContentOfAsync(id);
        var token = await teacher.TokenAsync($"/me/submissions/{id}");
        for (var p = 0; p < content.Submission.Count; p++)
        {
            if (EvidenceContent.IsArtifactsPart(content.Submission[p]))
            {
                Assert.Equal(HttpStatusCode.OK, (await teacher.UploadAsync(id, "artifact.pdf", EvidenceDriver.Pdf, p)).StatusCode);
                continue;
            }

            for (var q = 0; q < content.Submission[p].Prompts.Count; q++)
            {
                await teacher.SaveAsync(id, p, q, "An answer.", token);
            }
        }
    }

    private async Task<HttpResponseMessage> ScoreAnyAsync(HttpClient coach, Guid review, Guid submission, bool met, bool confirm = true)
    {
        var content = await ContentOfAsync(submission);
        var fields = new Dictionary<string, string> { ["feedback"] = "Feedback.", ["decide"] = "1" };
        for (var p = 0; p < content.Submission.Count; p++)
        {
            for (var c = 0; c < content.Submission[p].Rubric.Count; c++)
            {
                fields[$"met-{p}-{c}"] = met ? "met" : "notyet";
                fields[$"comment-{p}-{c}"] = "Comment.";
            }
        }

        if (met && confirm)
        {
            fields["confirm-pass"] = "true";
        }

        return await coach.SubmitAsync($"/review/{review}", fields);
    }
}

public sealed class EvidenceOnSqlite(SqliteEvidenceSite fixture) : EvidenceTests(fixture), IClassFixture<SqliteEvidenceSite>;

public sealed class EvidenceOnPostgres(PostgresEvidenceSite fixture) : EvidenceTests(fixture), IClassFixture<PostgresEvidenceSite>;
