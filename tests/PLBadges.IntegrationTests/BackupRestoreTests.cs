using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PLBadges.Credentials.Issuing;

namespace PLBadges.IntegrationTests;

/// <summary>
/// The README's backup, done as written: <c>pg_dump</c> of the database (which holds the key ring) and a
/// copy of the files, restored with <c>pg_restore</c> into a fresh database and data folder on "a new
/// machine" with the same <c>Site:PublicBaseUrl</c>. The credential still verifies, the evidence file
/// still opens, and a sign-in made before the backup is still honored.
/// </summary>
public sealed class BackupRestoreTests
{
    private const string Origin = "https://badges.restored-district.test";

    [Fact]
    public async Task A_pg_dump_and_the_files_restored_onto_a_new_machine_verify_a_credential_and_open_an_evidence_file()
    {
        var settings = new Dictionary<string, string?> { ["Site:PublicBaseUrl"] = Origin };
        string dump, credential, jwt, email, cookie;
        Guid artifact;
        await using var restored = await TestDatabase.CreateAsync("Postgres");
        await using (var original = await TestDatabase.CreateAsync("Postgres"))
        {
            await using (var site = new TestSite(original, settings))
            {
                email = $"r{Guid.NewGuid():N}"[..12] + "@demo.plbadges.test";
                await site.AddPersonAsync(email);
                var teacher = await site.SignedInClientAsync(email);
                var submission = await teacher.StartAsync();
                var uploaded = await teacher.UploadAsync(submission, "plan.pdf", EvidenceDriver.Pdf);
                artifact = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
                await teacher.FillAsync(submission);
                await teacher.SubmitAsync(submission);
                var coach = await site.SignedInClientAsync(DemoPeople.Coach);
                Assert.Equal(HttpStatusCode.Redirect, (await coach.ScoreAsync(await coach.ClaimAsync(submission), allMet: true)).StatusCode);
                credential = await site.RunOutboxUntilAsync(db => db.Set<IssuedCredential>().Where(c => c.SubmissionId == submission).Select(c => c.Id).FirstOrDefaultAsync(), "the credential");
                jwt = await site.CreateClient().GetStringAsync($"/credentials/{credential}.jwt");
                var signIn = await site.CreateBrowserlikeClient().SignInAsync(email);
                cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("plb.auth=", StringComparison.Ordinal)).Split(';')[0];
            }

            // The backup: the database, then the files.
            dump = Path.Combine(restored.DataFolder, "..", $"plbadges-{Guid.NewGuid():N}.dump");
            await RunAsync("pg_dump", "--format=custom", "--file", dump, Connection(original));
            CopyFolder(Path.Combine(original.DataFolder, "files"), Path.Combine(restored.DataFolder, "files"));
        } // the original database and data folder are gone, as with a lost machine

        try
        {
            await RunAsync("pg_restore", "--no-owner", "--exit-on-error", "--dbname", Connection(restored), dump);
        }
        finally
        {
            File.Delete(dump);
        }

        await using var again = new TestSite(restored, settings);
        var verified = await VerifyAsync(again.CreateClient(), jwt);
        Assert.True(verified.GetProperty("valid").GetBoolean(), verified.ToString());
        Assert.Equal(HttpStatusCode.OK, (await again.CreateClient().GetAsync($"/credentials/{credential}.json")).StatusCode);

        var teacherAgain = await again.SignedInClientAsync(email);
        var file = await teacherAgain.GetAsync($"/evidence/files/{artifact}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(EvidenceDriver.Pdf, await file.Content.ReadAsByteArrayAsync());

        // The key ring came back with the database: a sign-in cookie from before the backup still works.
        var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Add("Cookie", cookie);
        var me = await again.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    private static async Task<JsonElement> VerifyAsync(HttpClient client, string jwt)
    {
        var content = new StringContent(jwt, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/jwt");
        var response = await client.PostAsync("/api/v1/verify", content);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>A libpq connection string for the PostgreSQL tools.</summary>
    private static string Connection(TestDatabase database)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        return $"host={builder.Host} port={builder.Port} user={builder.Username} password={builder.Password} dbname={builder.Database}";
    }

    private static async Task RunAsync(string tool, params string[] arguments)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => Version.TryParse(Path.GetFileName(d), out var v) ? v : new Version(0, 0)).LastOrDefault();
        var path = bin != null && File.Exists(Path.Combine(bin, "bin", tool)) ? Path.Combine(bin, "bin", tool) : tool;
        var start = new ProcessStartInfo(path, arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {error}");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
