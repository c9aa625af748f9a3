using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PLBadges.IntegrationTests;

/// <summary>
/// The site-wide Content Security Policy is set only where the endpoint set none; the job dashboard's
/// relaxed policy follows its path inside Hangfire's branch; OpenIddict's form_post page carries the
/// hash of its one script; the site's own forms carry no inline style.
/// </summary>
public abstract partial class HeaderPolicyTests(SiteFixture fixture)
{
    private const string Strict = "default-src 'self'; script-src 'self'; style-src 'self'";

    private TestSite Site => fixture.Site;

    [Fact]
    public async Task An_evidence_file_keeps_its_sandbox_policy()
    {
        var email = $"headers.{Guid.NewGuid():N}@demo.plbadges.test";
        await Site.AddPersonAsync(email);
        var teacher = await Site.SignedInClientAsync(email);
        var submission = await teacher.StartAsync();
        var uploaded = await teacher.UploadAsync(submission, "plan.pdf", EvidenceDriver.Pdf);
        var artifact = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

        var download = await teacher.GetAsync($"/evidence/files/{artifact}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("default-src 'none'; sandbox", Policy(download));
    }

    [Fact]
    public async Task The_job_dashboard_gets_its_own_policy_and_only_it()
    {
        var platform = await Site.SignedInClientAsync(DemoPeople.Platform);
        foreach (var path in new[] { "/admin/jobs", "/admin/jobs/recurring" })
        {
            var dashboard = await platform.GetAsync(path);
            Assert.True(dashboard.StatusCode == HttpStatusCode.OK, $"{path}: {(int)dashboard.StatusCode}");
            Assert.Contains("script-src 'self' 'unsafe-inline'", Policy(dashboard));
            Assert.Contains("frame-ancestors 'none'", Policy(dashboard));
        }

        var page = await platform.GetAsync("/admin/organizations");
        Assert.StartsWith(Strict, Policy(page));
        Assert.DoesNotContain("unsafe-inline", Policy(page));
    }

    [Fact]
    public async Task The_form_post_page_allows_its_own_script_by_hash_and_posts_only_to_the_app()
    {
        var browser = await Site.SignedInClientAsync(DemoPeople.Teacher);
        var response = await browser.GetAsync(AppDriver.AuthorizePath(AppDriver.FirstParty, "openid me:read", AppDriver.NewVerifier(), more: "&response_mode=form_post"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal(AppDriver.FirstPartyRedirect, document.QuerySelector("form")!.GetAttribute("action"));
        Assert.NotNull(document.QuerySelector("input[name=code]"));

        var script = Assert.Single(document.QuerySelectorAll("script")).TextContent;
        var hash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        var policy = Policy(response);
        Assert.Contains($"script-src '{hash}'", policy);
        Assert.Contains($"form-action {AppDriver.FirstPartyRedirect};", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("nonce-", policy);
    }

    [Theory]
    [InlineData(null, "/account/signin")]
    [InlineData(null, "/account/forgot-password")]
    [InlineData(DemoPeople.Teacher, "/me")]
    [InlineData(DemoPeople.Admin, "/district/people/invite")]
    [InlineData(DemoPeople.Admin, "/district/schools/edit")]
    public async Task Forms_carry_no_inline_style_or_script(string? person, string path)
    {
        var client = person == null ? Site.CreateBrowserlikeClient() : await Site.SignedInClientAsync(person);
        var html = await (await client.GetAsync(path)).Content.ReadAsStringAsync();
        Assert.DoesNotMatch(InlineStyleOrScript(), html);
        Assert.Contains("<form", html);
    }

    [Fact]
    public async Task The_error_summary_lists_the_errors_without_inline_style()
    {
        var failed = await Site.CreateBrowserlikeClient().SignInAsync("nobody@demo.plbadges.test", "Wrong-Passw0rd");
        var html = await failed.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(InlineStyleOrScript(), html);
        var summary = new HtmlParser().ParseDocument(html).QuerySelector("div.validation-summary-errors[role=alert]")!;
        Assert.Equal("That email and password do not match an account.", summary.QuerySelector("ul > li")!.TextContent);
    }

    private static string Policy(HttpResponseMessage response) => string.Join(", ", response.Headers.GetValues("Content-Security-Policy"));

    /// <summary>A style attribute, or a script element with no src.</summary>
    [GeneratedRegex(@"\sstyle\s*=|<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyleOrScript();
}

public sealed class HeaderPoliciesOnSqlite(SqliteSite fixture) : HeaderPolicyTests(fixture), IClassFixture<SqliteSite>;

public sealed class HeaderPoliciesOnPostgres(PostgresSite fixture) : HeaderPolicyTests(fixture), IClassFixture<PostgresSite>;

/// <summary>What depends on how the site is hosted: Kestrel's Server header, Secure cookies, the proxy check at start-up.</summary>
public sealed class HostingHeaderTests
{
    [Fact]
    public async Task Kestrel_sends_no_server_header()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var site = new TestSite(database);
        using var client = new HttpClient { BaseAddress = site.StartKestrel() };
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), string.Join(",", response.Headers.Server));
    }

    [Fact]
    public async Task Cookies_are_secure_when_the_public_address_is_https_even_if_a_request_arrives_over_http()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using (var plain = new TestSite(database))
        {
            var (antiforgery, _) = await SignInOverHttpAsync(plain);
            Assert.DoesNotContain("secure", antiforgery, StringComparison.OrdinalIgnoreCase); // the demo on http://localhost still works
        }

        await using var site = new TestSite(database, new Dictionary<string, string?> { ["Site:PublicBaseUrl"] = "https://badges.demo-district.test" });
        var (af, auth) = await SignInOverHttpAsync(site);
        Assert.Contains("secure", af, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Site:PublicBaseUrl")]
    [InlineData("Mail:PublicBaseUrl")]
    public async Task The_site_will_not_start_with_an_https_address_over_http_unless_behind_a_proxy(string setting)
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var refused = new TestSite(database, new Dictionary<string, string?> { [setting] = "https://badges.demo-district.test", ["Site:BehindProxy"] = "false" });
        var error = Record.Exception(() => refused.Server);
        Assert.NotNull(error);
        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains("set Site:BehindProxy=true", messages);

        await using var behind = new TestSite(database, new Dictionary<string, string?> { [setting] = "https://badges.demo-district.test", ["Site:BehindProxy"] = "true" });
        Assert.Equal(HttpStatusCode.OK, (await behind.CreateClient().GetAsync("/health")).StatusCode);
    }

    /// <summary>Signs the demo teacher in over plain http, cookies by hand; returns the antiforgery and sign-in cookies as set.</summary>
    private static async Task<(string Antiforgery, string Auth)> SignInOverHttpAsync(TestSite site)
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        var form = await client.GetAsync("/account/signin");
        var antiforgery = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("plb.af=", StringComparison.Ordinal));
        var token = new HtmlParser().ParseDocument(await form.Content.ReadAsStringAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = new HttpRequestMessage(HttpMethod.Post, "/account/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = DemoPeople.Teacher, ["Password"] = Forms.DemoPassword, ["__RequestVerificationToken"] = token }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (antiforgery, signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("plb.auth=", StringComparison.Ordinal)));
    }

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        for (var e = error; e != null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
