using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PLBadges.BrowserTests;

/// <summary>
/// The site's Content Security Policy holds in Chromium: no page the navigation offers to anyone
/// reports a violation (every browser test also fails on one, see <see cref="BrowserTest"/>), and an
/// app using response_mode=form_post gets its code, the form_post page's script allowed by its hash.
/// </summary>
public sealed class ContentSecurityPolicyTests(DemoSite site) : BrowserTest(site), IClassFixture<DemoSite>
{
    private const string Anonymous = "anonymous";

    public static TheoryData<string> People => new(Demo.People.Select(p => p.Email).Prepend(Anonymous));

    [Theory]
    [MemberData(nameof(People))]
    public async Task No_page_the_navigation_offers_reports_a_violation(string person)
    {
        var page = await site.NewPageAsync(person == Anonymous ? null : person);
        try
        {
            await page.GotoAsync("/");
            var links = await page.NavigationHrefsAsync();
            Assert.NotEmpty(links);
            var visited = new List<string>();
            foreach (var href in links.Distinct())
            {
                var response = await page.GotoAsync(href);
                Assert.True(response is { Ok: true }, $"{href} answered {response?.Status}");
                await page.WaitForLoadStateAsync(LoadState.Load);
                await page.EvaluateAsync("() => new Promise(resolve => setTimeout(resolve, 50))"); // lets late reports arrive
                visited.Add(href);
            }

            var violations = site.TakeViolations();
            Assert.True(violations.Count == 0, $"Visited {string.Join(", ", visited)}; violations:\n{string.Join("\n", violations)}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_reporter_sees_a_blocked_inline_script()
    {
        // The known-bad case: without it, "no violations" could mean the reporter is deaf.
        var page = await site.NewPageAsync();
        try
        {
            await page.GotoAsync("/");
            await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.ran = true'; document.body.appendChild(s); }");
            await page.EvaluateAsync("() => new Promise(resolve => setTimeout(resolve, 50))");
            Assert.False(await page.EvaluateAsync<bool>("() => window.ran === true"));
            var violation = Assert.Single(site.TakeViolations());
            Assert.Contains("\"directive\":\"script-src", violation);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>The site's own app (no consent asked) and a partner app (the consent screen first).</summary>
    public static TheoryData<string, string, string, string> FormPostApps => new()
    {
        { "demo-mobile-app", "http://127.0.0.1:7890/callback", "organizations:read", "/api/v1/organizations" },
        { "demo-partner-app", "http://127.0.0.1:7891/callback", "transcript:read", "/api/v1/me/transcript" },
    };

    [Theory]
    [MemberData(nameof(FormPostApps))]
    public async Task A_form_post_app_gets_its_code_through_chromium(string client, string redirect, string scope, string api)
    {
        var page = await site.NewPageAsync(DemoPeople.Teacher);
        try
        {
            // The app's own server is not part of this site: the browser's request to it is caught here and answered as the app would.
            var received = new TaskCompletionSource<IRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
            await page.Context.RouteAsync(redirect, async route =>
            {
                received.TrySetResult(route.Request);
                await route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<!doctype html><html lang=\"en\"><title>App</title><p>Signed in</p></html>" });
            });

            var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            await page.GotoAsync($"/connect/authorize?client_id={client}&response_type=code&response_mode=form_post&scope=openid%20{Uri.EscapeDataString(scope)}"
                + $"&redirect_uri={Uri.EscapeDataString(redirect)}&state=chromium&code_challenge={challenge}&code_challenge_method=S256");
            if (client == "demo-partner-app")
            {
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Allow Lesson Study Planner");
                await page.GetByRole(AriaRole.Button, new() { Name = "Allow", Exact = true }).ClickAsync();
            }

            // form_post: a page whose one inline script posts the code to the app. Blocked by the site-wide policy, it would stay blank.
            var request = await received.Task.WaitAsync(TimeSpan.FromMilliseconds(BrowserSite.DefaultTimeout));
            Assert.Equal("POST", request.Method);
            var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?" + request.PostData);
            Assert.Equal("chromium", form["state"].ToString());
            await Assertions.Expect(page.GetByText("Signed in")).ToBeVisibleAsync();

            using var http = new HttpClient { BaseAddress = site.BaseUri };
            var exchange = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code", ["client_id"] = client, ["code"] = form["code"].ToString(), ["redirect_uri"] = redirect, ["code_verifier"] = verifier,
            }));
            Assert.True(exchange.IsSuccessStatusCode, await exchange.Content.ReadAsStringAsync());
            var token = (await exchange.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
            using var call = new HttpRequestMessage(HttpMethod.Get, api);
            call.Headers.Authorization = new("Bearer", token);
            Assert.True((await http.SendAsync(call)).IsSuccessStatusCode);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
