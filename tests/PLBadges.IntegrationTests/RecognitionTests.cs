using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PLBadges.Abstractions.Hosting;
using PLBadges.Credentials.Issuing;
using PLBadges.Credentials.Signing;
using PLBadges.Credentials.Status;
using PLBadges.Credentials.Verifying;
using PLBadges.Data;
using PLBadges.Data.Outbox;
using PLBadges.Evidence.Contracts;
using PLBadges.Pathways.Contracts;
using PLBadges.Recognition.Applications;
using PLBadges.Recognition.Programmes;

namespace PLBadges.IntegrationTests;

/// <summary>What recognition tests do to a demo site: issue credentials, wait for the outbox, post forms with files.</summary>
internal static class RecognitionDriver
{
    public const string Renewal = "Professional license renewal";
    public const string Advancement = "Inclusive practice endorsement";

    /// <summary>Issues the person a credential for the micro-credential, as its district would on a pass (the issuer is the district given).</summary>
    public static async Task<string> IssueAsync(this TestSite site, string email, string slug, string district = "demo-district")
    {
        var person = await site.PersonIdAsync(email);
        var issuer = await site.OrganizationIdAsync(district);
        return await site.InScopeAsync(async s =>
        {
            var version = (await s.GetRequiredService<IMicroCredentialCatalog>().PublishedAsync(slug))!;
            var id = await s.GetRequiredService<CredentialIssuer>().IssueForPassAsync(
                new MicroCredentialPassed(Guid.NewGuid(), person, issuer, null, version.MicroCredentialId, version.VersionId, 1, DateTime.UtcNow.AddMinutes(-1)));
            await s.GetRequiredService<PLBadgesDbContext>().SaveChangesAsync();
            return id;
        });
    }

    public static Task<Programme> ProgrammeAsync(this TestSite site, string name, string state = "demo-state") =>
        site.InScopeAsync(async s =>
        {
            var stateId = (await s.GetRequiredService<PLBadges.Organizations.Contracts.IOrganizationDirectory>().FindByCodeAsync(state))!.Id;
            return await s.GetRequiredService<PLBadgesDbContext>().Set<Programme>().AsNoTracking().SingleAsync(p => p.StateId == stateId && p.Name == name);
        });

    public static Task<List<RecognitionApplication>> ApplicationsOfAsync(this TestSite site, Guid person) =>
        site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<RecognitionApplication>().AsNoTracking().Where(a => a.PersonId == person).ToListAsync());

    public static Task<List<ApplicationItem>> ItemsAsync(this TestSite site, Guid application) =>
        site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<ApplicationItem>().AsNoTracking().Where(i => i.ApplicationId == application).OrderBy(i => i.Position).ToListAsync());

    /// <summary>A new teacher at Lincoln with a licence number, signed in.</summary>
    public static async Task<(string Email, Guid Id, HttpClient Client)> LicensedTeacherAsync(this TestSite site)
    {
        await site.RunOutboxAsync(); // the demo's endorsements are signed after its recipe
        var email = $"r{Guid.NewGuid():N}"[..12] + "@demo.plbadges.test";
        await site.AddPersonAsync(email);
        var client = await site.SignedInClientAsync(email);
        var number = "DS" + Random.Shared.Next(100_000, 999_999);
        var saved = await client.SubmitAsync("/me/recognition", new Dictionary<string, string> { ["educatorNumber"] = number, ["licensedOn"] = DateTime.UtcNow.AddYears(-2).ToString("yyyy-MM-dd") }, "Licence");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return (email, await site.PersonIdAsync(email), client);
    }

    /// <summary>Posts the page's form as multipart, with repeated fields and files, and the antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostWithFilesAsync(this HttpClient client, string path, IEnumerable<(string Name, string Value)> fields, IEnumerable<(string FileName, string ContentType, byte[] Bytes)> files, string? handler = null)
    {
        var document = await client.GetDocumentAsync(path);
        var token = document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (fileName, contentType, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            content.Add(file, "uploads", fileName);
        }

        return await client.PostAsync(handler == null ? path : $"{path}?handler={handler}", content);
    }

    /// <summary>The value of the apply page's checkbox for a credential.</summary>
    public static async Task<string> PickOfAsync(this HttpClient client, Guid programme, string credentialId) =>
        (await client.GetDocumentAsync($"/me/recognition/apply/{programme}")).QuerySelectorAll("input[name=picked]")
            .Select(i => i.GetAttribute("value")!).Single(v => v.EndsWith("/credentials/" + credentialId, StringComparison.Ordinal));

    /// <summary>A second state, with a district, a school, a reviewer and a teacher, for the "another state" cases.</summary>
    public static async Task AddFarStateAsync(this TestSite site)
    {
        if (await site.CountAsync("Organizations", "\"Code\" = 'far-state'") > 0)
        {
            return;
        }

        await site.ApplyRecipeAsync($$"""
            { "name": "far-state", "steps": [
              { "name": "Organizations", "items": [
                { "kind": "State", "code": "far-state", "name": "Far State", "timeZone": "America/Denver" },
                { "kind": "District", "code": "far-district", "name": "Far Valley Schools", "parent": "far-state", "timeZone": "America/Denver" },
                { "kind": "School", "code": "far-school", "name": "Far Valley Elementary", "parent": "far-district" } ] },
              { "name": "People", "people": [
                { "email": "reviewer@far.plbadges.test", "name": "Far Reviewer", "password": "{{Forms.DemoPassword}}", "roles": [ { "role": "StateReviewer", "organization": "far-state" } ] },
                { "email": "teacher@far.plbadges.test", "name": "Far Teacher", "password": "{{Forms.DemoPassword}}", "roles": [ { "role": "Teacher", "organization": "far-school" } ] } ] },
              { "name": "Recognition", "states": [ { "state": "far-state", "programmes": [
                { "kind": "Renewal", "name": "Far renewal", "effectiveMonthsAgo": 1,
                  "rules": { "unitName": "clock hours", "unitsNeeded": 90, "cycleYears": 5, "basis": "CredentialHours", "unitsPerCredential": 0, "credentialCap": 30, "coachingCounts": false, "academyCounts": false, "approval": "State" } } ] } ] } ] }
            """);
    }
}

