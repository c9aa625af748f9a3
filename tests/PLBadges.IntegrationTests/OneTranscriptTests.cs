using System.Globalization;
using System.Net;

namespace PLBadges.IntegrationTests;

/// <summary>
/// One transcript: while Recognition is on, /me/credentials/transcript leads to its transcript, whose micro-credential
/// hours are the credentials-only view's total; with Recognition switched off, the credentials-only view answers itself.
/// </summary>
public abstract class OneTranscriptTests(string provider)
{
    private const string WithoutRecognition = """
        { "name": "no-recognition", "steps": [ { "name": "Modules", "enable": [ "Organizations", "Identity", "Notifications", "Pathways", "Evidence", "Credentials", "Coaching", "Cohorts" ] } ] }
        """;

    private const string WithRecognition = """
        { "name": "recognition", "steps": [ { "name": "Modules", "enable": [ "Organizations", "Identity", "Notifications", "Pathways", "Evidence", "Credentials", "Coaching", "Cohorts", "Recognition" ] } ] }
        """;

    [Fact]
    public async Task The_teacher_has_one_transcript_and_one_total_of_credential_hours()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var site = new TestSite(database);
        await site.RunOutboxAsync(); // the demo's pass becomes Maya's credential
        var teacher = await site.SignedInClientAsync(DemoPeople.Teacher);

        var moved = await teacher.GetAsync("/me/credentials/transcript");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal("/me/transcript", moved.Headers.Location!.OriginalString);
        var summary = (await teacher.GetDocumentAsync("/me/transcript")).QuerySelector("#transcript-credential-hours")!;
        var inCredentials = decimal.Parse(summary.GetAttribute("value")!, CultureInfo.InvariantCulture);
        Assert.True(inCredentials > 0, summary.TextContent);
        Assert.Matches(@"^(\d+ h( \d+ min)?|\d+ min)$", summary.TextContent); // hours and minutes, the decimal figure only in the value

        // Recognition switched off: the credentials-only view is the transcript, with the same total.
        await site.ApplyRecipeAsync(WithoutRecognition);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync("/me/transcript")).StatusCode);
        var alone = await teacher.GetDocumentAsync("/me/credentials/transcript");
        Assert.Equal(inCredentials, decimal.Parse(alone.QuerySelector("#transcript-hours")!.GetAttribute("value")!, CultureInfo.InvariantCulture));
        Assert.Equal(summary.TextContent, alone.QuerySelector("#transcript-hours")!.TextContent);

        await site.ApplyRecipeAsync(WithRecognition);
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.GetAsync("/me/credentials/transcript")).StatusCode);
    }
}

public sealed class OneTranscriptOnSqlite() : OneTranscriptTests("Sqlite");

public sealed class OneTranscriptOnPostgres() : OneTranscriptTests("Postgres");
