namespace PLBadges.BrowserTests;

/// <summary>The site works with a keyboard alone: the skip link comes first, and signing in needs no mouse.</summary>
public sealed class KeyboardTests(DemoSite site) : BrowserTest(site), IClassFixture<DemoSite>
{
    [Fact]
    public async Task The_first_Tab_reaches_the_skip_link_and_Enter_moves_focus_to_main()
    {
        var page = await site.NewPageAsync();
        try
        {
            await page.GotoAsync("/account/signin");

            await page.Keyboard.PressAsync("Tab");
            var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content", Exact = true });
            await Assertions.Expect(skip).ToBeFocusedAsync();
            await Assertions.Expect(skip).ToBeInViewportAsync();

            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator("main#main")).ToBeFocusedAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_person_signs_in_with_the_keyboard_only()
    {
        var page = await site.NewPageAsync();
        try
        {
            await page.GotoAsync("/account/signin");

            // Skip the header, then Tab into the form.
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator("main#main")).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Tab");
            await Assertions.Expect(page.GetByLabel("Email", new() { Exact = true })).ToBeFocusedAsync();
            await page.Keyboard.TypeAsync(DemoPeople.Teacher);
            await page.Keyboard.PressAsync("Tab");
            await Assertions.Expect(page.GetByLabel("Password", new() { Exact = true })).ToBeFocusedAsync();
            await page.Keyboard.TypeAsync(Forms.DemoPassword);
            await page.Keyboard.PressAsync("Enter");

            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
            await Assertions.Expect(page.Nav("Account")).ToContainTextAsync("Signed in as Maya Teacher");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