public abstract class RecognitionTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    [Fact]
    public async Task The_demo_application_waits_and_only_the_states_reviewer_decides_it()
    {
        var maya = await Site.PersonIdAsync(DemoPeople.Teacher);
        RecognitionApplication? waiting = null;
        for (var i = 0; i < 50 && waiting == null; i++)
        {
            await Site.RunOutboxAsync(); // the recipe's application follows the credential its passed submission earns
            waiting = (await Site.ApplicationsOfAsync(maya)).SingleOrDefault(a => a.ProgrammeName == RecognitionDriver.Renewal);
            await Task.Delay(waiting == null ? 100 : 0);
        }

        Assert.NotNull(waiting);
        Assert.Equal(ApplicationStatus.Waiting, waiting.Status);
        Assert.Equal("DS204518", waiting.EducatorNumber);
        var item = Assert.Single(await Site.ItemsAsync(waiting.Id));
        Assert.False(item.Endorsed); // ef-visual-routines is not endorsed: a reviewer decides
        Assert.Equal(6m, item.Units);

        // The teacher sees it waiting; the state's reviewer has it in the queue, with the verification.
        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher);
        Assert.Contains("Waiting for a reviewer", (await teacher.GetDocumentAsync($"/me/recognition/{waiting.Id}")).QuerySelector("#application-status")!.TextContent);
        var reviewer = await Site.SignedInClientAsync(DemoPeople.State);
        Assert.Contains($"/recognition/applications/{waiting.Id}", (await reviewer.GetDocumentAsync("/recognition/applications")).QuerySelector("#waiting")!.InnerHtml);
        Assert.Contains("Issued on this site", (await reviewer.GetDocumentAsync($"/recognition/applications/{waiting.Id}")).Body!.TextContent);

        // No one else may read or decide it: another teacher, a district admin (the state decides this programme), another state's reviewer.
        await Site.AddFarStateAsync();
        foreach (var other in new[] { DemoPeople.Teacher2, DemoPeople.Admin, "reviewer@far.plbadges.test" })
        {
            var client = await Site.SignedInClientAsync(other);
            Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync($"/recognition/applications/{waiting.Id}")).StatusCode);
            Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync($"/me/recognition/{waiting.Id}")).StatusCode);
        }

        var anonymous = Site.CreateBrowserlikeClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/recognition/applications/{waiting.Id}")).StatusCode);
        var farReviewer = await Site.SignedInClientAsync("reviewer@far.plbadges.test");
        Assert.DoesNotContain(waiting.Id.ToString(), (await farReviewer.GetDocumentAsync("/recognition/applications")).Body!.InnerHtml);

        // Declining needs a reason; approving grants the points and tells the teacher.
        var path = $"/recognition/applications/{waiting.Id}";
        var refused = await reviewer.SubmitAsync(path, new Dictionary<string, string> { ["decision"] = "Decline", ["message"] = "" });
        var declined = await Refusals.AtFieldAsync(refused, "message", "Give the reason for declining"); // at the message, the summary linking to it
        Assert.NotNull(declined.QuerySelector("#decision-decline[checked]")); // the reviewer's choice stays chosen
        var undecided = await reviewer.SubmitAsync(path, new Dictionary<string, string> { ["message"] = "Thinking." });
        var kept = await Refusals.AtFieldAsync(undecided, "decision", "Choose a decision"); // in the fieldset of the radios
        Assert.Equal("Thinking.", kept.QuerySelector("textarea#message")!.TextContent.Trim()); // the typed message is still in the box
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.SubmitAsync(path, new Dictionary<string, string> { ["decision"] = "Approve", ["message"] = "" })).StatusCode);
        var approved = (await Site.ApplicationsOfAsync(maya)).Single(a => a.Id == waiting.Id);
        Assert.Equal(ApplicationStatus.Approved, approved.Status);
        Assert.False(approved.ByRule);
        Assert.Equal(6m, approved.UnitsGranted);
        Assert.Equal(1, await Site.CountAsync("EmailMessages", $"\"IdempotencyKey\" = 'recognition:{waiting.Id}:Approved'"));
        Assert.Equal(1, await Site.CountAsync("InboxItems", $"\"IdempotencyKey\" = 'recognition:{waiting.Id}:Approved'"));

        // Deciding twice is refused.
        var again = await reviewer.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "Approve" }));
        Assert.NotEqual(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task An_application_whose_credentials_are_all_endorsed_is_approved_by_rule_at_once_and_counts_once_per_cycle()
    {
        var (email, person, client) = await Site.LicensedTeacherAsync();
        var endorsed = await Site.IssueAsync(email, "udl-representation"); // endorsed by the demo state
        var programme = (await Site.ProgrammeAsync(RecognitionDriver.Renewal)).Id;
        var pick = await client.PickOfAsync(programme, endorsed);
        var applied = await client.PostWithFilesAsync($"/me/recognition/apply/{programme}", [("picked", pick)], []);
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var application = Assert.Single(await Site.ApplicationsOfAsync(person));
        Assert.Equal(ApplicationStatus.Approved, application.Status);
        Assert.True(application.ByRule);
        Assert.Equal(6m, application.UnitsGranted);
        Assert.Contains("Approved by rule", (await client.GetDocumentAsync(applied.Headers.Location!.ToString())).QuerySelector("#application-status")!.TextContent);

        // The same credential again in the same cycle counts nothing more; a second, unendorsed one waits for a reviewer.
        var unendorsed = await Site.IssueAsync(email, "ef-working-memory-supports");
        var second = await client.PostWithFilesAsync($"/me/recognition/apply/{programme}", [("picked", pick), ("picked", await client.PickOfAsync(programme, unendorsed))], []);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var waiting = (await Site.ApplicationsOfAsync(person)).Single(a => a.Id != application.Id);
        Assert.Equal(ApplicationStatus.Waiting, waiting.Status);
        var items = await Site.ItemsAsync(waiting.Id);
        Assert.Equal(0m, items[0].Units);
        Assert.Contains("earlier application", items[0].Reason);
        Assert.Equal(6m, items[1].Units);

        // What waits cannot be brought again until it is decided.
        var twice = await client.PostWithFilesAsync($"/me/recognition/apply/{programme}", [("picked", await client.PickOfAsync(programme, unendorsed))], []);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.StatusCode);
        Assert.Contains("already in an application", await twice.TextAsync());

        // Nothing picked, or something not theirs, is refused.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PostWithFilesAsync($"/me/recognition/apply/{programme}", [], [])).StatusCode);
        var stranger = await Site.IssueAsync(DemoPeople.Teacher2, "udl-engagement");
        var notMine = await client.PostWithFilesAsync($"/me/recognition/apply/{programme}", [("picked", pick.Replace(endorsed, stranger))], []);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notMine.StatusCode);
    }

    [Fact]
    public async Task An_uploaded_credential_counts_only_from_a_trusted_issuer_and_a_tampered_one_is_refused()
    {
        await Site.AddFarStateAsync();
        var (email, person, client) = await Site.LicensedTeacherAsync();
        var far = await Site.IssueAsync(email, "sa-self-awareness", "far-district"); // issued to this teacher by another state's district
        var anonymous = Site.CreateBrowserlikeClient();
        var jwt = await anonymous.GetStringAsync($"/credentials/{far}.jwt");
        var programme = (await Site.ProgrammeAsync(RecognitionDriver.Renewal)).Id;
        var path = $"/me/recognition/apply/{programme}";

        // Tampered: the payload changed after signing.
        var parts = jwt.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!;
        payload["name"] = "Something grander";
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
        var refused = await client.PostWithFilesAsync(path, [], [("far.jwt", "application/jwt", Encoding.ASCII.GetBytes(tampered))]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("could not be verified", await refused.TextAsync());
        Assert.Empty(await Site.ApplicationsOfAsync(person));

        // Someone else's credential is refused too: its recipient is not the applicant.
        var (_, _, otherClient) = await Site.LicensedTeacherAsync();
        var notTheirs = await otherClient.PostWithFilesAsync(path, [], [("far.jwt", "application/jwt", Encoding.ASCII.GetBytes(jwt))]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notTheirs.StatusCode);
        Assert.Contains("someone else", await notTheirs.TextAsync());

        // Genuine but from an issuer the state does not trust: verified, counted as nothing, and it waits.
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostWithFilesAsync(path, [], [("far.jwt", "application/jwt", Encoding.ASCII.GetBytes(jwt))])).StatusCode);
        var untrusted = Assert.Single(await Site.ApplicationsOfAsync(person));
        Assert.Equal(ApplicationStatus.Waiting, untrusted.Status);
        var item = Assert.Single(await Site.ItemsAsync(untrusted.Id));
        Assert.Equal(ItemSource.Uploaded, item.Source);
        Assert.False(item.Recognised);
        Assert.Equal(0m, item.Units);
        Assert.Contains("signature: passed", item.Verification);

        // Once the state trusts the issuer, a baked PNG of the same credential counts (the reviewer declines the first).
        var reviewer = await Site.SignedInClientAsync(DemoPeople.State);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.SubmitAsync($"/recognition/applications/{untrusted.Id}", new Dictionary<string, string> { ["decision"] = "Decline", ["message"] = "Not from a trusted issuer." })).StatusCode);
        var state = await Site.OrganizationIdAsync("demo-state");
        var issuerUrl = (string)JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!["iss"]!;
        Assert.StartsWith("did:web:", issuerUrl); // the trust list takes the issuer's DID, as its credentials name it
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.SubmitAsync($"/state/programs?state={state}",
            new Dictionary<string, string> { ["state"] = state.ToString(), ["issuerUrl"] = issuerUrl, ["issuerName"] = "Far Valley Schools" }, "Trust")).StatusCode);
        var png = await anonymous.GetByteArrayAsync($"/credentials/{far}.png");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostWithFilesAsync(path, [], [("far.png", "image/png", png)])).StatusCode);
        var trusted = (await Site.ApplicationsOfAsync(person)).Single(a => a.Id != untrusted.Id);
        var counted = Assert.Single(await Site.ItemsAsync(trusted.Id));
        Assert.True(counted.Recognised);
        Assert.Equal(6m, counted.Units);
        Assert.Equal("Far Valley Schools", counted.IssuerName);
        Assert.Equal(ApplicationStatus.Waiting, trusted.Status); // trusted, but not endorsed: a reviewer decides
    }

    [Fact]
    public async Task Educator_numbers_take_the_states_form_and_belong_to_one_educator()
    {
        var (_, person, client) = await Site.LicensedTeacherAsync();
        var number = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<EducatorLicence>().Where(l => l.PersonId == person).Select(l => l.EducatorNumber).SingleAsync());
        var wrong = await client.SubmitAsync("/me/recognition", new Dictionary<string, string> { ["educatorNumber"] = "12345", ["licensedOn"] = "2020-08-01" }, "Licence");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("DS and six digits", await wrong.TextAsync());

        var (_, _, other) = await Site.LicensedTeacherAsync();
        var taken = await other.SubmitAsync("/me/recognition", new Dictionary<string, string> { ["educatorNumber"] = number, ["licensedOn"] = "2020-08-01" }, "Licence");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        Assert.Contains("Another educator", await taken.TextAsync());

        // A reviewer changes the form; the page says the new one.
        var reviewer = await Site.SignedInClientAsync(DemoPeople.State);
        var state = await Site.OrganizationIdAsync("demo-state");
        var bad = await reviewer.SubmitAsync($"/state/programs?state={state}", new Dictionary<string, string> { ["state"] = state.ToString(), ["pattern"] = "([", ["hint"] = "x" }, "Settings");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("not a regular expression", await bad.TextAsync());
    }

    [Fact]
    public async Task An_advancement_missing_a_pathway_is_refused_with_what_is_missing()
    {
        var (email, _, client) = await Site.LicensedTeacherAsync();
        var held = await Site.IssueAsync(email, "udl-representation");
        var programme = (await Site.ProgrammeAsync(RecognitionDriver.Advancement)).Id;
        var refused = await client.PostWithFilesAsync($"/me/recognition/apply/{programme}", [("picked", await client.PickOfAsync(programme, held))], []);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var text = await refused.TextAsync();
        Assert.Contains("the pathway Universal Design for Learning", text);
        Assert.Contains("the pathway Executive Functioning", text);
    }

    [Fact]
    public async Task Programmes_are_versioned_and_kept_only_by_their_states_reviewers()
    {
        await Site.AddFarStateAsync();
        var state = await Site.OrganizationIdAsync("demo-state");
        var reviewer = await Site.SignedInClientAsync(DemoPeople.State);
        var path = $"/state/programs?state={state}";
        var name = "Clock hours " + Guid.NewGuid().ToString("N")[..6];
        var rules = new Dictionary<string, string>
        {
            ["state"] = state.ToString(), ["name"] = name, ["effectiveFrom"] = DateTime.UtcNow.ToString("yyyy-MM-dd"),
            ["renewal.UnitName"] = "clock hours", ["renewal.UnitsNeeded"] = "90", ["renewal.CycleYears"] = "5", ["renewal.Basis"] = "CredentialHours",
            ["renewal.CredentialCap"] = "30", ["renewal.Approval"] = "State",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.SubmitAsync(path, rules, "Renewal")).StatusCode);
        var programme = await Site.ProgrammeAsync(name);

        // A new version cannot begin in the past, nor before the latest; from tomorrow it is the one in effect then.
        var version = new Dictionary<string, string>(rules) { ["programmeId"] = programme.Id.ToString(), ["renewal.CredentialCap"] = "45" };
        version.Remove("name");
        version["effectiveFrom"] = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd");
        var past = await reviewer.SubmitAsync(path, version, "RenewalVersion");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
        Assert.Contains("never rewritten", await past.TextAsync());
        version["effectiveFrom"] = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd");
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.SubmitAsync(path, version, "RenewalVersion")).StatusCode);
        var view = await Site.InScopeAsync(s => s.GetRequiredService<ProgrammeService>().ProgrammeAsync(programme.Id, CancellationToken.None));
        Assert.Equal(2, view!.Renewal.Count);
        Assert.Equal(1, view.InEffect(DateOnly.FromDateTime(DateTime.UtcNow))!.Number);
        Assert.Equal(2, view.InEffect(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1))!.Number);
        Assert.Equal(45m, view.Renewal[1].Rules.CredentialCap);

        // Bad rules are refused with the reason.
        var bad = new Dictionary<string, string>(rules) { ["name"] = name + " 2", ["renewal.UnitsNeeded"] = "0" };
        var refused = await reviewer.SubmitAsync(path, bad, "Renewal");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("units needed", await refused.TextAsync());

        // Another state's reviewer cannot touch this state's programmes; a teacher cannot open the page.
        var far = await Site.SignedInClientAsync("reviewer@far.plbadges.test");
        Assert.Equal(HttpStatusCode.NotFound, (await far.GetAsync(path)).StatusCode);
        var farState = await Site.OrganizationIdAsync("far-state");
        var sneaky = await far.SubmitAsync($"/state/programs?state={farState}", new Dictionary<string, string>(version) { ["effectiveFrom"] = DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd") }, "RenewalVersion");
        Assert.Equal(HttpStatusCode.NotFound, sneaky.StatusCode); // refused, and the page of a state they do not review is not there for them
        Assert.Equal(2, (await Site.InScopeAsync(s => s.GetRequiredService<ProgrammeService>().ProgrammeAsync(programme.Id, CancellationToken.None)))!.Renewal.Count);
        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher);
        Assert.NotEqual(HttpStatusCode.OK, (await teacher.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Where_the_state_leaves_approval_to_districts_the_district_admin_decides_and_no_other_district()
    {
        var state = await Site.OrganizationIdAsync("demo-state");
        var reviewer = await Site.SignedInClientAsync(DemoPeople.State);
        var name = "District renewal " + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.SubmitAsync($"/state/programs?state={state}", new Dictionary<string, string>
        {
            ["state"] = state.ToString(), ["name"] = name, ["effectiveFrom"] = DateTime.UtcNow.ToString("yyyy-MM-dd"),
            ["renewal.UnitName"] = "points", ["renewal.UnitsNeeded"] = "60", ["renewal.CycleYears"] = "5", ["renewal.Basis"] = "PerCredential", ["renewal.UnitsPerCredential"] = "6",
            ["renewal.Approval"] = "District",
        }, "Renewal")).StatusCode);
        var programme = await Site.ProgrammeAsync(name);
        var (email, person, client) = await Site.LicensedTeacherAsync();
        var credential = await Site.IssueAsync(email, "ef-self-monitoring");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostWithFilesAsync($"/me/recognition/apply/{programme.Id}", [("picked", await client.PickOfAsync(programme.Id, credential))], [])).StatusCode);
        var application = Assert.Single(await Site.ApplicationsOfAsync(person));
        var path = $"/recognition/applications/{application.Id}";

        var otherAdmin = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        Assert.DoesNotContain(application.Id.ToString(), (await otherAdmin.GetDocumentAsync("/recognition/applications")).Body!.InnerHtml);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.GetAsync(path)).StatusCode);

        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        Assert.Contains(application.Id.ToString(), (await admin.GetDocumentAsync("/recognition/applications")).Body!.InnerHtml);
        var more = await admin.SubmitAsync(path, new Dictionary<string, string> { ["decision"] = "AskForMore", ["message"] = "Please add the self-monitoring chart." });
        Assert.Equal(HttpStatusCode.Redirect, more.StatusCode);

        // The educator answers; it waits again; the admin approves.
        var answer = await client.PostWithFilesAsync($"/me/recognition/{application.Id}", [("note", "The chart is in my credential's evidence.")], [], "Answer");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal(ApplicationStatus.Waiting, (await Site.ApplicationsOfAsync(person)).Single().Status);
        Assert.Equal(1, await Site.CountAsync("EmailMessages", $"\"IdempotencyKey\" LIKE 'recognition:{application.Id}:MoreAsked:%'"));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(path, new Dictionary<string, string> { ["decision"] = "Approve", ["message"] = "" })).StatusCode);
        Assert.Equal(ApplicationStatus.Approved, (await Site.ApplicationsOfAsync(person)).Single().Status);
    }

    [Fact]
    public async Task A_credential_revoked_after_applying_is_flagged_to_the_reviewer_and_counts_nothing_when_approved()
    {
        var (email, person, client) = await Site.LicensedTeacherAsync();
        var credential = await Site.IssueAsync(email, "ef-working-memory-supports"); // not endorsed: a reviewer decides
        var programme = (await Site.ProgrammeAsync(RecognitionDriver.Renewal)).Id;
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostWithFilesAsync($"/me/recognition/apply/{programme}", [("picked", await client.PickOfAsync(programme, credential))], [])).StatusCode);
        var application = Assert.Single(await Site.ApplicationsOfAsync(person));
        Assert.Equal(6m, Assert.Single(await Site.ItemsAsync(application.Id)).Units);
        await Site.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PLBadgesDbContext>();
            var issued = await db.Set<IssuedCredential>().SingleAsync(c => c.Id == credential);
            issued.RevokedAt = DateTime.UtcNow;
            issued.RevocationReason = "Awarded to the wrong person.";
            await db.SaveChangesAsync();
        });

        var reviewer = await Site.SignedInClientAsync(DemoPeople.State);
        var path = $"/recognition/applications/{application.Id}";
        Assert.Contains("Revoked by its issuer", (await reviewer.GetDocumentAsync(path)).QuerySelector("#revoked-warning")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.SubmitAsync(path, new Dictionary<string, string> { ["decision"] = "Approve", ["message"] = "" })).StatusCode);
        Assert.Equal(0m, (await Site.ApplicationsOfAsync(person)).Single().UnitsGranted);
        var item = Assert.Single(await Site.ItemsAsync(application.Id));
        Assert.Equal(0m, item.Units);
        Assert.Contains("Revoked", item.Reason);

        // A decision without a choice is refused, not taken as an approval.
        var (_, other, otherClient) = await Site.LicensedTeacherAsync();
        var second = await Site.IssueAsync((await Site.InScopeAsync(s => s.GetRequiredService<PLBadges.Identity.Contracts.IPeopleDirectory>().GetAsync([other])))[0].Email, "ef-working-memory-supports");
        Assert.Equal(HttpStatusCode.Redirect, (await otherClient.PostWithFilesAsync($"/me/recognition/apply/{programme}", [("picked", await otherClient.PickOfAsync(programme, second))], [])).StatusCode);
        var waiting = Assert.Single(await Site.ApplicationsOfAsync(other));
        var undecided = await reviewer.SubmitAsync($"/recognition/applications/{waiting.Id}", new Dictionary<string, string> { ["message"] = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, undecided.StatusCode);
        Assert.Equal(ApplicationStatus.Waiting, (await Site.ApplicationsOfAsync(other)).Single().Status);
    }

    [Fact]
    public async Task A_reviewer_who_is_also_an_educator_cannot_decide_their_own_application()
    {
        var email = $"rev{Guid.NewGuid():N}"[..12] + "@demo.plbadges.test";
        await Site.ApplyRecipeAsync($$"""
            { "name": "two-hats", "steps": [ { "name": "People", "people": [
              { "email": "{{email}}", "name": "Two Hats", "password": "{{Forms.DemoPassword}}", "roles": [ { "role": "Teacher", "organization": "lincoln-elementary" }, { "role": "StateReviewer", "organization": "demo-state" } ] } ] } ] }
            """);
        await Site.RunOutboxAsync();
        var client = await Site.SignedInClientAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/me/recognition", new Dictionary<string, string> { ["educatorNumber"] = "DS" + Random.Shared.Next(100_000, 999_999), ["licensedOn"] = "2021-08-01" }, "Licence")).StatusCode);
        var credential = await Site.IssueAsync(email, "ef-self-monitoring");
        var programme = (await Site.ProgrammeAsync(RecognitionDriver.Renewal)).Id;
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostWithFilesAsync($"/me/recognition/apply/{programme}", [("picked", await client.PickOfAsync(programme, credential))], [])).StatusCode);
        var application = Assert.Single(await Site.ApplicationsOfAsync(await Site.PersonIdAsync(email)));
        Assert.Equal(ApplicationStatus.Waiting, application.Status);

        Assert.DoesNotContain(application.Id.ToString(), (await client.GetDocumentAsync("/recognition/applications")).Body!.InnerHtml);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/recognition/applications/{application.Id}")).StatusCode);
        Assert.Contains(application.Id.ToString(), (await (await Site.SignedInClientAsync(DemoPeople.State)).GetDocumentAsync("/recognition/applications")).Body!.InnerHtml);
    }
}

