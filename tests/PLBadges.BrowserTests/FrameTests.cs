namespace PLBadges.BrowserTests;

/// <summary>
/// The frame every page shares: on a phone a header under 64 px whose menu works with a keyboard alone;
/// on a laptop the navigation grouped by task, no bar over about eight items, the current section marked.
/// </summary>
public sealed class FrameTests(DemoSite site) : BrowserTest(site), IClassFixture<DemoSite>
{
    private const string Visitor = "visitor";

    public static TheoryData<string> People => new(Demo.People.Select(p => p.Email).Prepend(Visitor));

    [Theory]
    [MemberData(nameof(People))]
    public async Task On_a_phone_the_header_is_under_64_pixels_and_the_menu_works_by_keyboard(string person)
    {
        var page = await site.NewPageAsync(person == Visitor ? null : person, width: 390, height: 844);
        try
        {
            await page.GotoAsync("/");
            Assert.True(await HeaderHeightAsync(page) < 64, $"The header is {await HeaderHeightAsync(page)} px tall at 390 px.");
            var main = page.Nav("Main");
            var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true });
            await Assertions.Expect(main).ToBeHiddenAsync();

            // From the top of the page, Tab alone reaches the menu button (skip link, logo, notifications, account, menu).
            for (var tab = 0; tab < 8 && !await IsFocusedAsync(menu); tab++)
            {
                await page.Keyboard.PressAsync("Tab");
            }

            await Assertions.Expect(menu).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
            await Assertions.Expect(main).ToBeVisibleAsync();
            var expected = person == Visitor ? Demo.VisitorLinks.Length : Demo.People.Single(p => p.Email == person).Navigation.Sum(s => s.Links.Length);
            await Assertions.Expect(main.GetByRole(AriaRole.Link)).ToHaveCountAsync(expected); // every section's links, none behind another menu

            await page.Keyboard.PressAsync("Tab");
            var first = main.GetByRole(AriaRole.Link).First;
            await Assertions.Expect(first).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(main).ToBeHiddenAsync();
            await Assertions.Expect(menu).ToBeFocusedAsync();

            await page.Keyboard.PressAsync("Enter");
            await page.Keyboard.PressAsync("Tab");
            var href = await first.GetAttributeAsync("href");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == href);
            Assert.True(await HeaderHeightAsync(page) < 64, $"The header is {await HeaderHeightAsync(page)} px tall on {href}.");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Theory]
    [MemberData(nameof(People))]
    public async Task On_a_laptop_no_bar_holds_more_than_about_eight_items(string person)
    {
        var page = await site.NewPageAsync(person == Visitor ? null : person);
        try
        {
            await page.GotoAsync("/");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true })).ToBeHiddenAsync();
            var main = page.Nav("Main");
            var items = await main.GetByRole(AriaRole.Link).CountAsync() + await main.GetByRole(AriaRole.Button).CountAsync();
            Assert.InRange(items, 1, 8);

            // The bar stays one row, level with the logo's left edge.
            var logo = await page.Locator(".brand").BoundingBoxAsync();
            var texts = await main.Locator(":is(a, button):visible").EvaluateAllAsync<double[]>("items => items.map(i => i.getBoundingClientRect().top)");
            var labels = await main.Locator(":is(a, button):visible").EvaluateAllAsync<string[]>("items => items.map(i => `${i.textContent.trim()} @${Math.round(i.getBoundingClientRect().left)},${Math.round(i.getBoundingClientRect().top)} w${Math.round(i.getBoundingClientRect().width)}`)");
            Assert.True(texts.Distinct().Count() == 1, "The bar wraps: " + string.Join(" | ", labels));
            var first = await main.Locator(":is(a, button):visible").First.EvaluateAsync<double>("e => { const r = document.createRange(); r.selectNodeContents(e); return r.getBoundingClientRect().left; }");
            Assert.InRange(first - logo!.X, -2, 2);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_current_section_is_marked_and_its_menu_opens_and_closes_by_keyboard()
    {
        var page = await site.NewPageAsync(DemoPeople.Admin);
        try
        {
            await page.GotoAsync("/district/people");
            var main = page.Nav("Main");
            var district = main.GetByRole(AriaRole.Button, new() { Name = "District", Exact = true });
            await Assertions.Expect(district).ToHaveAttributeAsync("aria-current", "true");
            await Assertions.Expect(main.GetByRole(AriaRole.Button, new() { Name = "Learn", Exact = true })).Not.ToHaveAttributeAsync("aria-current", "true");

            await district.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            var menu = page.Locator("#" + await district.GetAttributeAsync("aria-controls"));
            await Assertions.Expect(menu).ToBeVisibleAsync();
            await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "People", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
            await Assertions.Expect(menu.Locator("[aria-current]")).ToHaveCountAsync(1);
            await page.Keyboard.PressAsync("Tab");
            await Assertions.Expect(menu.GetByRole(AriaRole.Link).First).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(menu).ToBeHiddenAsync();
            await Assertions.Expect(district).ToBeFocusedAsync();

            // Opening one menu closes another.
            await district.ClickAsync();
            await page.OpenSectionAsync("Learn");
            await Assertions.Expect(menu).ToBeHiddenAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_page_of_a_one_section_person_marks_its_own_link()
    {
        var page = await site.NewPageAsync(DemoPeople.Teacher);
        try
        {
            await page.GotoAsync("/me/submissions");
            var main = page.Nav("Main");
            await Assertions.Expect(main.Locator("[aria-current=page]")).ToHaveTextAsync("My submissions");
            await Assertions.Expect(main.Locator("[aria-current]")).ToHaveCountAsync(1);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static Task<double> HeaderHeightAsync(IPage page) =>
        page.Locator("header.site-header").EvaluateAsync<double>("e => e.getBoundingClientRect().height");

    private static Task<bool> IsFocusedAsync(ILocator locator) => locator.EvaluateAsync<bool>("e => e === document.activeElement");
}
