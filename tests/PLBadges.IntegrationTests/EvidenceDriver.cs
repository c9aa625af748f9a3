using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace PLBadges.IntegrationTests;

/// <summary>What a teacher's browser and a coach's browser send, over the real HTTP pipeline.</summary>
internal static class EvidenceDriver
{
    /// <summary>A seeded micro-credential: part 0 overview (4 questions), part 1 artifacts, part 2 reflection (4 questions).</summary>
    public const string Slug = "ef-self-monitoring";

    public const int ArtifactsPart = 1;

    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    public static async Task<Guid> StartAsync(this HttpClient teacher, string slug = Slug)
    {
        var response = await teacher.SubmitAsync($"/micro-credentials/{slug}", new Dictionary<string, string> { ["slug"] = slug }, formAction: "/me/submissions/start");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Start answered {(int)response.StatusCode}: {await response.TextAsync()}");
        var location = response.Headers.Location!.ToString();
        Assert.True(location.StartsWith("/me/submissions/", StringComparison.Ordinal), $"Start was refused: {location}");
        return Guid.Parse(location["/me/submissions/".Length..]);
    }

    public static async Task<string> TokenAsync(this HttpClient client, string page) =>
        (await client.GetDocumentAsync(page)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    /// <summary>An autosave, as the page's script sends it.</summary>
    public static async Task<HttpResponseMessage> SaveAsync(this HttpClient teacher, Guid id, int part, int prompt, string text, string? token = null)
    {
        token ??= await teacher.TokenAsync($"/me/submissions/{id}");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/me/submissions/{id}?handler=save")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["part"] = part.ToString(), ["prompt"] = prompt.ToString(), ["text"] = text }),
        };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await teacher.SendAsync(request);
    }

    /// <summary>
    /// Uploads as a browser does. The multipart body is written by hand so that a name with "../"
    /// or a control character reaches the server exactly as sent.
    /// </summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient teacher, Guid id, string fileName, byte[] bytes, int part = ArtifactsPart)
    {
        var token = await teacher.TokenAsync($"/me/submissions/{id}");
        const string boundary = "----plbadges-test";
        var body = new MemoryStream();
        void Write(string text) => body.Write(System.Text.Encoding.UTF8.GetBytes(text));
        Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"part\"\r\n\r\n{part}\r\n");
        Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.Write(bytes);
        Write($"\r\n--{boundary}--\r\n");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/me/submissions/{id}?handler=upload&part={part}") { Content = new ByteArrayContent(body.ToArray()) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await teacher.SendAsync(request);
    }

    public static async Task<string> ErrorOfAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("detail").GetString()!;
    }

    /// <summary>Answers every question and adds a PDF to the artifacts part.</summary>
    public static async Task FillAsync(this HttpClient teacher, Guid id, string answer = "A considered answer.")
    {
        var token = await teacher.TokenAsync($"/me/submissions/{id}");
        foreach (var part in new[] { 0, 2 })
        {
            for (var prompt = 0; prompt < 4; prompt++)
            {
                Assert.Equal(HttpStatusCode.OK, (await teacher.SaveAsync(id, part, prompt, $"{answer} ({part}.{prompt})", token)).StatusCode);
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await teacher.UploadAsync(id, "tool-and-graph.pdf", Pdf)).StatusCode);
    }

    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient teacher, Guid id) =>
        await teacher.SubmitAsync($"/me/submissions/{id}", new Dictionary<string, string>(), formAction: "handler=submit");

    /// <summary>Claims from the queue; returns the review's id.</summary>
    /// <summary>The teacher starts, fills and submits the demo micro-credential and the demo coach passes it; returns the submission.</summary>
    public static async Task<Guid> PassedSubmissionAsync(this TestSite site, HttpClient teacher)
    {
        var submission = await teacher.StartAsync();
        await teacher.FillAsync(submission);
        await teacher.SubmitAsync(submission);
        var coach = await site.SignedInClientAsync(DemoPeople.Coach);
        Assert.Equal(HttpStatusCode.Redirect, (await coach.ScoreAsync(await coach.ClaimAsync(submission), allMet: true)).StatusCode);
        return submission;
    }

    public static async Task<Guid> ClaimAsync(this HttpClient coach, Guid submission)
    {
        var response = await coach.SubmitAsync("/review", new Dictionary<string, string> { ["submission"] = submission.ToString() }, handler: "claim");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.True(location.StartsWith("/review/", StringComparison.Ordinal), $"The claim was refused: {location}");
        return Guid.Parse(location["/review/".Length..]);
    }

    /// <summary>Scores every criterion of ef-self-monitoring (3 + 4 + 3): all met, or one "not yet" on the first.</summary>
    public static async Task<HttpResponseMessage> ScoreAsync(this HttpClient coach, Guid review, bool allMet, bool decide = true, string feedback = "Clear, well-evidenced work.")
    {
        var fields = new Dictionary<string, string> { ["feedback"] = feedback };
        var counts = new[] { 3, 4, 3 };
        for (var p = 0; p < counts.Length; p++)
        {
            for (var c = 0; c < counts[p]; c++)
            {
                var met = allMet || (p, c) != (0, 0);
                fields[$"met-{p}-{c}"] = met ? "met" : "notyet";
                fields[$"comment-{p}-{c}"] = met ? "" : "Add at least three baseline data points.";
            }
        }

        if (decide)
        {
            fields["decide"] = "1";
            if (allMet)
            {
                fields["confirm-pass"] = "true"; // a pass issues a signed badge, so the coach confirms it
            }
        }

        return await coach.SubmitAsync($"/review/{review}", fields);
    }

    public static Task<string> StateAsync(this TestSite site, Guid submission) =>
        site.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PLBadges.Data.PLBadgesDbContext>();
            var found = await db.Set<PLBadges.Evidence.Submissions.Submission>().FindAsync(submission);
            return found?.State.ToString() ?? "(deleted)";
        });

    public static async Task<IReadOnlyList<Guid>> QueueAsync(this HttpClient coach)
    {
        var document = await coach.GetDocumentAsync("/review");
        return document.QuerySelectorAll("input[name=submission]").Select(i => Guid.Parse(i.GetAttribute("value")!)).ToList();
    }
}