public abstract class TranscriptAndDashboardTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    [Fact]
    public async Task The_transcript_shows_credentials_hours_and_recognitions_in_every_form_and_is_shared_only_by_its_link()
    {
        var (email, person, client) = await Site.LicensedTeacherAsync();
        var credential = await Site.IssueAsync(email, "udl-representation");
        var programme = (await Site.ProgrammeAsync(RecognitionDriver.Renewal)).Id;
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostWithFilesAsync($"/me/recognition/apply/{programme}", [("picked", await client.PickOfAsync(programme, credential))], [])).StatusCode);

        var page = await client.GetDocumentAsync("/me/transcript");
        Assert.Contains("Representation: Flexible Ways to Perceive and Comprehend", page.QuerySelector("#transcript-credentials")!.TextContent);
        Assert.Contains("6 points toward license renewal", page.QuerySelector("#transcript-recognitions")!.TextContent);
        var hours = page.QuerySelector("#transcript-summary")!.TextContent;
        Assert.Matches(@"^(\d+ h( \d+ min)?|\d+ min) of professional learning", hours); // hours and minutes, never "17.83 hours"
        Assert.DoesNotMatch(@"\d\.\d", hours);
        Assert.All(page.QuerySelectorAll("#transcript-credentials tbody td:last-child"), td => Assert.Matches(@"^(\d+ h( \d+ min)?|\d+ min)$", td.TextContent));
        Assert.Contains("DS", hours); // the educator number

        var csv = await client.GetStringAsync("/me/transcript?handler=csv");
        Assert.StartsWith("Section,Item,Detail,Date,Hours,Units", csv.TrimStart('\uFEFF'));
        Assert.Contains("Recognition,Professional license renewal", csv);
        var json = JsonNode.Parse(await client.GetStringAsync("/me/transcript?handler=json"))!;
        Assert.Equal(credential, ((string)json["credentials"]![0]!["url"]!).Split('/')[^1]);
        var pdf = await client.GetByteArrayAsync("/me/transcript?handler=pdf");
        using (var document = UglyToad.PdfPig.PdfDocument.Open(pdf))
        {
            var text = string.Join(" ", document.GetPages().Select(p => p.Text));
            Assert.Contains("Professional learning transcript", text);
            Assert.Contains("6 points toward license renewal", text);
        }

        Assert.Contains("Professional learning transcript", (await client.GetDocumentAsync("/me/transcript/print")).QuerySelector("h1")!.TextContent);

        // Private until shared; the link works without an account; a new link ends the old; stopping ends both.
        var anonymous = Site.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/me/transcript", new Dictionary<string, string>(), "Share")).StatusCode);
        var link = (await client.GetDocumentAsync("/me/transcript")).QuerySelector("#share-link")!.GetAttribute("href")!;
        Assert.Contains("6 points toward license renewal", (await anonymous.GetDocumentAsync(link)).QuerySelector("#transcript-recognitions")!.TextContent);
        Assert.Equal("application/pdf", (await anonymous.GetAsync(link + "?handler=pdf")).Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/me/transcript", new Dictionary<string, string>(), "Share")).StatusCode);
        var second = (await client.GetDocumentAsync("/me/transcript")).QuerySelector("#share-link")!.GetAttribute("href")!;
        Assert.NotEqual(link, second);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/me/transcript", new Dictionary<string, string>(), "StopSharing")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(second)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/transcripts/guessed-token")).StatusCode);

        // Another teacher's transcript is their own.
        var other = await Site.SignedInClientAsync(DemoPeople.Teacher2);
        Assert.DoesNotContain(credential, (await other.GetDocumentAsync("/me/transcript")).Body!.InnerHtml);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/me/transcript")).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_counts_by_district_pathway_and_month_and_suppresses_small_counts_in_the_page_and_csv()
    {
        var (email, _, _) = await Site.LicensedTeacherAsync();
        foreach (var slug in new[] { "ef-self-monitoring", "ef-task-analysis", "ef-working-memory-supports", "udl-action-expression", "udl-engagement", "udl-lesson-design",
                     "mtss-collaborative-data-teams", "mtss-intensifying-interventions", "mtss-progress-monitoring-cbm", "mtss-universal-screening", "sa-self-awareness", "sa-goal-setting-self-determination" })
        {
            await Site.IssueAsync(email, slug);
        }

        await Site.IssueAsync(DemoPeople.OtherTeacher, "udl-engagement", "other-district");
        if (await Site.CountAsync("Organizations", "\"Code\" = 'quiet-district'") == 0)
        {
            // A third district with nothing earned: two small districts hide each other, and Riverbend's count can be shown.
            await Site.ApplyRecipeAsync("""{ "name": "quiet", "steps": [ { "name": "Organizations", "items": [ { "kind": "District", "code": "quiet-district", "name": "Quiet Hollow Schools", "parent": "demo-state" } ] } ] }""");
        }

        await Site.InScopeAsync(s => s.GetRequiredService<PLBadges.Credentials.Issuing.CredentialTallies>().RunAsync(CancellationToken.None));
        var reviewer = await Site.SignedInClientAsync(DemoPeople.State);
        var page = await reviewer.GetDocumentAsync("/state");
        string Row(string table, string group) => page.QuerySelectorAll($"#{table} tbody tr").Single(r => r.QuerySelector("th")!.TextContent == group).QuerySelector("td")!.TextContent;
        var riverbend = Row("by-district", "Riverbend Unified School District");
        Assert.Matches(@"^\d+$", riverbend);
        Assert.True(int.Parse(riverbend) >= 12);
        Assert.Equal("fewer than 10", Row("by-district", "Lakeside County Schools"));
        Assert.Equal("fewer than 10", Row("by-district", "Quiet Hollow Schools"));
        // Every pathway may rest on fewer than 10 records (the count depends on what other tests issued): then the
        // breakdown is a sentence, not a table of "fewer than 10".
        if (page.QuerySelector("#by-pathway") != null)
        {
            Assert.Equal("fewer than 10", Row("by-pathway", "Explicit Instruction of Self-Advocacy Skills"));
        }
        else
        {
            Assert.Equal("Too few records to show yet by pathway.", page.QuerySelector("#too-few")!.TextContent.Trim());
        }

        Assert.Matches(@"^\d+$", Row("by-month", DateTime.UtcNow.ToString("MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("fewer than 10", page.QuerySelector("#figure-waiting")!.TextContent);
        Assert.Equal("fewer than 10 decisions", page.QuerySelector("#figure-median")!.TextContent);

        var csv = await reviewer.GetStringAsync("/state?handler=csv");
        Assert.Contains("\"Micro-credentials earned, by district\",Lakeside County Schools,fewer than 10", csv.Replace("\"State of Demonstration\",", ""));
        Assert.Contains($"Riverbend Unified School District,{riverbend}", csv);
        Assert.DoesNotContain("@", csv); // no person in it

        // Only the state's reviewers: a teacher and a district admin are refused; another state's reviewer sees their own state.
        Assert.NotEqual(HttpStatusCode.OK, (await (await Site.SignedInClientAsync(DemoPeople.Teacher)).GetAsync("/state")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await (await Site.SignedInClientAsync(DemoPeople.Admin)).GetAsync("/state?handler=csv")).StatusCode);
        await Site.AddFarStateAsync();
        var far = await Site.SignedInClientAsync("reviewer@far.plbadges.test");
        var farPage = await far.GetDocumentAsync("/state");
        Assert.DoesNotContain("Riverbend", farPage.Body!.TextContent);
        // Nothing earned there: the three breakdowns, every figure "fewer than 10", are one sentence.
        Assert.Equal("Too few records to show yet.", farPage.QuerySelector("#too-few")!.TextContent.Trim());
        Assert.Empty(farPage.QuerySelectorAll("#by-district, #by-pathway, #by-month"));
        Assert.Equal(HttpStatusCode.NotFound, (await far.GetAsync($"/state?state={await Site.OrganizationIdAsync("demo-state")}")).StatusCode);
    }
}

public abstract class EndorsementTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    [Fact]
    public async Task An_endorsement_validates_verifies_elsewhere_is_carried_by_later_credentials_and_withdrawal_revokes_it()
    {
        await Site.RunOutboxAsync(); // the demo's endorsements are signed after its recipe
        var state = await Site.OrganizationIdAsync("demo-state");
        var reviewer = await Site.SignedInClientAsync(DemoPeople.State);
        var page = await reviewer.GetDocumentAsync($"/state/endorsements?state={state}");
        Assert.Contains("endorses 2 of", page.QuerySelector("#endorsement-summary")!.TextContent);
        var mc = await Site.InScopeAsync(async s => (await s.GetRequiredService<IMicroCredentialCatalog>().PublishedAsync("sa-student-led-iep"))!.MicroCredentialId);

        // A comment is needed; then the endorsement is signed with the state's key and published.
        var path = $"/state/endorsements?state={state}";
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await reviewer.SubmitAsync(path, new Dictionary<string, string> { ["state"] = state.ToString(), ["microCredentialId"] = mc.ToString(), ["comment"] = " " }, "Endorse")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.SubmitAsync(path, new Dictionary<string, string> { ["state"] = state.ToString(), ["microCredentialId"] = mc.ToString(), ["comment"] = "Student-led IEP meetings, evidenced and scored as the state expects." }, "Endorse")).StatusCode);
        var endorsement = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<Endorsement>().AsNoTracking().SingleAsync(e => e.MicroCredentialId == mc && e.WithdrawnAt == null));
        var again = await reviewer.SubmitAsync(path, new Dictionary<string, string> { ["state"] = state.ToString(), ["microCredentialId"] = mc.ToString(), ["comment"] = "Twice." }, "Endorse");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);

        var anonymous = Site.CreateBrowserlikeClient();
        var origin = await Site.InScopeAsync(s => Task.FromResult(s.GetRequiredService<SiteOrigin>().Value));
        var json = JsonNode.Parse(await anonymous.GetStringAsync($"/endorsements/{endorsement.Id}"))!;
        Assert.Equal(["VerifiableCredential", "EndorsementCredential"], json["type"]!.AsArray().Select(t => (string)t!));
        Assert.Equal($"{origin}/micro-credentials/sa-student-led-iep", (string?)json["credentialSubject"]!["id"]);
        Assert.Equal(IssuerDid.For(origin, state), (string?)json["issuer"]!["id"]);
        Assert.Equal("eddsa-rdfc-2022", (string?)json["proof"]![0]!["cryptosuite"]);
        Assert.Empty(await Site.InScopeAsync(s => Task.FromResult(s.GetRequiredService<CredentialSchema>().Validate(json))));

        // The VC-JWT verifies with Microsoft.IdentityModel (not the signer) against the state's published keys.
        var jwt = await anonymous.GetStringAsync($"/endorsements/{endorsement.Id}.jwt");
        var jwks = new JsonWebKeySet(await anonymous.GetStringAsync($"/issuers/{state}/jwks"));
        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = IssuerDid.For(origin, state),
            ValidateAudience = false,
            RequireExpirationTime = false,
            IssuerSigningKeys = jwks.GetSigningKeys(),
        });
        Assert.True(validated.IsValid, validated.Exception?.Message);
        Assert.Equal($"{origin}/endorsements/{endorsement.Id}", new JsonWebToken(jwt).Id);

        // A credential issued for the micro-credential from now on carries it, and still matches the schema and verifies.
        var credential = await Site.IssueAsync(DemoPeople.Teacher2, "sa-student-led-iep");
        var document = JsonNode.Parse(await anonymous.GetStringAsync($"/credentials/{credential}.json"))!;
        // Embedded as the EndorsementCredential itself, with its own proof (OB 3.0.3 defines no endorsementJwt).
        Assert.True(JsonNode.DeepEquals(json, document["credentialSubject"]!["achievement"]!["endorsement"]![0]));
        Assert.Null(document["credentialSubject"]!["achievement"]!["endorsementJwt"]);
        Assert.Empty(await Site.InScopeAsync(s => Task.FromResult(s.GetRequiredService<CredentialSchema>().Validate(document))));
        var verified = JsonNode.Parse(await (await anonymous.PostAsync("/api/v1/verify", new StringContent(jwt, Encoding.ASCII, "application/jwt"))).Content.ReadAsStringAsync())!;
        Assert.True((bool)verified["valid"]!, verified.ToJsonString());
        Assert.Contains("EndorsementCredential schema", verified.ToJsonString());

        // Withdrawn: the state's status list marks it, and verification says so with the reason.
        var refused = await reviewer.SubmitAsync(path, new Dictionary<string, string> { ["state"] = state.ToString(), ["endorsementId"] = endorsement.Id, ["reason"] = "" }, "Withdraw");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.SubmitAsync(path, new Dictionary<string, string> { ["state"] = state.ToString(), ["endorsementId"] = endorsement.Id, ["reason"] = "The rubric changed." }, "Withdraw")).StatusCode);
        var list = new HttpRequestMessage(HttpMethod.Get, $"/status/{endorsement.StatusListId}");
        list.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var status = JsonNode.Parse(await (await anonymous.SendAsync(list)).Content.ReadAsStringAsync())!;
        Assert.True(Bitstring.IsSet((string)status["credentialSubject"]!["encodedList"]!, endorsement.StatusIndex));
        Assert.Equal(IssuerDid.For(origin, state), (string?)status["issuer"]);
        var revoked = JsonNode.Parse(await (await anonymous.PostAsync("/api/v1/verify", new StringContent(jwt, Encoding.ASCII, "application/jwt"))).Content.ReadAsStringAsync())!;
        Assert.False((bool)revoked["valid"]!);
        Assert.Contains("The rubric changed.", revoked.ToJsonString());

        // Credentials issued after the withdrawal no longer carry it.
        var later = await Site.IssueAsync(DemoPeople.Teacher, "sa-student-led-iep");
        Assert.Null(JsonNode.Parse(await anonymous.GetStringAsync($"/credentials/{later}.json"))!["credentialSubject"]!["achievement"]!["endorsement"]);

        // Only the state's reviewers endorse: another state's reviewer and a district admin are refused.
        await Site.AddFarStateAsync();
        var far = await Site.SignedInClientAsync("reviewer@far.plbadges.test");
        var farState = await Site.OrganizationIdAsync("far-state");
        var forged = await far.SubmitAsync($"/state/endorsements?state={farState}", new Dictionary<string, string> { ["state"] = state.ToString(), ["microCredentialId"] = mc.ToString(), ["comment"] = "Forged." }, "Endorse");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(0, await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<Endorsement>().CountAsync(e => e.MicroCredentialId == mc && e.WithdrawnAt == null)));
        Assert.NotEqual(HttpStatusCode.OK, (await (await Site.SignedInClientAsync(DemoPeople.Admin)).GetAsync(path)).StatusCode);
    }
}

public sealed class RecognitionOnSqlite(SqliteSite fixture) : RecognitionTests(fixture), IClassFixture<SqliteSite>;

public sealed class RecognitionOnPostgres(PostgresSite fixture) : RecognitionTests(fixture), IClassFixture<PostgresSite>;

public sealed class TranscriptAndDashboardOnSqlite(SqliteSite fixture) : TranscriptAndDashboardTests(fixture), IClassFixture<SqliteSite>;

public sealed class TranscriptAndDashboardOnPostgres(PostgresSite fixture) : TranscriptAndDashboardTests(fixture), IClassFixture<PostgresSite>;

public sealed class EndorsementOnSqlite(SqliteSite fixture) : EndorsementTests(fixture), IClassFixture<SqliteSite>;

public sealed class EndorsementOnPostgres(PostgresSite fixture) : EndorsementTests(fixture), IClassFixture<PostgresSite>;
