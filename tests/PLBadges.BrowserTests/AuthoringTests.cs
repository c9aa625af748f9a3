namespace PLBadges.BrowserTests;

/// <summary>An administrator edits a micro-credential, watches the live preview, and publishes it.</summary>
public sealed class AuthoringTests(DemoSite site) : BrowserTest(site), IClassFixture<DemoSite>
{
    [Fact]
    public async Task An_admin_edits_and_publishes_a_micro_credential()
    {
        var page = await site.NewPageAsync(DemoPeople.Platform);
        try
        {
            await page.GotoAsync("/");
            await (await page.OpenSectionAsync("District")).GetByRole(AriaRole.Link, new() { Name = "Authoring" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Edit Student Goal Setting" }).Or(page.Locator("a[href='/authoring/micro-credentials/sa-goal-setting-self-determination']")).First.ClickAsync();
            await page.WaitForURLAsync("**/authoring/micro-credentials/sa-goal-setting-self-determination");

            var editor = page.GetByLabel("Micro-credential", new() { Exact = false });
            var text = await editor.InputValueAsync();
            var marker = $"Checked in the browser {Guid.NewGuid():N}.";
            await editor.FillAsync(text.TrimEnd() + "\n\n" + marker + "\n");

            // The live preview follows the text without a page load.
            await Assertions.Expect(page.Locator("#live-preview")).ToContainTextAsync(marker, new() { Timeout = 10_000 });

            await page.GetByRole(AriaRole.Button, new() { Name = "Publish as a new version" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Published as version 2");

            await page.GotoAsync("/micro-credentials/sa-goal-setting-self-determination");
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync(marker);
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("version 2");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
