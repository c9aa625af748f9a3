namespace PLBadges.BrowserTests;

/// <summary>A teacher finds a pathway from the menu and reads what a micro-credential asks before starting.</summary>
public sealed class CatalogBrowsingTests(DemoSite site) : BrowserTest(site), IClassFixture<DemoSite>
{
    [Fact]
    public async Task A_teacher_browses_a_pathway_and_opens_a_micro_credential()
    {
        var page = await site.NewPageAsync(DemoPeople.Teacher);
        try
        {
            await page.GotoAsync("/");
            await page.Nav("Main").GetByRole(AriaRole.Link, new() { Name = "Pathways" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Professional learning pathways");
            await page.GetByRole(AriaRole.Link, new() { Name = "Universal Design for Learning" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Universal Design for Learning");
            await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Capstone badge: Universal Design for Learning Practitioner" })).ToBeVisibleAsync();

            var steps = page.Locator("ol.steps > li");
            Assert.True(await steps.CountAsync() >= 4);
            var first = steps.First.GetByRole(AriaRole.Link);
            var title = await first.InnerTextAsync();
            await first.ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What you will submit" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Rubric" })).ToBeVisibleAsync();
            Assert.True(await page.GetByRole(AriaRole.Table, new() { Name = "Rubric" }).Locator("tbody tr").CountAsync() >= 6);
            await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" })).ToContainTextAsync("Universal Design for Learning");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_catalog_reads_at_320_pixels_without_sideways_scrolling()
    {
        var page = await site.NewPageAsync(width: 320, height: 700);
        try
        {
            foreach (var path in new[] { "/pathways", "/pathways/mtss-data-based-decisions", "/micro-credentials/mtss-progress-monitoring-cbm" })
            {
                await page.GotoAsync(path);
                var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                Assert.True(width <= 321, $"{path} is {width} px wide at a 320 px viewport");
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
