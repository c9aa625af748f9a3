using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace PLBadges.IntegrationTests;

/// <summary>
/// Feedback at the action, on real pages: a refusal lands at its field (the message inside the field's
/// group, the error summary linking to the field's id), the verify page asks for a file rather than
/// judging nothing, and never prints a sentence with holes in it.
/// </summary>
public abstract class FeedbackTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    [Fact]
    public async Task An_empty_verify_form_asks_for_a_file_instead_of_saying_not_valid()
    {
        var response = await Site.CreateBrowserlikeClient().PostAsync("/verify", new FormUrlEncodedContent(new Dictionary<string, string> { ["credential"] = "  " }));
        var document = await Refusals.AtFieldAsync(response, "file", "Choose a badge image or credential file, or paste the credential.");
        Assert.Null(document.QuerySelector("#result-heading"));
        Assert.DoesNotContain("Not valid", document.Body!.TextContent);
    }

    [Fact]
    public async Task A_readable_credential_with_no_name_or_issuer_is_described_without_holes()
    {
        var bare = """{ "@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential", "OpenBadgeCredential"] }""";
        var response = await Site.CreateBrowserlikeClient().PostAsync("/verify", new FormUrlEncodedContent(new Dictionary<string, string> { ["credential"] = bare }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("Not valid", document.QuerySelector("#result-heading")?.TextContent.Trim());
        var summary = document.QuerySelector("#verify-summary")?.TextContent.Trim() ?? "";
        Assert.Equal("A credential with no name, from an issuer that could not be confirmed.", summary);
        Assert.DoesNotContain(", issued by .", document.Body!.TextContent);
    }

    [Fact]
    public async Task A_coachs_refused_decision_lands_at_the_first_field_that_needs_them()
    {
        var email = $"f{Guid.NewGuid():N}"[..12] + "@demo.plbadges.test";
        var (id, coach, review) = await SubmittedAndClaimedAsync(email);

        // Every criterion met but the third of part 2, which has no score: the refusal is at that criterion's radios.
        var fields = Scores(except: (1, 2));
        fields["decide"] = "1";
        var unscored = await coach.SubmitAsync($"/review/{review}", fields);
        await Refusals.AtFieldAsync(unscored, "met-1-2", "1 criteria still need");

        // All scored, the first "not yet" with no comment: the refusal is at that comment.
        fields = Scores(except: null);
        fields["met-0-0"] = "notyet";
        fields["decide"] = "1";
        var uncommented = await coach.SubmitAsync($"/review/{review}", fields);
        await Refusals.AtFieldAsync(uncommented, "comment-0-0", "each “not yet” needs a comment");

        // All met and commented, no feedback: at the feedback.
        fields = Scores(except: null);
        fields["feedback"] = "";
        fields["decide"] = "1";
        fields["confirm-pass"] = "true";
        await Refusals.AtFieldAsync(await coach.SubmitAsync($"/review/{review}", fields), "feedback", "the feedback for the teacher is empty");
        Assert.Equal("InReview", await Site.StateAsync(id)); // nothing decided
    }

    [Fact]
    public async Task A_pass_is_recorded_only_once_the_coach_confirms_the_badge_it_issues()
    {
        var email = $"p{Guid.NewGuid():N}"[..12] + "@demo.plbadges.test";
        var (id, coach, review) = await SubmittedAndClaimedAsync(email);

        // The page names what a pass does before it is recorded, and keeps a running tally (from the saved scores; the theme's script updates it from the radios).
        var page = await coach.GetDocumentAsync($"/review/{review}");
        Assert.Equal("polite", page.QuerySelector("#review-tally")!.GetAttribute("aria-live"));
        Assert.Equal("0 met, 0 not yet, 10 to score.", page.QuerySelector("#review-tally")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("script[src^='/_content/PLBadges.Evidence/review-tally.'][src$='.js']"));
        Assert.Contains($"this issues a signed badge to Test {email}: ", page.QuerySelector("label[for='confirm-pass']")!.TextContent);

        // Every criterion met, "Record decision" without the box ticked: refused at the box, nothing decided, the scores as typed.
        var fields = Scores(except: null);
        fields["met-2-2"] = "notyet";
        fields["comment-2-2"] = "Say what the students will do next.";
        var saved = await coach.SubmitAsync($"/review/{review}", fields); // saved, not decided: a "not yet" on the last criterion
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("9 met, 1 not yet, 0 to score.", (await coach.GetDocumentAsync($"/review/{review}")).QuerySelector("#review-tally")!.TextContent.Trim());
        fields = Scores(except: null);
        fields["decide"] = "1";
        var refused = await Refusals.AtFieldAsync(await coach.SubmitAsync($"/review/{review}", fields), "confirm-pass", $"issues a signed badge to Test {email}");
        Assert.NotNull(refused.QuerySelector("#met-2-2-yes[checked]")); // what the coach chose, not the saved "not yet"
        Assert.Equal("Clear, well-evidenced work.", refused.QuerySelector("#feedback")!.TextContent.Trim()); // the feedback as typed, not lost
        Assert.Equal("InReview", await Site.StateAsync(id));
        Assert.Equal("notyet", (await coach.GetDocumentAsync($"/review/{review}")).QuerySelector("input[name='met-2-2'][checked]")!.GetAttribute("value")); // nothing saved

        // A "not yet" needs no confirmation; a pass with the box ticked is recorded.
        fields["confirm-pass"] = "true";
        Assert.Equal(HttpStatusCode.Redirect, (await coach.SubmitAsync($"/review/{review}", fields)).StatusCode);
        Assert.Equal("Passed", await Site.StateAsync(id));
    }

    [Fact]
    public async Task Still_needed_follows_the_answers_as_they_save()
    {
        var email = $"s{Guid.NewGuid():N}"[..12] + "@demo.plbadges.test";
        await Site.AddPersonAsync(email, "Teacher", "lincoln-elementary");
        var teacher = await Site.SignedInClientAsync(email);
        var id = await teacher.StartAsync();
        var page = await teacher.GetDocumentAsync($"/me/submissions/{id}");
        var before = page.QuerySelector("#submit-readiness")!;
        Assert.Equal("polite", before.GetAttribute("aria-live"));
        Assert.Contains("Still needed:", before.TextContent);

        // Every answer and the file but the last answer: its autosave answers with the sentence as it now stands.
        await teacher.FillAsync(id);
        var emptied = await teacher.SaveAsync(id, 2, 3, "");
        using (var answer = System.Text.Json.JsonDocument.Parse(await emptied.Content.ReadAsStringAsync()))
        {
            Assert.False(answer.RootElement.GetProperty("complete").GetBoolean());
            Assert.Contains("Still needed:", answer.RootElement.GetProperty("readiness").GetString());
        }

        var last = await teacher.SaveAsync(id, 2, 3, "The last answer.");
        using (var answer = System.Text.Json.JsonDocument.Parse(await last.Content.ReadAsStringAsync()))
        {
            Assert.True(answer.RootElement.GetProperty("complete").GetBoolean());
            Assert.StartsWith("Everything required is here.", answer.RootElement.GetProperty("readiness").GetString());
        }

        // The page, drawn again, says the same.
        Assert.StartsWith("Everything required is here.", (await teacher.GetDocumentAsync($"/me/submissions/{id}")).QuerySelector("#submit-readiness")!.TextContent.Trim());
    }

    /// <summary>ef-self-monitoring's rubric (3 + 4 + 3 criteria), each met, but one left unscored.</summary>
    private static Dictionary<string, string> Scores((int Part, int Criterion)? except)
    {
        var fields = new Dictionary<string, string> { ["feedback"] = "Clear, well-evidenced work." };
        int[] counts = [3, 4, 3];
        for (var p = 0; p < counts.Length; p++)
        {
            for (var c = 0; c < counts[p]; c++)
            {
                if ((p, c) != except)
                {
                    fields[$"met-{p}-{c}"] = "met";
                }

                fields[$"comment-{p}-{c}"] = "";
            }
        }

        return fields;
    }

    /// <summary>A new teacher at Lincoln submits the demo micro-credential and the demo coach claims it.</summary>
    private async Task<(Guid Submission, HttpClient Coach, Guid Review)> SubmittedAndClaimedAsync(string email)
    {
        await Site.AddPersonAsync(email, "Teacher", "lincoln-elementary");
        var teacher = await Site.SignedInClientAsync(email);
        var id = await teacher.StartAsync();
        await teacher.FillAsync(id);
        await teacher.SubmitAsync(id);
        var coach = await Site.SignedInClientAsync(DemoPeople.Coach);
        return (id, coach, await coach.ClaimAsync(id));
    }
}

/// <summary>Where a refusal's message is on the page shown again.</summary>
internal static class Refusals
{
    /// <summary>
    /// The page is refused (422); the error summary links to the field's id with the message; the
    /// field's group (its fieldset, or the .field around the control) holds the message too.
    /// </summary>
    public static async Task<IDocument> AtFieldAsync(HttpResponseMessage response, string field, string message)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"Expected 422, got {(int)response.StatusCode}: {html[..Math.Min(400, html.Length)]}");
        var document = new HtmlParser().ParseDocument(html);
        var id = PLBadges.Abstractions.Display.FieldErrorTagHelper.IdOf(field);
        var link = document.QuerySelector($".error-summary a[href='#{id}']");
        Assert.True(link != null, $"The error summary does not link to #{id}: {document.QuerySelector(".error-summary")?.InnerHtml}");
        Assert.Contains(message, link.TextContent);
        var target = document.GetElementById(id) ?? throw new InvalidOperationException($"No element has the id {id} the summary links to.");
        var group = target.LocalName == "fieldset" ? target : target.Closest(".field") ?? throw new InvalidOperationException($"#{id} is in no .field group.");
        var at = group.QuerySelector($"#{id}-error.error-message");
        Assert.True(at != null, $"The message is not inside the group of {field}: {group.OuterHtml[..Math.Min(600, group.OuterHtml.Length)]}");
        Assert.Contains(message, at.TextContent);
        return document;
    }
}

public sealed class FeedbackOnSqlite(SqliteSite fixture) : FeedbackTests(fixture), IClassFixture<SqliteSite>;

public sealed class FeedbackOnPostgres(PostgresSite fixture) : FeedbackTests(fixture), IClassFixture<PostgresSite>;
