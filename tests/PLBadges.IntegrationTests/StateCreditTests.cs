using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Data;
using PLBadges.Recognition.StateCredit;

namespace PLBadges.IntegrationTests;

/// <summary>
/// State credit through the pages and downloads, on the demo: Riverbend reports to Tennessee (sign-off required) and has
/// signed off the demo teacher's credential; Lakeside reports to Texas and has exported its teacher's record.
/// </summary>
public abstract class StateCreditTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    /// <summary>The demo's sign-off of the person in the district, once the outbox has made it.</summary>
    private async Task<(SignOff SignOff, List<SignOffItem> Items)> DemoSignOffAsync(string email, string district)
    {
        var person = await Site.PersonIdAsync(email);
        var districtId = await Site.OrganizationIdAsync(district);
        var signOff = await Site.RunOutboxUntilAsync(
            db => db.Set<SignOff>().AsNoTracking().FirstOrDefaultAsync(s => s.PersonId == person && s.DistrictId == districtId), $"the demo's sign-off of {email}");
        var items = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<SignOffItem>().AsNoTracking().Where(i => i.SignOffId == signOff.Id).ToListAsync());
        return (signOff, items);
    }

    private static async Task AssertPdfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(await response.Content.ReadAsByteArrayAsync())[..5]);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
    }

    /// <summary>Signed in without the permission: the site sends the person to its 403 page.</summary>
    private static async Task AssertForbiddenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/error/403", response.Headers.Location!.OriginalString);
    }

    /// <summary>Anonymous: the site asks to sign in, and shows nothing.</summary>
    private static async Task AssertSignInAskedAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/signin", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_teacher_sees_their_state_ID_and_signed_off_credential_and_downloads_its_certificates()
    {
        var (signOff, items) = await DemoSignOffAsync(DemoPeople.Teacher, "demo-district");
        var item = Assert.Single(items);
        Assert.Equal(6m, item.Units); // Tennessee: a micro-credential is 6 PDPs

        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher);
        var page = await teacher.GetDocumentAsync("/me/state-credit");
        var tennessee = page.QuerySelector("#state-tn")!;
        Assert.Contains("Riverbend Unified School District", tennessee.QuerySelector("h2")!.TextContent);
        Assert.Equal("000204518", tennessee.QuerySelector("input[name='Input.Value']")!.GetAttribute("value")); // not exported yet: still editable
        Assert.Contains($"/state-credit/sign-offs/{signOff.Id}/certificate.pdf", tennessee.InnerHtml);
        Assert.Contains($"/state-credit/items/{item.Id}/certificate.pdf", tennessee.InnerHtml);
        Assert.Contains(item.Title, tennessee.QuerySelector("table.state-items")!.TextContent);

        // The credential's own page carries the same certificate beside its downloads.
        Assert.Contains($"/state-credit/items/{item.Id}/certificate.pdf", (await teacher.GetDocumentAsync("/me/credentials")).Body!.InnerHtml);

        await AssertPdfAsync(await teacher.GetAsync($"/state-credit/items/{item.Id}/certificate.pdf"));
        await AssertPdfAsync(await teacher.GetAsync($"/state-credit/sign-offs/{signOff.Id}/certificate.pdf"));

        // The district's admin who signs off has it too.
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        await AssertPdfAsync(await admin.GetAsync($"/state-credit/items/{item.Id}/certificate.pdf"));
    }

    [Fact]
    public async Task A_teachers_certificate_is_not_found_for_another_teacher_another_districts_admin_or_an_anonymous_visitor()
    {
        var (signOff, items) = await DemoSignOffAsync(DemoPeople.Teacher, "demo-district");
        var paths = new[] { $"/state-credit/items/{items[0].Id}/certificate.pdf", $"/state-credit/sign-offs/{signOff.Id}/certificate.pdf" };
        foreach (var email in new[] { DemoPeople.Teacher2, DemoPeople.OtherAdmin, DemoPeople.OtherTeacher, DemoPeople.Coach })
        {
            var client = await Site.SignedInClientAsync(email);
            foreach (var path in paths)
            {
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
            }
        }

        var anonymous = Site.CreateBrowserlikeClient();
        foreach (var path in paths)
        {
            await AssertSignInAskedAsync(anonymous, path);
        }

        // Another teacher's own page lists nothing of hers.
        var other = await Site.SignedInClientAsync(DemoPeople.Teacher2);
        var page = (await other.GetDocumentAsync("/me/state-credit")).Body!.InnerHtml;
        Assert.DoesNotContain(signOff.Id.ToString(), page);
        Assert.DoesNotContain("000204518", page);
        await AssertSignInAskedAsync(anonymous, "/me/state-credit");
    }

    [Fact]
    public async Task The_short_link_of_a_sign_off_shows_whether_it_stands_with_only_the_educators_first_name_and_initial()
    {
        var (signOff, items) = await DemoSignOffAsync(DemoPeople.Teacher, "demo-district");
        var anonymous = Site.CreateBrowserlikeClient();

        var check = await anonymous.GetDocumentAsync($"/c/{signOff.Code}");
        Assert.Contains("Stands", check.QuerySelector("#check-status")!.TextContent);
        Assert.Contains("Riverbend", check.QuerySelector("#check-status")!.TextContent);
        var parts = signOff.EducatorName.Split(' ');
        Assert.Contains($"{parts[0]} {parts[^1][0]}.", check.Body!.TextContent);
        Assert.DoesNotContain(signOff.EducatorName, check.Body!.TextContent);
        Assert.Contains(items[0].Title, check.QuerySelector("#check-items")!.TextContent);

        // A credential's own code leads to the credential's public page; an unknown code is not found.
        var followed = await anonymous.GetAsync($"/c/{items[0].Code}");
        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        Assert.Equal(items[0].CredentialUrl, followed.Headers.Location!.AbsoluteUri);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/c/nosuchcode")).StatusCode);
    }

    [Fact]
    public async Task The_state_reviewer_sees_the_shipped_profiles_and_the_one_the_state_uses_and_no_one_else_does()
    {
        var reviewer = await Site.SignedInClientAsync(DemoPeople.State);
        var page = await reviewer.GetDocumentAsync("/state/profiles");
        var text = page.Body!.TextContent;
        foreach (var state in new[] { "Tennessee", "Texas", "Pennsylvania", "North Carolina", "Delaware" })
        {
            Assert.Contains(state, text);
        }

        var tennessee = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<StateProfile>().AsNoTracking().SingleAsync(p => p.Code == "tn"));
        Assert.NotNull(page.QuerySelector($"#profile-{tennessee.Id}"));

        foreach (var email in new[] { DemoPeople.Teacher, DemoPeople.Admin, DemoPeople.OtherAdmin })
        {
            var client = await Site.SignedInClientAsync(email);
            await AssertForbiddenAsync(client, "/state/profiles");
        }

        await AssertSignInAskedAsync(Site.CreateBrowserlikeClient(), "/state/profiles");
    }

    [Fact]
    public async Task Each_district_admin_sees_only_their_own_districts_state_credit_and_educators()
    {
        var (signOff, _) = await DemoSignOffAsync(DemoPeople.Teacher, "demo-district");
        var demo = await Site.OrganizationIdAsync("demo-district");
        var teacher = await Site.PersonIdAsync(DemoPeople.Teacher);

        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        Assert.Contains("Riverbend Unified School District", (await admin.GetDocumentAsync("/district/state-credit")).QuerySelector("#providers")!.TextContent);
        var educator = await admin.GetDocumentAsync($"/district/state-credit/educators/{teacher}?district={demo}");
        Assert.Contains(signOff.Id.ToString(), educator.Body!.InnerHtml);

        // The other district's admin sees Lakeside and Texas, and nothing of Riverbend's.
        var otherAdmin = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        var theirs = (await otherAdmin.GetDocumentAsync("/district/state-credit")).QuerySelector("#providers")!.TextContent;
        Assert.Contains("Lakeside County Schools", theirs);
        Assert.DoesNotContain("Riverbend", theirs);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.GetAsync($"/district/state-credit?district={demo}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.GetAsync($"/district/state-credit/educators/{teacher}?district={demo}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.GetAsync($"/district/state-credit/exports?district={demo}")).StatusCode);

        // A teacher is no district admin; nor is an anonymous visitor.
        var teacherClient = await Site.SignedInClientAsync(DemoPeople.Teacher2);
        await AssertForbiddenAsync(teacherClient, "/district/state-credit");
        await AssertForbiddenAsync(teacherClient, "/district/state-credit/exports");
        Assert.Equal(HttpStatusCode.NotFound, (await teacherClient.GetAsync($"/district/state-credit/educators/{teacher}?district={demo}")).StatusCode);
        await AssertSignInAskedAsync(Site.CreateBrowserlikeClient(), "/district/state-credit");
    }

    [Fact]
    public async Task The_Texas_districts_record_export_is_kept_and_downloaded_only_by_its_own_admins()
    {
        await DemoSignOffAsync(DemoPeople.OtherTeacher, "other-district");
        var other = await Site.OrganizationIdAsync("other-district");
        var export = await Site.RunOutboxUntilAsync(
            db => db.Set<StateExport>().AsNoTracking().Where(e => e.OrganizationId == other).OrderBy(e => e.CreatedAt).FirstOrDefaultAsync(), "the demo's Texas export");
        Assert.Equal(ExportKind.StateFile, export.Kind);

        var otherAdmin = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        Assert.Contains($"/state-credit/exports/{export.Id}/file", (await otherAdmin.GetDocumentAsync($"/district/state-credit/exports?district={other}")).Body!.InnerHtml);
        var file = await otherAdmin.GetAsync($"/state-credit/exports/{export.Id}/file");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/csv", file.Content.Headers.ContentType?.MediaType);
        var lines = (await file.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 2, "a header and the teacher's row");
        Assert.Contains("DEMO-0042", lines[1]); // the provider's number on each row
        Assert.Contains("1234567", lines[1]); // the educator's TEA ID

        foreach (var email in new[] { DemoPeople.Admin, DemoPeople.OtherTeacher })
        {
            var client = await Site.SignedInClientAsync(email);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/state-credit/exports/{export.Id}/file")).StatusCode);
        }

        await AssertSignInAskedAsync(Site.CreateBrowserlikeClient(), $"/state-credit/exports/{export.Id}/file");

        // Once exported, the teacher's TEA ID is frozen on their page.
        var teacher = await Site.SignedInClientAsync(DemoPeople.OtherTeacher);
        var texas = (await teacher.GetDocumentAsync("/me/state-credit")).QuerySelector("#state-tx")!;
        Assert.Null(texas.QuerySelector("input[name='Input.Value']"));
        Assert.Contains("1234567", texas.TextContent);
    }

    [Fact]
    public async Task A_second_export_of_the_same_period_holds_nothing_already_sent_and_a_period_ending_after_today_is_refused()
    {
        await DemoSignOffAsync(DemoPeople.OtherTeacher, "other-district");
        var other = await Site.OrganizationIdAsync("other-district");
        var first = await Site.RunOutboxUntilAsync(
            db => db.Set<StateExport>().AsNoTracking().Where(e => e.OrganizationId == other).OrderBy(e => e.CreatedAt).FirstOrDefaultAsync(), "the demo's Texas export");
        var otherAdmin = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        var firstFile = await (await otherAdmin.GetAsync($"/state-credit/exports/{first.Id}/file")).Content.ReadAsStringAsync();

        var path = $"/district/state-credit/exports?district={other}&profile={first.ProfileId}";
        var again = await otherAdmin.SubmitAsync(path, new Dictionary<string, string>
        {
            ["Kind"] = nameof(ExportKind.StateFile), ["From"] = first.From.ToString("yyyy-MM-dd"), ["To"] = first.To.ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("Exported 0 rows.", (await otherAdmin.GetDocumentAsync(again.Headers.Location!.OriginalString)).QuerySelector("[role=status]")!.TextContent.Trim());

        var second = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<StateExport>().AsNoTracking().SingleAsync(e => e.OrganizationId == other && e.Id != first.Id));
        Assert.Equal((0, 0), (second.Rows, second.Refused)); // what was exported is not offered again
        var held = (await (await otherAdmin.GetAsync($"/state-credit/exports/{second.Id}/file")).Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(held); // the header alone
        Assert.Equal(firstFile, await (await otherAdmin.GetAsync($"/state-credit/exports/{first.Id}/file")).Content.ReadAsStringAsync()); // the first export is kept as it was

        // A period that ends after today is refused at the field, and nothing is exported.
        var future = await otherAdmin.SubmitAsync(path, new Dictionary<string, string>
        {
            ["Kind"] = nameof(ExportKind.StateFile), ["From"] = first.From.ToString("yyyy-MM-dd"), ["To"] = first.To.AddDays(2).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.StatusCode);
        Assert.Contains("ends today at the latest", await future.TextAsync());
        Assert.Equal(2, await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<StateExport>().CountAsync(e => e.OrganizationId == other)));
    }
}

public sealed class StateCreditOnSqlite(SqliteSite fixture) : StateCreditTests(fixture), IClassFixture<SqliteSite>;

public sealed class StateCreditOnPostgres(PostgresSite fixture) : StateCreditTests(fixture), IClassFixture<PostgresSite>;
