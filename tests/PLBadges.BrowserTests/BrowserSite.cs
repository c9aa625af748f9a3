using System.Collections.Concurrent;

namespace PLBadges.BrowserTests;

/// <summary>
/// The real PLBadges host on Kestrel at 127.0.0.1 (a fresh SQLite database) and one Chromium, shared
/// by the tests of one class. Each test opens its own browser context, so cookies never leak
/// between tests; a signed-in context reuses the cookies of one real sign-in per person.
/// </summary>
public abstract class BrowserSite(IDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    /// <summary>Long enough for a cold page on a busy 2-core machine, short enough to fail fast.</summary>
    public const float DefaultTimeout = 60_000; // two cores also running the integration tests and PostgreSQL: a sign-in under that load has taken over 30 s

    /// <summary>Reports every Content Security Policy violation a page of this site sees, to <see cref="TakeViolations"/>.</summary>
    private const string ViolationReporter = """
        document.addEventListener("securitypolicyviolation", function (e) {
          window.plbCspViolation(JSON.stringify({ page: location.href, directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber }));
        });
        """;

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> signedIn = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<string> violations = new();

    public TestDatabase Database { get; private set; } = null!;

    public TestSite Site { get; private set; } = null!;

    public Uri BaseUri { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("Sqlite");
        Site = new TestSite(Database, settings);
        BaseUri = Site.StartKestrel();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            // Playwright cannot download its own browsers here; Debian's Chromium is the browser.
            ExecutablePath = Environment.GetEnvironmentVariable("PLBADGES_CHROMIUM") ?? "/usr/bin/chromium",
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                // These keep Chromium from calling the internet.
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
        Assertions.SetDefaultExpectTimeout(DefaultTimeout);
    }

    public async Task DisposeAsync()
    {
        // Null-safe: a fixture whose start failed half way still cleans up what it started.
        if (Browser != null)
        {
            await Browser.CloseAsync();
        }

        Playwright?.Dispose();
        if (Site != null)
        {
            await Site.DisposeAsync();
        }

        if (Database != null)
        {
            await Database.DisposeAsync();
        }
    }

    /// <summary>A new page in a context of its own; signed in as <paramref name="email"/> when given.</summary>
    public async Task<IPage> NewPageAsync(string? email = null, int width = 1280, int height = 800)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = BaseUri.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        };
        if (email != null)
        {
            options.StorageState = await signedIn.GetOrAdd(email, e => new Lazy<Task<string>>(() => SignInOnceAsync(e))).Value;
        }

        var context = await Browser.NewContextAsync(options);
        await context.ExposeFunctionAsync<string>("plbCspViolation", violations.Enqueue);
        await context.AddInitScriptAsync(ViolationReporter);
        context.SetDefaultTimeout(DefaultTimeout);
        context.SetDefaultNavigationTimeout(DefaultTimeout);
        return await context.NewPageAsync();
    }

    /// <summary>The Content Security Policy violations reported since the last call (each as JSON), and forgets them.</summary>
    public IReadOnlyList<string> TakeViolations()
    {
        var taken = new List<string>();
        while (violations.TryDequeue(out var violation))
        {
            taken.Add(violation);
        }

        return taken;
    }

    private async Task<string> SignInOnceAsync(string email)
    {
        var page = await NewPageAsync();
        try
        {
            await page.SignInAsync(email);
            return await page.Context.StorageStateAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}

/// <summary>
/// The base of every browser test class: a test fails when any page it opened reported a Content
/// Security Policy violation (tests of one class run one at a time, so the site's reports are this test's).
/// </summary>
public abstract class BrowserTest(BrowserSite site) : IAsyncLifetime
{
    public Task InitializeAsync()
    {
        site.TakeViolations();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        var violations = site.TakeViolations();
        Assert.True(violations.Count == 0, "Content Security Policy violations:\n" + string.Join("\n", violations));
        return Task.CompletedTask;
    }
}

/// <summary>A site from the demo recipe: the demo state, districts, schools and people.</summary>
public sealed class DemoSite() : BrowserSite();

/// <summary>A site from the setup recipe: nobody yet, so every page leads to /setup.</summary>
public sealed class SetupSite() : BrowserSite(new Dictionary<string, string?> { ["Recipes:OnFirstRun"] = "setup" });

public static class Pages
{
    public static async Task SignInAsync(this IPage page, string email, string password = Forms.DemoPassword)
    {
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        var response = await page.PressAndWaitForPageAsync("Sign in");
        if (new Uri(page.Url).AbsolutePath.StartsWith("/account/signin", StringComparison.OrdinalIgnoreCase))
        {
            var errors = await page.GetByRole(AriaRole.Alert).AllInnerTextsAsync();
            Assert.Fail($"{email} could not sign in (HTTP {response.Status}): {string.Join(" ", errors).Trim()}");
        }

        await Assertions.Expect(page.Nav("Account")).ToContainTextAsync("Signed in as");
    }

    /// <summary>Signs out through the account menu in the header.</summary>
    public static async Task SignOutAsync(this IPage page)
    {
        var account = page.Nav("Account");
        await account.Locator("button[aria-expanded]").ClickAsync();
        await account.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Assertions.Expect(account.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>Opens one section's menu of the main navigation (a laptop's header) and returns the menu.</summary>
    public static async Task<ILocator> OpenSectionAsync(this IPage page, string section)
    {
        var button = page.Nav("Main").GetByRole(AriaRole.Button, new() { Name = section, Exact = true });
        await button.ClickAsync();
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        return page.Locator("#" + await button.GetAttributeAsync("aria-controls"));
    }

    /// <summary>Every address the header's and the footer's navigation offer on this page, those in closed menus too.</summary>
    public static async Task<IReadOnlyList<string>> NavigationHrefsAsync(this IPage page) =>
        (await page.Locator("header nav a[href^='/'], footer nav a[href^='/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            .Distinct().ToList();

    /// <summary>Presses a button that submits a form and returns the answer that ends up in the window (after any redirect).</summary>
    public static async Task<IResponse> PressAndWaitForPageAsync(this IPage page, string button)
    {
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync(),
            r => r.Request.IsNavigationRequest && r.Request.Frame == page.MainFrame && r.Status is < 300 or >= 400);
        await WaitForLoadAsync(page);
        return response;
    }

    /// <summary>
    /// Waits for the page's load event. Twice in about fifteen full runs the wait for it ran out after a sign-in although
    /// Playwright saw the network go idle: the browser had likely finished and the event was not seen. The document's readyState
    /// tells the two apart. A page still loading after the wait is a fault: it fails, naming what it still loads.
    /// </summary>
    private static async Task WaitForLoadAsync(IPage page)
    {
        try
        {
            await page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 15_000 });
        }
        catch (System.TimeoutException)
        {
            var state = await page.EvaluateAsync<string>("document.readyState");
            if (state != "complete")
            {
                var loading = await page.EvaluateAsync<string[]>(
                    "[...document.images].filter(i => !i.complete).map(i => i.src).concat([...document.querySelectorAll('link[rel=stylesheet]')].filter(l => !l.sheet).map(l => l.href))");
                throw new System.TimeoutException($"{page.Url} is still {state} 15 s after its answer; not yet loaded: {string.Join(", ", loading)}");
            }
        }
    }

    public static ILocator Nav(this IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = name, Exact = true });
}
