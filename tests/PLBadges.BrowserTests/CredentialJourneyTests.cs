using Microsoft.Extensions.DependencyInjection;

namespace PLBadges.BrowserTests;

/// <summary>
/// A credential in a real browser: the demo teacher opens theirs, downloads the PNG badge, and the
/// verify page says it is valid; the district admin revokes it, and the verify page says revoked.
/// </summary>
public sealed class CredentialJourneyTests(DemoSite site) : BrowserTest(site), IClassFixture<DemoSite>
{
    [Fact]
    public async Task The_demo_teacher_downloads_their_badge_and_it_verifies_until_revoked()
    {
        // The demo's pass is an outbox event; test sites run no job server, so dispatch it here.
        await site.Site.RunOutboxAsync();
        var teacher = await site.NewPageAsync(DemoPeople.Teacher);
        await teacher.GotoAsync("/me/credentials");
        var credentialLink = teacher.Locator(".credential-list h2 a").First;

        await teacher.AssertNoViolationsInLightAndDarkAsync("my credentials");
        await teacher.Locator(".credential-list a.button", new() { HasTextString = "Share" }).First.ClickAsync();
        await teacher.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/me/credentials/[A-Za-z0-9_-]{22}$"));
        var ownersView = new Uri(teacher.Url).AbsolutePath;
        await Assertions.Expect(teacher.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Add to LinkedIn profile") })).ToBeVisibleAsync();
        await teacher.AssertNoViolationsInLightAndDarkAsync("my credential, the owner's view");
        await teacher.GotoAsync("/me/credentials");
        await credentialLink.ClickAsync();
        await teacher.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/credentials/[A-Za-z0-9_-]{22}$"));
        var address = new Uri(teacher.Url).AbsolutePath;
        await Assertions.Expect(teacher.Locator("#credential-state strong")).ToHaveTextAsync("Valid");
        await teacher.AssertNoViolationsInLightAndDarkAsync("a credential");

        var download = await teacher.RunAndWaitForDownloadAsync(() => teacher.GetByRole(AriaRole.Link, new() { Name = "Badge image with the credential (PNG)" }).ClickAsync());
        var png = Path.Combine(Path.GetTempPath(), $"badge-{Guid.NewGuid():N}.png");
        await download.SaveAsAsync(png);
        try
        {
            await VerifyFileAsync(teacher, png, "Valid");
            await teacher.AssertNoViolationsInLightAndDarkAsync("verify, a valid badge");

            // The district admin revokes it with a reason.
            var admin = await site.NewPageAsync(DemoPeople.Admin);
            await admin.GotoAsync("/district/credentials");
            await admin.AssertNoViolationsInLightAndDarkAsync("district credentials");
            var row = admin.GetByRole(AriaRole.Row).Filter(new() { Has = admin.Locator($"a[href='{address}']") });
            await row.GetByLabel("Reason for revoking", new() { Exact = false }).FillAsync("Awarded to the wrong person");
            await row.GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = false }).ClickAsync();
            await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("revoked");
            await VerifyFileAsync(teacher, png, "Revoked");
            await Assertions.Expect(teacher.Locator("#verify-result")).ToContainTextAsync("Awarded to the wrong person");
            await teacher.AssertNoViolationsInLightAndDarkAsync("verify, a revoked badge");
            await teacher.GotoAsync(ownersView);
            await Assertions.Expect(teacher.Locator("#revoked-notice")).ToContainTextAsync("Awarded to the wrong person");
            await Assertions.Expect(teacher.Locator("#share-panel")).ToHaveCountAsync(0);
            await teacher.AssertNoViolationsInLightAndDarkAsync("my credential, revoked");

            // Undone, so the demo is whole again.
            row = admin.GetByRole(AriaRole.Row).Filter(new() { Has = admin.Locator($"a[href='{address}']") });
            await row.GetByRole(AriaRole.Button, new() { Name = "Undo revocation", Exact = false }).ClickAsync();
            await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("valid again");
            await admin.Context.CloseAsync();
        }
        finally
        {
            File.Delete(png);
            await teacher.Context.CloseAsync();
        }
    }

    private static async Task VerifyFileAsync(IPage page, string file, string verdict)
    {
        await page.GotoAsync("/verify");
        await page.GetByLabel("Badge image or credential file").SetInputFilesAsync(file);
        await page.PressAndWaitForPageAsync("Verify");
        await Assertions.Expect(page.Locator("#result-heading")).ToHaveTextAsync(verdict);
    }
}
