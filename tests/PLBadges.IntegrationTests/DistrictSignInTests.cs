using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Identity.Providers;

namespace PLBadges.IntegrationTests;

/// <summary>
/// The demo site on Kestrel (the provider's browser redirects reach it over real HTTP) and a real
/// OpenID provider (<see cref="OidcPeer"/>) registered as each demo district's own provider, and
/// as the platform's Google, Microsoft and ClassLink (the tests set the claims it answers with). The
/// site's outbound policy lets it reach 127.0.0.1, where the provider runs. The site's password
/// hasher counts its checks (<see cref="CountingHasher"/>), for the local-passwords-off test.
/// </summary>
public abstract class DistrictSignInSite(string provider) : SiteFixture(provider)
{
    public const string DemoSecret = "demo-district-secret-8h2k";
    public const string OtherSecret = "other-district-secret-4m9q";
    public const string PlatformSecret = "platform-secret-7c3w";

    /// <summary>The peer's port, chosen before the site starts: the site's settings name the peer's issuer.</summary>
    private readonly int peerPort = LocalServers.FreePort();

    internal OidcPeer Peer { get; private set; } = null!;

    public CountingHasher Hasher { get; } = new();

    protected override Action<IServiceCollection>? SiteServices => services => services.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<PLBadges.Identity.People.Person>>(Hasher);

    public string DemoRegistration { get; private set; } = "";

    public string OtherRegistration { get; private set; } = "";

    protected override bool OnKestrel => true;

    protected override Task<IDictionary<string, string?>> SettingsAsync() => Task.FromResult<IDictionary<string, string?>>(new Dictionary<string, string?>
    {
        ["Outbound:AllowPrivateHosts:0"] = "127.0.0.1",
        // Microsoft's tokens carry https://login.microsoftonline.com/{tid}/v2.0 as issuer; the stand-in can only
        // sign as itself, and OpenIddict checks the issuer against its own discovery document. So here the
        // issuer Microsoft's tokens must carry is the stand-in's (tid is still checked against the district's
        // list), and MicrosoftIssuerTests checks iss against the real pattern at the handler.
        ["SignIn:MicrosoftIssuer"] = $"http://127.0.0.1:{peerPort}",
    });

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        DemoRegistration = SignInSettings.DistrictRegistrationId(await Site.OrganizationIdAsync("demo-district"));
        OtherRegistration = SignInSettings.DistrictRegistrationId(await Site.OrganizationIdAsync("other-district"));
        var redirect = await Site.InScopeAsync(services => Task.FromResult(services.GetRequiredService<ProviderRegistrations>()));
        JsonObject Client(string id, string secret, string registration) => new()
        {
            ["client_id"] = id,
            ["client_secret"] = secret,
            ["redirect_uris"] = new JsonArray(redirect.RedirectUri(registration).ToString()),
            ["grant_types"] = new JsonArray("authorization_code"),
            ["response_types"] = new JsonArray("code"),
        };
        JsonObject Account(string sub, string email, bool verified, string? extra = null)
        {
            var account = new JsonObject { ["sub"] = sub, ["email"] = email, ["email_verified"] = verified, ["name"] = "Someone" };
            if (extra != null)
            {
                account[extra] = extra == "test_aud" ? "a-client-that-is-not-plbadges" : true;
            }

            return account;
        }

        Peer = await OidcPeer.StartAsync(
            new JsonArray(Client("plbadges-demo", DemoSecret, DemoRegistration), Client("plbadges-other", OtherSecret, OtherRegistration),
                Client("plbadges-google", PlatformSecret, "google"), Client("plbadges-microsoft", PlatformSecret, "microsoft"), Client("plbadges-classlink", PlatformSecret, "classlink")),
            new JsonObject
            {
                [DemoPeople.Teacher] = Account("idp-maya", DemoPeople.Teacher, verified: true),
                [DemoPeople.Teacher2] = Account("idp-teacher2", DemoPeople.Teacher2, verified: false),
                [DemoPeople.OtherTeacher] = Account("idp-other-teacher", DemoPeople.OtherTeacher, verified: true),
                [DemoPeople.Coach] = Account("idp-coach", DemoPeople.Coach, verified: true, extra: "test_aud"),
                [DemoPeople.Leader] = Account("idp-leader", DemoPeople.Leader, verified: true, extra: "test_expired"),
            },
            peerPort);

