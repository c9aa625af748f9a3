namespace PLBadges.BrowserTests;

/// <summary>A site from the setup recipe: the first visitor creates the platform administrator, once.</summary>
public sealed class SetupTests(SetupSite site) : BrowserTest(site), IClassFixture<SetupSite>
{
    [Fact]
    public async Task The_first_visit_creates_the_platform_admin_and_then_setup_is_gone()
    {
        var page = await site.NewPageAsync();
        try
        {
            await page.GotoAsync("/");
            Assert.Equal("/setup", new Uri(page.Url).AbsolutePath);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Set up PLBadges");

            await page.GetByLabel("Your name").FillAsync("Ada Platform");
            await page.GetByLabel("Email", new() { Exact = true }).FillAsync("ada@setup.plbadges.test");
            await page.GetByLabel("Password").FillAsync("Setup-Passw0rd!");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create the administrator" }).ClickAsync();

            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin/organizations");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("States and districts");
            await Assertions.Expect(page.Nav("Account")).ToContainTextAsync("Signed in as Ada Platform");
            await Assertions.Expect((await page.OpenSectionAsync("Platform")).GetByRole(AriaRole.Link, new() { Name = "Organizations", Exact = true })).ToBeVisibleAsync();

            var again = await page.GotoAsync("/setup");
            Assert.Equal(404, again?.Status);
            var home = await page.GotoAsync("/");
            Assert.Equal(200, home?.Status);
            Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}

/// <summary>The setup page itself, on a fresh setup-recipe site of its own (the other test's site has no setup page any more).</summary>
public sealed class SetupAccessibilityTests(SetupSite site) : BrowserTest(site), IClassFixture<SetupSite>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_setup_page_has_no_axe_violations_in_light_or_dark(bool afterAnIncompleteForm)
    {
        var page = await site.NewPageAsync();
        try
        {
            var response = await page.GotoAsync("/setup");
            Assert.Equal(200, response?.Status);
            if (afterAnIncompleteForm)
            {
                // No name and no email: the page answers with its errors and creates nobody.
                response = await page.PressAndWaitForPageAsync("Create the administrator");
                Assert.Equal(200, response.Status);
                await Assertions.Expect(page.GetByRole(AriaRole.Alert)).Not.ToBeEmptyAsync();
            }

            await page.AssertNoViolationsInLightAndDarkAsync(afterAnIncompleteForm ? "setup, after an incomplete form" : "setup");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
