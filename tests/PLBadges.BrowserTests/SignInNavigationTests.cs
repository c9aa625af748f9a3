namespace PLBadges.BrowserTests;

/// <summary>Each demo person signs in through the real form, sees exactly the navigation of their role, and signs out.</summary>
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
            await Assertions.Expect(account.GetByRole(AriaRole.Link, new() { Name = "My profile", Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(account.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToHaveCountAsync(0);
            await Assertions.Expect(account).ToContainTextAsync($"Signed in as {person.Name}");
            await Assertions.Expect(page.Nav("Main").GetByRole(AriaRole.Link, new() { Name = "Home", Exact = true })).ToBeVisibleAsync();

            var administration = page.Nav("Administration");
            if (person.Administration.Length == 0)
            {
                await Assertions.Expect(administration).ToHaveCountAsync(0);
            }
            else
            {
                var shown = (await administration.GetByRole(AriaRole.Link).AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
                Assert.Equal(person.Administration, shown);
                foreach (var absent in Demo.AdministrationLinks.Except(person.Administration))
                {
                    await Assertions.Expect(administration.GetByRole(AriaRole.Link, new() { Name = absent, Exact = true })).ToHaveCountAsync(0);
                }
            }

            await account.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
            await Assertions.Expect(account.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(account.GetByRole(AriaRole.Link, new() { Name = "My profile", Exact = true })).ToHaveCountAsync(0);
            await Assertions.Expect(account).Not.ToContainTextAsync("Signed in as");
            await Assertions.Expect(page.Nav("Administration")).ToHaveCountAsync(0);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