        // Demo district claims the other district's domain too, as a careless (or hostile) admin might:
        // that must still never sign the other district's people in through the demo district's provider.
        await Site.ApplyRecipeAsync($$"""
            { "name": "district-sign-in", "steps": [ { "name": "SignIn",
              "districts": [
                { "district": "demo-district", "domains": "demo.plbadges.test other.plbadges.test", "tenants": "tenant-demo", "classLinkTenants": "cl-demo" },
                { "district": "other-district", "domains": "lakeside.plbadges.test", "tenants": "tenant-other", "classLinkTenants": "cl-other" } ],
              "providers": [
                { "kind": "OpenIdConnect", "district": "demo-district", "displayName": "Riverbend account", "issuer": "{{Peer.Issuer.ToString().TrimEnd('/')}}", "clientId": "plbadges-demo", "clientSecret": "{{DemoSecret}}" },
                { "kind": "OpenIdConnect", "district": "other-district", "displayName": "Lakeside account", "issuer": "{{Peer.Issuer.ToString().TrimEnd('/')}}", "clientId": "plbadges-other", "clientSecret": "{{OtherSecret}}" },
                { "kind": "Google", "displayName": "Google", "issuer": "{{Peer.Issuer.ToString().TrimEnd('/')}}", "clientId": "plbadges-google", "clientSecret": "{{PlatformSecret}}" },
                { "kind": "Microsoft", "displayName": "Microsoft", "issuer": "{{Peer.Issuer.ToString().TrimEnd('/')}}", "clientId": "plbadges-microsoft", "clientSecret": "{{PlatformSecret}}" },
                { "kind": "ClassLink", "displayName": "ClassLink", "issuer": "{{Peer.Issuer.ToString().TrimEnd('/')}}", "clientId": "plbadges-classlink", "clientSecret": "{{PlatformSecret}}" } ] } ] }
            """);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Peer != null)
        {
            await Peer.DisposeAsync();
        }
    }
}

public sealed class SqliteDistrictSignInSite() : DistrictSignInSite("Sqlite"), IAsyncLifetime
{
    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();
}

public sealed class PostgresDistrictSignInSite() : DistrictSignInSite("Postgres"), IAsyncLifetime
{
    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();
}

public abstract partial class DistrictSignInTests(DistrictSignInSite fixture)
{
    private TestSite Site => fixture.Site;

    [Fact]
    public async Task The_sign_in_page_sends_a_district_email_to_its_provider_and_the_teacher_is_signed_in()
    {
        var client = Browser();
        var discovered = await client.SubmitAsync("/account/signin", new Dictionary<string, string> { ["Email"] = DemoPeople.Teacher }, handler: "district");
        // A link the page's script follows (a form's redirect to the provider would break the form-action policy).
        var next = ContinueLink(await discovered.Content.ReadAsStringAsync());
        Assert.StartsWith($"/signin/with/{fixture.DemoRegistration}?", next);

        var (landed, _) = await FollowAsync(client, new Uri(client.BaseAddress!, next));
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Contains("Signed in as Maya Teacher", await landed.TextAsync());
        Assert.True(await Site.CountAsync("DistrictLog", "\"Kind\" = 'link' AND \"Text\" LIKE '%Riverbend account%'") >= 1, "The first sign-in's link is in the district's log.");
        // Later sign-ins find the person by the provider's subject.
        Assert.Contains($"{fixture.DemoRegistration}|idp-maya", await LoginsAsync());

        // The second time, through a fresh browser, the link by subject signs the same person in.
        var again = Browser();
        var (second, _) = await FollowAsync(again, new Uri(again.BaseAddress!, $"/signin/with/{fixture.DemoRegistration}?email={Uri.EscapeDataString(DemoPeople.Teacher)}"));
        Assert.Contains("Signed in as Maya Teacher", await second.TextAsync());
    }

    [Fact]
    public async Task An_email_the_provider_has_not_verified_is_refused_with_a_message()
    {
        var text = await RefusedAsync(fixture.DemoRegistration, DemoPeople.Teacher2);
        Assert.Contains("could not find you among your district's people", text);
        Assert.Equal(0, await Site.CountAsync("PersonLogins", "\"ProviderKey\" = 'idp-teacher2'"));
    }

