using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Identity.People;
using PLBadges.Identity.Roster;

namespace PLBadges.IntegrationTests;

/// <summary>
/// The linking rules of each platform provider, through the same real OpenID provider answering with
/// Google's, Microsoft's or ClassLink's claims (set per test with <see cref="OidcPeer.SetAccountAsync"/>);
/// relinking by subject; local passwords off; sign-ins started at the provider; the district's log.
/// </summary>
public abstract partial class DistrictSignInTests
{
    [Fact]
    public async Task Google_links_a_verified_email_of_the_districts_workspace_domain_only()
    {
        await AccountAsync("g-unverified", "g-unverified", DemoPeople.Teacher2, verified: false, ("hd", "demo.plbadges.test"));
        await AccountAsync("g-no-hd", "g-no-hd", DemoPeople.Teacher2, verified: true);
        await AccountAsync("g-other-hd", "g-other-hd", DemoPeople.Teacher2, verified: true, ("hd", "elsewhere.plbadges.test"));
        await AccountAsync("g-ok", "g-ok", DemoPeople.Teacher2, verified: true, ("hd", "demo.plbadges.test"));

        Assert.Contains("could not find you among your district's people", await RefusedAsync("google", "g-unverified"));
        // No hd: a consumer Google account, or another Workspace; no district is found by it.
        Assert.Contains("does not belong to a district that uses PLBadges", await RefusedAsync("google", "g-no-hd"));
        Assert.Contains("does not belong to a district that uses PLBadges", await RefusedAsync("google", "g-other-hd"));
        Assert.Equal(0, await Site.CountAsync("PersonLogins", "\"LoginProvider\" = 'google'  AND \"ProviderKey\" <> 'g-ok'"));

        Assert.Contains("Signed in as", await SignedInAsync("google", "g-ok"));
        Assert.Contains("google|g-ok", await LoginsAsync());
        Assert.Equal(await Site.PersonIdAsync(DemoPeople.Teacher2), await LinkedPersonAsync("google", "g-ok"));
    }

