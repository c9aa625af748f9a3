namespace PLBadges.BrowserTests;

/// <summary>Each demo person signs in through the real form, sees exactly the navigation of their role, grouped by task, and signs out.</summary>
public sealed class SignInNavigationTests(DemoSite site) : BrowserTest(site), IClassFixture<DemoSite>
{
    public static TheoryData<string> Emails => new(Demo.People.Select(p => p.Email));

    [Theory]
    [MemberData(nameof(Emails))]
    public async Task A_person_signs_in_sees_the_navigation_of_their_role_and_signs_out(string email)
    {
        var person = Demo.People.Single(p => p.Email == email);
        var page = await site.NewPageAsync();
        try
        {
            await page.SignInAsync(email);

            var account = page.Nav("Account");
            await Assertions.Expect(account).ToContainTextAsync($"Signed in as {person.Name}");
            await account.GetByRole(AriaRole.Button, new() { Name = person.Name }).ClickAsync();
            await Assertions.Expect(account.GetByRole(AriaRole.Link, new() { Name = "My profile", Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(account.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToHaveCountAsync(0);
            await page.Keyboard.PressAsync("Escape");

            var main = page.Nav("Main");
            if (person.Navigation.Length == 1)
            {
                // One section: its links are the bar, with no menus.
                Assert.Equal(person.Navigation[0].Links, await VisibleLinksAsync(main));
                await Assertions.Expect(main.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
            }
            else
            {
                var sections = (await main.GetByRole(AriaRole.Button).AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
                Assert.Equal(person.Navigation.Select(s => s.Section), sections);
                foreach (var (section, links) in person.Navigation)
                {
                    var menu = await page.OpenSectionAsync(section);
                    Assert.Equal(links, await VisibleLinksAsync(menu));
                    await page.Keyboard.PressAsync("Escape");
                    await Assertions.Expect(menu).ToBeHiddenAsync();
                }
            }

            await page.SignOutAsync();
            await Assertions.Expect(account.GetByRole(AriaRole.Link, new() { Name = "My profile", Exact = true })).ToHaveCountAsync(0);
            await Assertions.Expect(account).Not.ToContainTextAsync("Signed in as");
            Assert.Equal(Demo.VisitorLinks, await VisibleLinksAsync(page.Nav("Main")));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static async Task<List<string>> VisibleLinksAsync(ILocator within) =>
        (await within.GetByRole(AriaRole.Link).AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
}