    [Fact]
    public async Task A_person_of_another_district_is_not_signed_in_through_this_districts_provider()
    {
        // Demo district claims other.plbadges.test, but the person holds no role in demo district.
        var text = await RefusedAsync(fixture.DemoRegistration, DemoPeople.OtherTeacher);
        Assert.Contains("could not find you among your district's people", text);
        Assert.Equal(0, await Site.CountAsync("PersonLogins", "\"ProviderKey\" = 'idp-other-teacher'"));
        Assert.Equal(1, await Site.CountAsync("People", $"\"NormalizedEmail\" = '{DemoPeople.OtherTeacher.ToUpperInvariant()}'"));
    }

    [Fact]
    public async Task An_identity_token_issued_to_another_client_is_refused()
    {
        var text = await RefusedAsync(fixture.DemoRegistration, DemoPeople.Coach);
        Assert.Contains("could not sign you in with that account", text);
        Assert.Equal(0, await Site.CountAsync("PersonLogins", "\"ProviderKey\" = 'idp-coach'"));
    }

    [Fact]
    public async Task An_expired_identity_token_is_refused()
    {
        var text = await RefusedAsync(fixture.DemoRegistration, DemoPeople.Leader);
        Assert.Contains("could not sign you in with that account", text);
        Assert.Equal(0, await Site.CountAsync("PersonLogins", "\"ProviderKey\" = 'idp-leader'"));
    }

    [Fact]
    public async Task A_replayed_answer_from_the_provider_is_refused()
    {
        var client = Browser();
        var (landed, callback) = await FollowAsync(client, new Uri(client.BaseAddress!, $"/signin/with/{fixture.DemoRegistration}?email={Uri.EscapeDataString(DemoPeople.Teacher)}"));
        Assert.Contains("Signed in as Maya Teacher", await landed.TextAsync());
        Assert.NotNull(callback);

        // The same answer (code and state) again, from another browser and from the same one: the state works once.
        foreach (var replaying in new[] { Browser(), client })
        {
            var replay = await callback.Value.SendAsync(replaying);
            Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
            Assert.Equal("/account/signin?problem=failed", replay.Headers.Location!.OriginalString);
        }

        var page = await Browser().GetAsync("/account/signin?problem=failed");
        Assert.Contains("could not sign you in with that account", await page.TextAsync());
    }

