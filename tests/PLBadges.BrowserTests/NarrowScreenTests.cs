namespace PLBadges.BrowserTests;

/// <summary>
/// At 320 CSS pixels (a small phone, or 1280 px zoomed to 400 %) pages reflow: no page the navigation
/// offers anyone scrolls sideways (WCAG 1.4.10).
/// </summary>
public sealed class NarrowScreenTests(DemoSite site) : BrowserTest(site), IClassFixture<DemoSite>
{
    private const int Width = 320;

    private const string Visitor = "visitor";

    /// <summary>The job dashboard is Hangfire's own page, not built from the theme.</summary>
    private static readonly string[] NotOurs = ["/admin/jobs"];

    /// <summary>Pages that other pages link to rather than the navigation.</summary>
    private static readonly Dictionary<string, string[]> AlsoChecked = new() { [DemoPeople.Teacher] = ["/me/academy", "/me/calendar"] };

    public static TheoryData<string> People => new(Demo.People.Select(p => p.Email).Prepend(Visitor));

    [Theory]
    [MemberData(nameof(People))]
    public async Task No_page_the_navigation_offers_scrolls_sideways_at_320_pixels(string person)
    {
        var page = await site.NewPageAsync(person == Visitor ? null : person, width: Width, height: 640);
        try
        {
            await page.GotoAsync("/");
            var paths = (await page.NavigationHrefsAsync()).Prepend("/").Concat(AlsoChecked.GetValueOrDefault(person, [])).Except(NotOurs).Distinct().ToList();
            var failures = new List<string>();
            foreach (var path in paths)
            {
                var response = await page.GotoAsync(path);
                Assert.True(response?.Status == 200, $"{path} answered {response?.Status}.");
                if (await WideElementsAsync(page) is { } wide)
                {
                    failures.Add(wide);
                }
            }

            Assert.True(failures.Count == 0, string.Join("\n\n", failures));
            Assert.True(paths.Count >= 4, $"Only {paths.Count} pages were checked for {person}.");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_phone_menu_open_does_not_scroll_sideways_at_320_pixels()
    {
        var page = await site.NewPageAsync(DemoPeople.Platform, width: Width, height: 640);
        try
        {
            await page.GotoAsync("/");
            await page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true }).ClickAsync();
            await page.Nav("Account").Locator("button[aria-expanded]").ClickAsync();
            Assert.Null(await WideElementsAsync(page));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Null when the page fits; otherwise which elements stick out, so a reader knows what to fix.</summary>
    private static async Task<string?> WideElementsAsync(IPage page)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (scrollWidth <= Width + 1)
        {
            return null;
        }

        var wide = await page.EvaluateAsync<string[]>(
            """
            (limit) => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > limit + 1)
                .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > limit + 1))
                .slice(0, 10)
                .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''} (right edge at ${Math.round(e.getBoundingClientRect().right)} px): ${e.outerHTML.slice(0, 160)}`)
            """,
            Width);
        return $"{new Uri(page.Url).PathAndQuery} is {scrollWidth} px wide at a {Width} px viewport. Elements past the edge:\n- {string.Join("\n- ", wide)}";
    }
}
