using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace PLBadges.IntegrationTests;

/// <summary>
/// An app the site does not list as first-party asks the person first; the answer is remembered per
/// person and app, listed on /me, and can be taken back there.
/// </summary>
public abstract class ConsentTests(SiteFixture fixture)
{
    private const string PartnerScopes = "openid profile transcript:read offline_access";

    private TestSite Site => fixture.Site;

    [Fact]
    public async Task A_partner_app_asks_once_and_the_person_can_take_it_back()
    {
        var email = await NewPersonAsync();
        var browser = await Site.SignedInClientAsync(email);
        var verifier = AppDriver.NewVerifier();
        var ask = await browser.GetAsync(AppDriver.AuthorizePath(AppDriver.Partner, PartnerScopes, verifier));
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        var screen = await ask.TextAsync();
        Assert.Contains("Allow Lesson Study Planner (a demo partner app) to use your PLBadges account?", screen);
        Assert.Contains("Your professional learning transcript, with your license number", screen);

        var allowed = await browser.AnswerConsentAsync(await ask.Content.ReadAsStringAsync(), "allow");
        var tokens = await Site.ExchangeAsync(AppDriver.Partner, AppDriver.CodeOf(allowed, AppDriver.Partner), verifier);
        Assert.Equal(HttpStatusCode.OK, (await Site.ApiAsync("/api/v1/me/transcript", tokens.AccessToken)).StatusCode);

        // Remembered: the same request goes straight back to the app.
        var again = await browser.GetAsync(AppDriver.AuthorizePath(AppDriver.Partner, PartnerScopes, AppDriver.NewVerifier()));
        AppDriver.CodeOf(again, AppDriver.Partner);

        // Listed on /me, and taken back there: the app's tokens stop at once and it must ask again.
        var me = await browser.GetDocumentAsync("/me");
        var app = me.QuerySelectorAll(".connected-apps li").Single(li => li.TextContent.Contains("Lesson Study Planner"));
        var remove = await browser.SubmitAsync("/me", new Dictionary<string, string> { ["authorization"] = app.QuerySelector("input[name=authorization]")!.GetAttribute("value")! }, handler: "RevokeApp");
        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Site.ApiAsync("/api/v1/me/transcript", tokens.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Site.RefreshAsync(AppDriver.Partner, tokens.RefreshToken!)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(AppDriver.AuthorizePath(AppDriver.Partner, PartnerScopes, AppDriver.NewVerifier()))).StatusCode);
        Assert.DoesNotContain("Lesson Study Planner", (await browser.GetDocumentAsync("/me")).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Saying_no_sends_the_app_access_denied_and_remembers_nothing()
    {
        var browser = await Site.SignedInClientAsync(await NewPersonAsync());
        var ask = await browser.GetAsync(AppDriver.AuthorizePath(AppDriver.Partner, PartnerScopes, AppDriver.NewVerifier()));
        var denied = await browser.AnswerConsentAsync(await ask.Content.ReadAsStringAsync(), "deny");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        var query = QueryHelpers.ParseQuery(denied.Headers.Location!.Query);
        Assert.Equal("access_denied", query["error"].ToString());
        Assert.False(query.ContainsKey("code"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(AppDriver.AuthorizePath(AppDriver.Partner, PartnerScopes, AppDriver.NewVerifier()))).StatusCode);
    }

    [Fact]
    public async Task An_app_that_may_not_ask_gets_consent_required_and_a_first_party_app_is_not_asked()
    {
        var browser = await Site.SignedInClientAsync(await NewPersonAsync());
        var silent = await browser.GetAsync(AppDriver.AuthorizePath(AppDriver.Partner, PartnerScopes, AppDriver.NewVerifier(), more: "&prompt=none"));
        Assert.Equal(HttpStatusCode.Redirect, silent.StatusCode);
        Assert.Equal("consent_required", QueryHelpers.ParseQuery(silent.Headers.Location!.Query)["error"].ToString());

        AppDriver.CodeOf(await browser.GetAsync(AppDriver.AuthorizePath(AppDriver.FirstParty, "openid me:read", AppDriver.NewVerifier())), AppDriver.FirstParty);
    }

    [Fact]
    public async Task Consent_cannot_be_given_without_the_pages_antiforgery_token()
    {
        var browser = await Site.SignedInClientAsync(await NewPersonAsync());
        var ask = await browser.GetAsync(AppDriver.AuthorizePath(AppDriver.Partner, PartnerScopes, AppDriver.NewVerifier()));
        var html = (await ask.Content.ReadAsStringAsync()).Replace("__RequestVerificationToken", "stripped");
        var forged = await browser.AnswerConsentAsync(html, "allow");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    private async Task<string> NewPersonAsync()
    {
        var email = $"consent.{Guid.NewGuid():N}@demo.plbadges.test";
        await Site.AddPersonAsync(email);
        return email;
    }
}

public sealed class ConsentOnSqlite(SqliteSite fixture) : ConsentTests(fixture), IClassFixture<SqliteSite>;

public sealed class ConsentOnPostgres(PostgresSite fixture) : ConsentTests(fixture), IClassFixture<PostgresSite>;