    [Fact]
    public async Task A_made_up_state_is_refused()
    {
        var client = Browser();
        var answer = await client.GetAsync($"/signin/callback/{fixture.DemoRegistration}?code=made-up&state=made-up");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/account/signin?problem=failed", answer.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/me")).StatusCode);
    }

    [Fact]
    public async Task Another_districts_admin_can_neither_see_nor_change_the_provider_and_no_one_sees_the_secret()
    {
        var demoId = await Site.OrganizationIdAsync("demo-district");
        var own = await Site.SignedInClientAsync(DemoPeople.Admin);
        var page = await own.GetAsync("/district/sign-in");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("plbadges-demo", html);
        Assert.DoesNotContain(DistrictSignInSite.DemoSecret, html);
        Assert.True(await Site.CountAsync("SignInProviders", $"\"ProtectedSecret\" LIKE '%{DistrictSignInSite.DemoSecret}%'") == 0, "The secret is stored encrypted.");

        var other = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/district/sign-in?district={demoId}")).StatusCode);
        var ownPage = await (await other.GetAsync("/district/sign-in")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("plbadges-demo", ownPage);

        var token = new HtmlParser().ParseDocument(ownPage).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var change = await other.PostAsync($"/district/sign-in?district={demoId}&handler=provider", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["district"] = demoId.ToString(),
            ["DisplayName"] = "Taken over",
            ["Issuer"] = "https://attacker.example",
            ["ClientId"] = "attacker",
            ["ClientSecret"] = "attacker",
            ["Enabled"] = "true",
        }));
        Assert.Equal(HttpStatusCode.NotFound, change.StatusCode);
        Assert.Equal(0, await Site.CountAsync("SignInProviders", "\"ClientId\" = 'attacker' OR \"DisplayName\" = 'Taken over'"));
    }

    [Fact]
    public async Task A_teacher_cannot_open_the_sign_in_settings()
    {
        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher2);
        var answer = await teacher.GetAsync("/district/sign-in");
        Assert.True(answer.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Redirect, $"A teacher got {(int)answer.StatusCode}.");
        Assert.DoesNotContain("plbadges-demo", await answer.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// A browser's cookies over http on 127.0.0.1: browsers count loopback as a secure context and send
    /// Secure cookies (OpenIddict's request forgery cookie is one) to it; HttpClient's cookie jar does not.
    /// </summary>
    private HttpClient Browser() => new(new LoopbackCookies()) { BaseAddress = Site.CreateBrowserlikeClient().BaseAddress };

    private sealed class LoopbackCookies() : DelegatingHandler(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        private readonly CookieContainer jar = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (jar.GetCookieHeader(request.RequestUri!) is { Length: > 0 } cookies)
            {
                request.Headers.Add("Cookie", cookies);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                foreach (var cookie in set)
                {
                    jar.SetCookies(request.RequestUri!, System.Text.RegularExpressions.Regex.Replace(cookie, @";\s*secure\b", "", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
                }
            }

            return response;
        }
    }

    /// <summary>Where the sign-in page sends the person on: its "Continue to …" link.</summary>
    private static string ContinueLink(string html) =>
        new HtmlParser().ParseDocument(html).QuerySelector("a[data-continue]")?.GetAttribute("href") ?? throw new InvalidOperationException("The page has no link to the provider.");

    private Task<List<string>> LoginsAsync() =>
        Site.InScopeAsync(services => services.GetRequiredService<PLBadges.Data.PLBadgesDbContext>().Set<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>()
            .Select(l => l.LoginProvider + "|" + l.ProviderKey).ToListAsync());

    private async Task<string> RefusedAsync(string registration, string email)
    {
        var client = Browser();
        var (landed, _) = await FollowAsync(client, new Uri(client.BaseAddress!, $"/signin/with/{registration}?email={Uri.EscapeDataString(email)}"));
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("/account/signin", landed.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/me")).StatusCode);
        return await landed.TextAsync();
    }

    /// <summary>The provider's answer as it reached the site: a GET with the query, or a form post.</summary>
    private readonly record struct Callback(Uri Address, Dictionary<string, string>? Form)
    {
        public Task<HttpResponseMessage> SendAsync(HttpClient client) =>
            Form == null ? client.GetAsync(Address) : client.PostAsync(Address, new FormUrlEncodedContent(Form));
    }

    /// <summary>
    /// Goes where a browser without JavaScript would: follows redirects between the site and the
    /// provider, and submits the provider's self-posting form (response_mode=form_post).
    /// </summary>
    private static async Task<(HttpResponseMessage Landed, Callback? Callback)> FollowAsync(HttpClient client, Uri start)
    {
        Callback? callback = null;
        var response = await client.GetAsync(start);
        if (start.AbsolutePath.StartsWith("/signin/callback/", StringComparison.Ordinal))
        {
            callback = new Callback(start, null);
        }

        for (var hop = 0; hop < 30; hop++)
        {
            var here = response.RequestMessage!.RequestUri!;
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                var next = new Uri(here, location);
                if (next.AbsolutePath.StartsWith("/signin/callback/", StringComparison.Ordinal))
                {
                    callback = new Callback(next, null);
                }

                response = await client.GetAsync(next);
                continue;
            }

            var html = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : "";
            var form = new HtmlParser().ParseDocument(html).QuerySelector("form[method=post]");
            if (here.Port != client.BaseAddress!.Port && form?.GetAttribute("action") is { } action)
            {
                var target = new Uri(here, action);
                var fields = form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
                if (target.AbsolutePath.StartsWith("/signin/callback/", StringComparison.Ordinal))
                {
                    callback = new Callback(target, fields);
                }

                response = await client.PostAsync(target, new FormUrlEncodedContent(fields));
                continue;
            }

            return (response, callback);
        }

        throw new InvalidOperationException("The sign-in went round in circles.");
    }
}

public sealed class DistrictSignInOnSqlite(SqliteDistrictSignInSite fixture) : DistrictSignInTests(fixture), IClassFixture<SqliteDistrictSignInSite>;

public sealed class DistrictSignInOnPostgres(PostgresDistrictSignInSite fixture) : DistrictSignInTests(fixture), IClassFixture<PostgresDistrictSignInSite>;
