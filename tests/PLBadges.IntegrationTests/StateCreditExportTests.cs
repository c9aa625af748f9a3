using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Data;
using PLBadges.Recognition.StateCredit;

namespace PLBadges.IntegrationTests;

/// <summary>
/// What the Texas district's record export sends and refuses, through the district admin's pages: a withdrawn sign-off
/// is not sent, an educator with no TEA ID or one not in the state's form is refused on their row with the reason, and
/// a profile's new version applies from its own day on, leaving earlier exports as they were. Each test adds its own
/// Lakeside teachers (with passed micro-credentials signed off by the recipe), so the demo's own export stays apart.
/// </summary>
public abstract class StateCreditExportTests(LicensureSite fixture)
{
    private TestSite Site => fixture.Site;

    private DateOnly Today => DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);

    /// <summary>Lakeside teachers, each with a passed udl-engagement credential signed off for the profile (by code), and the TEA IDs given.</summary>
    private async Task<List<(string Email, string Name, Guid Id)>> TeachersAsync(string profile, params (string Name, string? TeaId)[] teachers)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var people = teachers.Select((t, i) => (Email: $"tx{i}-{run}@other.plbadges.test", t.Name, t.TeaId)).ToList();
        await Site.ApplyRecipeAsync(JsonSerializer.Serialize(new
        {
            name = "texas-teachers-" + run,
            steps = new object[]
            {
                new { name = "People", people = people.Select(p => new { email = p.Email, name = p.Name, password = Forms.DemoPassword, roles = new[] { new { role = "Teacher", organization = "lakeside-high" } } }) },
                new { name = "Submissions", items = people.Select(p => new { teacher = p.Email, microCredential = "udl-engagement", passedBy = DemoPeople.OtherCoach, feedback = "Passed." }) },
                new
                {
                    name = "StateCredit",
                    educatorIds = people.Where(p => p.TeaId != null).Select(p => new { person = p.Email, profile = "tx", value = p.TeaId }),
                    signOffs = people.Select(p => new { district = "other-district", profile, person = p.Email, by = DemoPeople.OtherAdmin, credentials = new[] { "udl-engagement" } }),
                },
            },
        }));
        var result = new List<(string, string, Guid)>();
        foreach (var person in people)
        {
            var id = await Site.PersonIdAsync(person.Email);
            await Site.RunOutboxUntilAsync(db => db.Set<SignOff>().AnyAsync(s => s.PersonId == id), $"the sign-off of {person.Name}");
            result.Add((person.Email, person.Name, id));
        }

        return result;
    }

    private Task<Guid> ProfileIdAsync(string code) =>
        Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<StateProfile>().Where(p => p.Code == code).Select(p => p.Id).SingleAsync());

    /// <summary>Exports the period ending today through the exports page, and returns the new export (the newest of the district's).</summary>
    private async Task<StateExport> ExportAsync(HttpClient admin, Guid profileId, string expectedNotice, ExportKind kind = ExportKind.StateFile)
    {
        var district = await Site.OrganizationIdAsync("other-district");
        var path = $"/district/state-credit/exports?district={district}&profile={profileId}";
        var posted = await admin.SubmitAsync(path, new Dictionary<string, string>
        {
            ["Kind"] = kind.ToString(), ["From"] = Today.AddYears(-1).ToString("yyyy-MM-dd"), ["To"] = Today.ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(expectedNotice, (await admin.GetDocumentAsync(posted.Headers.Location!.OriginalString)).QuerySelector("[role=status]")!.TextContent.Trim());
        return await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<StateExport>().AsNoTracking()
            .Where(e => e.OrganizationId == district && e.ProfileId == profileId).OrderByDescending(e => e.CreatedAt).FirstAsync());
    }

    private static async Task<string[]> LinesAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task A_withdrawn_sign_off_is_not_sent_and_a_missing_TEA_ID_is_refused_on_its_row_with_the_reason()
    {
        var texas = await ProfileIdAsync("tx");
        var teachers = await TeachersAsync("tx", ("Rosa Delgado", "7651001"), ("Omar Haddad", null), ("Lena Park", "7651003"));
        var (sent, missing, withdrawn) = (teachers[0], teachers[1], teachers[2]);
        var district = await Site.OrganizationIdAsync("other-district");
        var admin = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);

        // Withdrawing needs a reason, said at its field; with one, the sign-off is withdrawn.
        var signOff = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<SignOff>().AsNoTracking().SingleAsync(o => o.PersonId == withdrawn.Id));
        var page = $"/district/state-credit/educators/{withdrawn.Id}?district={district}&profile={texas}";
        var bare = await admin.SubmitAsync(page, new Dictionary<string, string> { ["signOffId"] = signOff.Id.ToString(), ["Reason"] = "" }, handler: "Withdraw");
        Assert.Contains("Give the reason for withdrawing it", await bare.RefusalAsync());
        var done = await admin.SubmitAsync(page, new Dictionary<string, string> { ["signOffId"] = signOff.Id.ToString(), ["Reason"] = "Entered for the wrong school year." }, handler: "Withdraw");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        var export = await ExportAsync(admin, texas, "Exported 1 row; 1 refused (see why in its refusals).");
        var file = await LinesAsync(admin, $"/state-credit/exports/{export.Id}/file");
        var columns = ProfileCatalog.Shipped.Single(p => p.Code == "tx").Versions[^1].Definition.RecordFile!.Columns;
        Assert.Equal(string.Join(',', columns.Select(c => c.Header)), file[0]); // the profile's columns, in its order
        var row = Assert.Single(file[1..]);
        Assert.Contains("7651001", row);
        Assert.Contains("Rosa Delgado", row);
        Assert.DoesNotContain(file, line => line.Contains("Lena Park", StringComparison.Ordinal) || line.Contains("7651003", StringComparison.Ordinal));

        var refused = await LinesAsync(admin, $"/state-credit/exports/{export.Id}/refusals");
        var reason = Assert.Single(refused[1..]);
        Assert.Contains("Omar Haddad", reason);
        Assert.Contains("No TEA ID: the educator gives it on their state credit page.", reason);

        // Sent, the sign-off can no longer be withdrawn; the withdrawn one's certificate is gone.
        var sentSignOff = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<SignOff>().AsNoTracking().SingleAsync(o => o.PersonId == sent.Id));
        var late = await admin.SubmitAsync($"/district/state-credit/educators/{sent.Id}?district={district}&profile={texas}",
            new Dictionary<string, string> { ["signOffId"] = sentSignOff.Id.ToString(), ["Reason"] = "Too late." }, handler: "Withdraw");
        Assert.Contains("An export has already carried this sign-off", await late.RefusalAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/state-credit/sign-offs/{signOff.Id}/certificate.pdf")).StatusCode);

        // Once the teacher gives the ID, the next export sends what was refused, and nothing already sent.
        var omar = await Site.SignedInClientAsync(missing.Email);
        var form = (await omar.GetDocumentAsync("/me/state-credit")).QuerySelector("#state-tx form")!;
        Assert.NotNull(form);
        var saved = await omar.SubmitAsync("/me/state-credit", new Dictionary<string, string> { ["Input.ProfileId"] = texas.ToString(), ["Input.Value"] = "7651002" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var next = await ExportAsync(admin, texas, "Exported 1 row.");
        var nextRow = Assert.Single((await LinesAsync(admin, $"/state-credit/exports/{next.Id}/file"))[1..]);
        Assert.Contains("7651002", nextRow);
    }

    [Fact]
    public async Task An_export_that_fails_marks_nothing_sent_and_the_next_sends_each_row_once()
    {
        var texas = await ProfileIdAsync("tx");
        var district = await Site.OrganizationIdAsync("other-district");
        var admin = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        var teachers = await TeachersAsync("tx", ("Noor Aziz", "7654001"), ("Tomasz Wójcik", "7654002"));
        var people = teachers.Select(t => t.Id).ToList();
        Task<List<SentItem>> SentAsync() => Site.InScopeAsync(s =>
        {
            var db = s.GetRequiredService<PLBadgesDbContext>();
            return db.Set<SentItem>().AsNoTracking().Where(x => db.Set<SignOffItem>().Any(i => i.Id == x.ItemId && people.Contains(i.PersonId))).ToListAsync();
        });

        // The database refuses the export's own row, its last write, after every row was written and marked: a real failure
        // (as a full disk or a lost connection would be), made on demand by a trigger the test adds and then drops.
        await RefuseExportsAsync(true);
        try
        {
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => Site.InScopeAsync(async s =>
            {
                var setup = (await s.GetRequiredService<DistrictSetup>().ProvidersAsync(district, CancellationToken.None)).Single(p => p.Profile.Profile.Id == texas);
                return await s.GetRequiredService<StateExports>().WriteAsync(district, setup, ExportKind.StateFile, Today.AddYears(-1), Today, Guid.Empty, "Test", CancellationToken.None);
            }));
        }
        finally
        {
            await RefuseExportsAsync(false);
        }

        // Nothing is marked sent and no identifier is frozen, so the next export sends both rows; the one after sends neither.
        Assert.Empty(await SentAsync());
        var educatorPage = $"/district/state-credit/educators/{teachers[0].Id}?district={district}&profile={texas}";
        Assert.DoesNotContain("(exported)", (await admin.GetDocumentAsync(educatorPage)).Body!.TextContent);
        Assert.All(await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<StateEducatorId>().AsNoTracking().Where(e => people.Contains(e.PersonId)).ToListAsync()),
            e => Assert.Null(e.FrozenAt));
        var export = await ExportAsync(admin, texas, "Exported 2 rows.");
        var file = await LinesAsync(admin, $"/state-credit/exports/{export.Id}/file");
        Assert.Contains(file, line => line.Contains("7654001", StringComparison.Ordinal));
        Assert.Contains(file, line => line.Contains("7654002", StringComparison.Ordinal));
        var sent = await SentAsync();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, x => Assert.Equal(export.Id, x.ExportId));
        Assert.Contains("(exported)", (await admin.GetDocumentAsync(educatorPage)).Body!.TextContent); // the sign-off's page says so
        await ExportAsync(admin, texas, "Exported 0 rows.");
        Assert.Equal(2, (await SentAsync()).Count);
    }

    /// <summary>Adds (or drops) a trigger by which the database refuses to store any export.</summary>
    private Task RefuseExportsAsync(bool refuse) => Site.InScopeAsync(async s =>
    {
        var db = s.GetRequiredService<PLBadgesDbContext>().Database;
        var postgres = db.ProviderName!.Contains("Npgsql", StringComparison.Ordinal);
        string[] sql = (refuse, postgres) switch
        {
            (true, true) =>
            [
                "CREATE FUNCTION test_refuse_export() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$",
                "CREATE TRIGGER test_refuse_export BEFORE INSERT ON \"StateExports\" FOR EACH ROW EXECUTE FUNCTION test_refuse_export()",
            ],
            (false, true) => ["DROP TRIGGER test_refuse_export ON \"StateExports\"", "DROP FUNCTION test_refuse_export()"],
            (true, false) => ["CREATE TRIGGER test_refuse_export BEFORE INSERT ON \"StateExports\" BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"],
            (false, false) => ["DROP TRIGGER test_refuse_export"],
        };
        foreach (var statement in sql)
        {
            await db.ExecuteSqlRawAsync(statement);
        }
    });

    [Fact]
    public async Task A_profiles_new_version_applies_from_its_day_and_leaves_earlier_exports_as_they_were()
    {
        var texas = await ProfileIdAsync("tx");
        var district = await Site.OrganizationIdAsync("other-district");
        var platform = await Site.SignedInClientAsync(DemoPeople.Platform);
        var admin = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);

        // A platform admin copies Texas; the district reports under the copy.
        var name = $"Texas, district pilot {Guid.NewGuid():N}"[..32];
        Assert.Equal(HttpStatusCode.Redirect, (await platform.SubmitAsync("/state/profiles", new Dictionary<string, string>
        {
            ["Copy.ProfileId"] = texas.ToString(), ["Copy.Name"] = name, ["Copy.OwnerStateId"] = "",
        }, handler: "Copy")).StatusCode);
        var copy = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<StateProfile>().AsNoTracking().SingleAsync(p => p.Name == name));
        var (copyId, copyCode) = (copy.Id, copy.Code);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync($"/district/state-credit?district={district}", new Dictionary<string, string>
        {
            ["Provider.ProfileId"] = copyId.ToString(), ["Provider.Name"] = "Lakeside County Schools", ["Provider.Number"] = "DEMO-0042",
        }, handler: "Provider")).StatusCode);

        // Version 2 from a week on: two units an hour, eight-to-ten-digit TEA IDs, its own column headers.
        var first = await TeachersAsync(copyCode, ("Ines Moreau", "7652001"));
        var before = await ExportAsync(admin, copyId, "Exported 1 row.");
        var beforeFile = await (await admin.GetAsync($"/state-credit/exports/{before.Id}/file")).Content.ReadAsStringAsync();
        var headers = beforeFile.Split("\r\n")[0].Split(',').Select((_, i) => $"Column {i + 1}").ToList();
        var from = Today.AddDays(7);
        var adjusted = await platform.SubmitAsync("/state/profiles", new Dictionary<string, string>
        {
            ["Adjust.ProfileId"] = copyId.ToString(), ["Adjust.EffectiveFrom"] = from.ToString("yyyy-MM-dd"), ["Adjust.PerHour"] = "2",
            ["Adjust.IdPattern"] = "[0-9]{8,10}", ["Adjust.ColumnHeaders"] = string.Join('\n', headers),
        }, handler: "Adjust");
        Assert.Equal(HttpStatusCode.Redirect, adjusted.StatusCode);

        // Before its day, version 1 still applies: a sign-off today counts an hour as one unit.
        var stillFirst = await TeachersAsync(copyCode, ("Kai Nakamura", "76520020"));
        var firstItem = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<SignOffItem>().AsNoTracking().SingleAsync(i => i.PersonId == stillFirst[0].Id));
        Assert.Equal(firstItem.Hours, firstItem.Units);

        // From its day: two units an hour, the new headers, and a seven-digit TEA ID is refused as not in the state's form.
        fixture.Clock.Advance(TimeSpan.FromDays(8));
        admin = await Site.SignedInClientAsync(DemoPeople.OtherAdmin); // a week on, yesterday's session has ended
        var second = await TeachersAsync(copyCode, ("Amara Okoye", "7652003"), ("Jonas Berg", "76520040"));
        var items = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<SignOffItem>().AsNoTracking().Where(i => i.PersonId == second[0].Id || i.PersonId == second[1].Id).ToListAsync());
        Assert.All(items, i => Assert.Equal(i.Hours * 2, i.Units));
        Assert.All(await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<SignOff>().AsNoTracking().Where(o => o.PersonId == second[0].Id || o.PersonId == second[1].Id).ToListAsync()),
            o => Assert.Equal(2, o.ProfileVersion));

        var after = await ExportAsync(admin, copyId, "Exported 2 rows; 1 refused (see why in its refusals).");
        Assert.Equal((1, 2), (before.ProfileVersion, after.ProfileVersion));
        var afterFile = await LinesAsync(admin, $"/state-credit/exports/{after.Id}/file");
        Assert.Equal(string.Join(',', headers), afterFile[0]);
        Assert.Contains(afterFile, line => line.Contains("76520040", StringComparison.Ordinal));
        Assert.Contains(afterFile, line => line.Contains("Kai Nakamura", StringComparison.Ordinal)); // signed off under version 1, sent now under version 2
        var refusal = Assert.Single((await LinesAsync(admin, $"/state-credit/exports/{after.Id}/refusals"))[1..]);
        Assert.Contains("Amara Okoye", refusal);
        Assert.Contains("The TEA ID \"\"7652003\"\" is not in Texas's form", refusal); // quotes doubled inside the CSV field

        // The export made under version 1 is kept byte for byte.
        Assert.Equal(beforeFile, await (await admin.GetAsync($"/state-credit/exports/{before.Id}/file")).Content.ReadAsStringAsync());
        Assert.Contains(first[0].Name, beforeFile);
    }

    [Fact]
    public async Task Ed_Fi_bodies_and_the_CEDS_file_carry_what_was_signed_off_and_the_districts_zip_holds_its_schools_certificates()
    {
        var texas = await ProfileIdAsync("tx");
        var admin = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        var priya = (await TeachersAsync("tx", ("Priya Raman", "7653001")))[0];
        var item = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<SignOffItem>().AsNoTracking().SingleAsync(i => i.PersonId == priya.Id));

        // Ed-Fi Data Standard 6.1: an attendance keyed on the state's identifier of the person, and its event with a title
        // of at most 60 characters and whole hours, rounded down.
        var edFi = await ExportAsync(admin, texas, "Exported 1 row.", ExportKind.EdFi);
        var answer = await admin.GetAsync($"/state-credit/exports/{edFi.Id}/file");
        Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        var attendance = Assert.Single(body.RootElement.GetProperty("professionalDevelopmentEventAttendances").EnumerateArray());
        var ev = Assert.Single(body.RootElement.GetProperty("professionalDevelopmentEvents").EnumerateArray());
        Assert.Equal("7653001", attendance.GetProperty("personReference").GetProperty("personId").GetString());
        Assert.Equal(item.CompletedOn.ToString("yyyy-MM-dd"), attendance.GetProperty("attendanceDate").GetString());
        var title = ev.GetProperty("professionalDevelopmentTitle").GetString()!;
        Assert.InRange(title.Length, 1, 60);
        Assert.Equal(title, attendance.GetProperty("professionalDevelopmentEventReference").GetProperty("professionalDevelopmentTitle").GetString());
        Assert.Equal(Conversion.EdFiTitle(item.Title), title);
        Assert.Equal((int)Math.Floor(item.Hours), ev.GetProperty("totalHours").GetInt32());
        Assert.Equal(ev.GetProperty("namespace").GetString(), attendance.GetProperty("professionalDevelopmentEventReference").GetProperty("namespace").GetString());

        // CEDS: columns named by CEDS element; what Ed-Fi carried is not sent again.
        var diego = (await TeachersAsync("tx", ("Diego Alvarez", "7653002")))[0];
        var ceds = await ExportAsync(admin, texas, "Exported 1 row.", ExportKind.Ceds);
        var lines = await LinesAsync(admin, $"/state-credit/exports/{ceds.Id}/file");
        Assert.Equal("Staff Member Identifier,Professional Development Activity Identifier,Professional Development Activity Title,Staff Professional Development Activity Completion Date,Number of Credits Earned", lines[0]);
        var row = Assert.Single(lines[1..]);
        Assert.StartsWith("7653002,", row);
        Assert.DoesNotContain(lines, line => line.Contains("7653001", StringComparison.Ordinal));

        // The school's certificates in one zip, one PDF a sign-off; another district's admin and a visitor get nothing.
        var district = await Site.OrganizationIdAsync("other-district");
        var school = await Site.OrganizationIdAsync("lakeside-high");
        var zipPath = $"/state-credit/certificates.zip?district={district}&profile={texas}&school={school}";
        var zipped = await admin.GetAsync(zipPath);
        Assert.Equal(HttpStatusCode.OK, zipped.StatusCode);
        Assert.Equal("application/zip", zipped.Content.Headers.ContentType?.MediaType);
        using (var zip = new ZipArchive(await zipped.Content.ReadAsStreamAsync()))
        {
            var codes = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<SignOff>().AsNoTracking()
                .Where(o => o.PersonId == priya.Id || o.PersonId == diego.Id).Select(o => o.Code).ToListAsync());
            Assert.All(codes, code => Assert.Contains(zip.Entries, e => e.Name.Contains(code, StringComparison.Ordinal)));
            foreach (var entry in zip.Entries)
            {
                using var pdf = new StreamReader(entry.Open());
                Assert.StartsWith("%PDF-", pdf.ReadLine());
            }
        }

        var byMonth = await admin.GetAsync($"/state-credit/certificates.zip?district={district}&profile={texas}&month={Today:yyyy-MM}");
        Assert.Equal(HttpStatusCode.OK, byMonth.StatusCode);
        using (var zip = new ZipArchive(await byMonth.Content.ReadAsStreamAsync()))
        {
            Assert.True(zip.Entries.Count >= 2, "this month's sign-offs of Priya and Diego");
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/state-credit/certificates.zip?district={district}&profile={texas}&month=May-2026")).StatusCode);
        var demoAdmin = await Site.SignedInClientAsync(DemoPeople.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await demoAdmin.GetAsync(zipPath)).StatusCode);
        var teacher = await Site.SignedInClientAsync(priya.Email);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync(zipPath)).StatusCode);
        var visitor = await Site.CreateBrowserlikeClient().GetAsync(zipPath);
        Assert.Equal(HttpStatusCode.Redirect, visitor.StatusCode);
        Assert.Contains("/account/signin", visitor.Headers.Location!.OriginalString);
    }
}

public sealed class StateCreditExportsOnSqlite(LicensureSqliteSite fixture) : StateCreditExportTests(fixture), IClassFixture<LicensureSqliteSite>;

public sealed class StateCreditExportsOnPostgres(LicensurePostgresSite fixture) : StateCreditExportTests(fixture), IClassFixture<LicensurePostgresSite>;
