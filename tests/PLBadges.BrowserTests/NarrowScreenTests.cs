namespace PLBadges.BrowserTests;

/// <summary>At 320 CSS pixels (a small phone, or 1280 px zoomed to 400 %) pages reflow: no sideways scrolling of the page (WCAG 1.4.10).</summary>
public sealed class NarrowScreenTests(DemoSite site) : BrowserTest(site), IClassFixture<DemoSite>
{
    private const int Width = 320;

    public static TheoryData<string, string?> Pages => new()
    {
        { "/", null },
        { "/account/signin", null },
        { "/", DemoPeople.Admin },
        { "/district/people", DemoPeople.Admin },
        { "/district/roster", DemoPeople.Admin },
        { "/me/submissions", DemoPeople.Teacher },
        { "/review", DemoPeople.Coach },
        { "/district/review", DemoPeople.Admin },
        { "/me/credentials", DemoPeople.Teacher },
        { "/verify", null },
        { "/district/credentials", DemoPeople.Admin },
        { "/me/coaching", DemoPeople.Teacher },
        { "/coaching", DemoPeople.Coach },
        { "/coaching/schedules", DemoPeople.Leader },
        { "/district/readiness", DemoPeople.Admin },
        { "/district/cohorts", DemoPeople.Admin },
        { "/me/academy", DemoPeople.Teacher },
        { "/district/waves", DemoPeople.Admin },
        { "/district/roadmap", DemoPeople.Admin },
        { "/me/waves", DemoPeople.Teacher },
        { "/me/recognition", DemoPeople.Teacher },
        { "/me/transcript", DemoPeople.Teacher },
        { "/state", DemoPeople.State },
        { "/state/programmes", DemoPeople.State },
        { "/state/endorsements", DemoPeople.State },
        { "/state/licensure", DemoPeople.State },
        { "/recognition/applications", DemoPeople.State },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_does_not_scroll_sideways_at_320_pixels(string path, string? signedInAs)
    {
        var page = await site.NewPageAsync(signedInAs, width: Width, height: 640);
        try
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response?.Status);
            Assert.Equal(path, new Uri(page.Url).AbsolutePath);

            var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (scrollWidth > Width + 1)
            {
                // Name the elements that stick out, so a reader knows what to fix.
                var wide = await page.EvaluateAsync<string[]>(
                    """
                    (limit) => [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > limit + 1)
                        .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > limit + 1))
                        .slice(0, 10)
                        .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''} (right edge at ${Math.round(e.getBoundingClientRect().right)} px): ${e.outerHTML.slice(0, 160)}`)
                    """,
                    Width);
                Assert.Fail($"{path} is {scrollWidth} px wide at a {Width} px viewport. Elements past the edge:\n- {string.Join("\n- ", wide)}");
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