    [Fact]
    public async Task Microsoft_links_by_a_listed_tenant_and_a_verified_domain_else_only_whom_the_roster_carries()
    {
        await AccountAsync("m-unlisted", "m-unlisted", DemoPeople.LeadCoach, verified: true, ("tid", "tenant-nowhere"), ("oid", "o-unlisted"), ("xms_edov", true));
        await AccountAsync("m-no-edov", "m-no-edov", DemoPeople.Coach, verified: true, ("tid", "tenant-demo"), ("oid", "o-coach"), ("xms_edov", false));
        await AccountAsync("m-edov", "m-edov", DemoPeople.LeadCoach, verified: true, ("tid", "tenant-demo"), ("oid", "o-lead"), ("xms_edov", true));
        await AccountAsync("m-other-tenant", "m-other-tenant", DemoPeople.LeadCoach, verified: true, ("tid", "tenant-other"), ("oid", "o-lead-other"), ("xms_edov", true));

        // A tenant on no district's list.
        Assert.Contains("does not belong to a district that uses PLBadges", await RefusedAsync("microsoft", "m-unlisted"));
        // The other district's tenant: a demo district person is not signed in through it.
        Assert.Contains("could not find you among your district's people", await RefusedAsync("microsoft", "m-other-tenant"));
        // Microsoft did not verify the email's domain (no xms_edov): not linked by email.
        Assert.Contains("could not find you among your district's people", await RefusedAsync("microsoft", "m-no-edov"));
        Assert.Equal(0, await Site.CountAsync("PersonLogins", "\"LoginProvider\" = 'microsoft'"));

        // Listed tenant and a verified domain: linked by tenant and object id, not by sub.
        Assert.Contains("Signed in as", await SignedInAsync("microsoft", "m-edov"));
        Assert.Equal(await Site.PersonIdAsync(DemoPeople.LeadCoach), await LinkedPersonAsync("microsoft", "tenant-demo:o-lead"));

        // Without xms_edov, only a person the roster carries with Microsoft's identifier (tenant and object id) gets in.
        await Site.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<Person>>();
            var coach = await users.FindByEmailAsync(DemoPeople.Coach);
            Assert.True((await users.AddLoginAsync(coach!, new UserLoginInfo("microsoft", "tenant-demo:o-coach", "Microsoft"))).Succeeded);
        });
        Assert.Contains("Signed in as", await SignedInAsync("microsoft", "m-no-edov"));
    }

    [Fact]
    public async Task ClassLink_links_by_the_rostered_sourcedId_when_asserted_else_by_the_email_in_the_districts_domains()
    {
        var demo = await Site.OrganizationIdAsync("demo-district");
        var leader = await Site.PersonIdAsync(DemoPeople.Leader);
        await Site.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PLBadges.Data.PLBadgesDbContext>();
            db.Add(new RosterLink { DistrictId = demo, SourcedId = "src-leader", PersonId = leader, LinkedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

        // ClassLink does not say whether it verified the email; its tenant and the roster's sourcedId are what count.
        await AccountAsync("c-sourced", "c-sourced", "leader.personal@elsewhere.plbadges.test", verified: false, ("TenantId", "cl-demo"), ("sourcedId", "src-leader"));
        await AccountAsync("c-unknown-sourced", "c-unknown-sourced", DemoPeople.Admin, verified: false, ("TenantId", "cl-demo"), ("sourcedId", "src-nobody"));
        await AccountAsync("c-other-tenant", "c-other-tenant", DemoPeople.Admin, verified: false, ("TenantId", "cl-nowhere"));
        await AccountAsync("c-outside-domains", "c-outside-domains", "admin@elsewhere.plbadges.test", verified: false, ("TenantId", "cl-demo"));
        await AccountAsync("c-email", "c-email", DemoPeople.Admin, verified: false, ("TenantId", "cl-demo"));

        Assert.Contains("Signed in as", await SignedInAsync("classlink", "c-sourced"));
        Assert.Equal(leader, await LinkedPersonAsync("classlink", "c-sourced"));

        // An asserted sourcedId the roster does not carry is not made up for by the email.
        Assert.Contains("could not find you among your district's people", await RefusedAsync("classlink", "c-unknown-sourced"));
        Assert.Contains("does not belong to a district that uses PLBadges", await RefusedAsync("classlink", "c-other-tenant"));
        Assert.Contains("could not find you among your district's people", await RefusedAsync("classlink", "c-outside-domains"));
        Assert.Null(await LinkedPersonAsync("classlink", "c-unknown-sourced"));

        Assert.Contains("Signed in as", await SignedInAsync("classlink", "c-email"));
        Assert.Equal(await Site.PersonIdAsync(DemoPeople.Admin), await LinkedPersonAsync("classlink", "c-email"));
    }

    [Fact]
    public async Task After_the_first_link_the_subject_signs_in_whatever_the_email_and_the_old_email_under_a_new_subject_does_not()
    {
        var admin = await Site.PersonIdAsync(DemoPeople.Admin);
        await AccountAsync("rename", "idp-admin", DemoPeople.Admin, verified: true);
        Assert.Contains("Signed in as", await SignedInAsync(fixture.DemoRegistration, "rename"));
        Assert.Equal(admin, await LinkedPersonAsync(fixture.DemoRegistration, "idp-admin"));

        // The mailbox is renamed at the provider: the same subject still signs the same person in.
        await AccountAsync("rename", "idp-admin", "renamed.admin@demo.plbadges.test", verified: true);
        Assert.Contains("Signed in as", await SignedInAsync(fixture.DemoRegistration, "rename"));

        // Someone given the old address at the provider (a new subject) does not take the account over.
        await AccountAsync("takeover", "idp-newcomer", DemoPeople.Admin, verified: true);
        Assert.Contains("linked to another account at that provider", await RefusedAsync(fixture.DemoRegistration, "takeover"));
        Assert.Null(await LinkedPersonAsync(fixture.DemoRegistration, "idp-newcomer"));
        Assert.True(await Site.CountAsync("DistrictLog", "\"Kind\" = 'sign-in' AND \"Text\" LIKE '%is linked to another account there%'") >= 1);
    }

    [Fact]
    public async Task With_local_passwords_off_a_districts_people_are_sent_to_its_provider_and_a_wrong_password_is_answered_as_for_anyone()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        await SetLocalPasswordsAsync(admin, off: true);
        try
        {
            var client = Site.CreateBrowserlikeClient();
            var before = fixture.Hasher.Verifications;
            var unknown = await client.SignInAsync($"nobody.{Guid.NewGuid():N}@demo.plbadges.test", "Some-Passw0rd");
            var wrong = await client.SignInAsync(DemoPeople.Teacher, "Some-Passw0rd");
            var right = await client.SignInAsync(DemoPeople.Teacher);
            // The throttle then the hasher, once each, whoever it is.
            Assert.Equal(before + 3, fixture.Hasher.Verifications);
            Assert.Equal(SignInAlert(await unknown.Content.ReadAsStringAsync()), SignInAlert(await wrong.Content.ReadAsStringAsync()));
            Assert.Equal("That email and password do not match an account.", SignInAlert(await wrong.Content.ReadAsStringAsync()));

            // The right password does not sign in: it sends the teacher on to the district's provider.
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
            var next = ContinueLink(await right.Content.ReadAsStringAsync());
            Assert.StartsWith($"/signin/with/{fixture.DemoRegistration}?email=", next);
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/me")).StatusCode);

            var browser = Browser();
            var (landed, _) = await FollowAsync(browser, new Uri(browser.BaseAddress!, next));
            Assert.Contains("Signed in as Maya Teacher", await landed.TextAsync());

            // Another district's people still sign in with their passwords.
            Assert.Equal(HttpStatusCode.Redirect, (await Site.CreateBrowserlikeClient().SignInAsync(DemoPeople.OtherTeacher)).StatusCode);
        }
        finally
        {
            await SetLocalPasswordsAsync(admin, off: false);
        }

        Assert.Equal("/", (await Site.CreateBrowserlikeClient().SignInAsync(DemoPeople.Teacher)).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_sign_in_started_at_the_provider_goes_through_a_request_of_our_own()
    {
        await AccountAsync("launchpad", "idp-launchpad-coach", DemoPeople.LeadCoach, verified: true);
        var client = Browser();
        var site = client.BaseAddress!;
        var start = new Uri(site, $"/signin/start/{fixture.DemoRegistration}?iss={Uri.EscapeDataString(fixture.Peer.Issuer.ToString().TrimEnd('/'))}&login_hint=launchpad&target_link_uri={Uri.EscapeDataString(new Uri(site, "/me").ToString())}");

        // It is a fresh authorization request of this registration's client, sent to the provider (its state and
        // nonce travel in the pushed request the provider holds: request_uri).
        var first = await client.GetAsync(start);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var request = first.Headers.Location!;
        Assert.Equal(fixture.Peer.Issuer.Authority, request.Authority);
        Assert.Contains("client_id=plbadges-demo", request.Query);

        var (landed, callback) = await FollowAsync(client, start);
        Assert.Equal("/me", landed.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Signed in as", await landed.TextAsync());
        Assert.NotNull(callback);
        // Its answer works once, like any other.
        Assert.Equal("/account/signin?problem=failed", (await callback.Value.SendAsync(Browser())).Headers.Location!.OriginalString);

        // An issuer that is not the registration's, or none, starts nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await Browser().GetAsync($"/signin/start/{fixture.DemoRegistration}?iss=https%3A%2F%2Fattacker.example")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Browser().GetAsync($"/signin/start/{fixture.DemoRegistration}")).StatusCode);
    }

    [Fact]
    public async Task Sign_ins_and_links_are_in_the_log_the_district_admin_reads_and_not_in_another_districts()
    {
        await AccountAsync("log-teacher", "idp-log-teacher", DemoPeople.Teacher, verified: true, ("hd", "demo.plbadges.test"));
        Assert.Contains("Signed in as", await SignedInAsync("google", "log-teacher"));

        var log = await (await (await Site.SignedInClientAsync(DemoPeople.Admin)).GetAsync("/district/log")).TextAsync();
        Assert.Contains("Maya Teacher (teacher@demo.plbadges.test) linked their Google account.", log);
        Assert.Contains("Maya Teacher (teacher@demo.plbadges.test) signed in through Google.", log);

        var other = await (await (await Site.SignedInClientAsync(DemoPeople.OtherAdmin)).GetAsync("/district/log")).TextAsync();
        Assert.DoesNotContain("signed in through Google", other);
    }

    [Fact]
    public async Task Someone_the_district_does_not_know_is_refused_unless_it_lets_them_wait_for_an_admin()
    {
        var newcomer = $"newcomer.{Guid.NewGuid():N}@demo.plbadges.test";
        var declined = $"declined.{Guid.NewGuid():N}@demo.plbadges.test";
        await AccountAsync("newcomer", "idp-newcomer-" + Guid.NewGuid().ToString("N"), newcomer, verified: true);
        await AccountAsync("declined", "idp-declined-" + Guid.NewGuid().ToString("N"), declined, verified: true);
        await AccountAsync("newcomer-unverified", "idp-newcomer-unverified", $"unverified.{Guid.NewGuid():N}@demo.plbadges.test", verified: false);

        // By default: refused, with a clear message, and no account made.
        Assert.Contains("We could not find you among your district's people. Ask your district administrator to add you", await RefusedAsync(fixture.DemoRegistration, "newcomer"));
        Assert.Null(await Site.InScopeAsync(services => services.GetRequiredService<UserManager<Person>>().FindByEmailAsync(newcomer)));

        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        await SetDistrictSettingsAsync(admin, localPasswordsOff: false, admitUnknown: true);
        try
        {
            // The provider must still vouch for the email as the district's.
            await RefusedAsync(fixture.DemoRegistration, "newcomer-unverified");

            var browser = Browser();
            var (landed, _) = await FollowAsync(browser, new Uri(browser.BaseAddress!, $"/signin/with/{fixture.DemoRegistration}?email=newcomer"));
            Assert.Equal("/account/waiting", landed.RequestMessage!.RequestUri!.AbsolutePath);
            var waiting = await landed.TextAsync();
            Assert.Contains("Waiting for your district admin", waiting);
            Assert.Contains("Riverbend Unified School District has not added you", waiting);
            // Signed in, but no teacher's pages.
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/me")).StatusCode);
            Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync("/me/coaching")).StatusCode);
            Assert.Equal(0, await RolesAsync(newcomer));

            // The admin sees them waiting; another district's admin can neither see nor confirm them.
            var pendingPage = await (await admin.GetAsync("/district/pending")).Content.ReadAsStringAsync();
            Assert.Contains(newcomer, pendingPage);
            var pendingId = PendingId(pendingPage, newcomer);
            var other = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
            var otherPage = await (await other.GetAsync("/district/pending")).Content.ReadAsStringAsync();
            Assert.DoesNotContain(newcomer, otherPage);
            var otherToken = new HtmlParser().ParseDocument(await (await other.GetAsync("/district/sign-in")).Content.ReadAsStringAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var demoId = await Site.OrganizationIdAsync("demo-district");
            foreach (var address in new[] { "/district/pending?handler=confirm", $"/district/pending?handler=confirm&district={demoId}" })
            {
                var refused = await other.PostAsync(address, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = otherToken, ["pending"] = pendingId }));
                Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            }

            Assert.Equal(0, await RolesAsync(newcomer));

            // The district's admin confirms: the next sign-in is a teacher's.
            var confirmed = await admin.SubmitAsync("/district/pending", new Dictionary<string, string> { ["pending"] = pendingId }, handler: "confirm");
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
            var again = Browser();
            var (home, _) = await FollowAsync(again, new Uri(again.BaseAddress!, $"/signin/with/{fixture.DemoRegistration}?email=newcomer"));
            Assert.Equal("/", home.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/me/coaching")).StatusCode);
            Assert.Equal(1, await RolesAsync(newcomer));
            Assert.Equal(HttpStatusCode.NotFound, (await again.GetAsync("/account/waiting")).StatusCode);

            // Someone the admin does not let in is not signed in again.
            var (waitingToo, _) = await FollowAsync(Browser(), new Uri(again.BaseAddress!, $"/signin/with/{fixture.DemoRegistration}?email=declined"));
            Assert.Equal("/account/waiting", waitingToo.RequestMessage!.RequestUri!.AbsolutePath);
            var declinedForm = PendingId(await (await admin.GetAsync("/district/pending")).Content.ReadAsStringAsync(), declined);
            Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync("/district/pending", new Dictionary<string, string> { ["pending"] = declinedForm }, handler: "decline")).StatusCode);
            await RefusedAsync(fixture.DemoRegistration, "declined");

            var log = await (await admin.GetAsync("/district/log")).TextAsync();
            Assert.Contains("for the first time and waits for a district admin's confirmation", log);
            Assert.Contains("was confirmed as a teacher", log);
            Assert.Contains("was not let in", log);
        }
        finally
        {
            await SetDistrictSettingsAsync(admin, localPasswordsOff: false, admitUnknown: false);
        }
    }

    /// <summary>The id in the confirm and decline form of the row that shows the email.</summary>
    private static string PendingId(string html, string email) =>
        new HtmlParser().ParseDocument(html).QuerySelectorAll("tr").Single(row => row.TextContent.Contains(email, StringComparison.Ordinal))
            .QuerySelector("input[name=pending]")!.GetAttribute("value")!;

    private Task<int> RolesAsync(string email) =>
        Site.InScopeAsync(async services =>
        {
            var id = await Site.PersonIdAsync(email);
            return await services.GetRequiredService<PLBadges.Data.PLBadgesDbContext>().Set<Membership>().CountAsync(m => m.PersonId == id);
        });

    private Task AccountAsync(string hint, string sub, string email, bool verified, params (string Name, JsonNode? Value)[] claims)
    {
        var account = new JsonObject { ["sub"] = sub, ["email"] = email, ["email_verified"] = verified, ["name"] = "Someone" };
        foreach (var (name, value) in claims)
        {
            account[name] = value;
        }

        return fixture.Peer.SetAccountAsync(hint, account);
    }

    private async Task<string> SignedInAsync(string registration, string hint)
    {
        var client = Browser();
        var (landed, _) = await FollowAsync(client, new Uri(client.BaseAddress!, $"/signin/with/{registration}?email={Uri.EscapeDataString(hint)}"));
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/me")).StatusCode);
        return await landed.TextAsync();
    }

    private Task<Guid?> LinkedPersonAsync(string registration, string key) =>
        Site.InScopeAsync(async services => (await services.GetRequiredService<UserManager<Person>>().FindByLoginAsync(registration, key))?.Id);

    private async Task SetLocalPasswordsAsync(HttpClient admin, bool off) => await SetDistrictSettingsAsync(admin, localPasswordsOff: off, admitUnknown: false);

    private async Task SetDistrictSettingsAsync(HttpClient admin, bool localPasswordsOff, bool admitUnknown)
    {
        var page = await admin.GetAsync("/district/sign-in");
        var form = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync()).QuerySelector("form[action*='handler=settings']")!;
        var fields = form.QuerySelectorAll("input[name], textarea[name]")
            .Where(i => i.GetAttribute("type") != "checkbox")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? i.TextContent);
        if (localPasswordsOff)
        {
            fields["LocalPasswordsOff"] = "true";
        }

        if (admitUnknown)
        {
            fields["AdmitUnknown"] = "true";
        }

        var saved = await admin.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    private static string SignInAlert(string html)
    {
        var alert = new HtmlParser().ParseDocument(html).QuerySelector("[role=alert]");
        var reasons = alert?.QuerySelectorAll("li").Select(item => item.TextContent.Trim()).ToList();
        return reasons is { Count: > 0 } ? string.Join(" ", reasons) : alert?.TextContent.Trim() ?? "(no alert)";
    }
}
