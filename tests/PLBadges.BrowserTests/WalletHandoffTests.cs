using System.Text.RegularExpressions;
using PLBadges.Credentials.Wallet;

namespace PLBadges.BrowserTests;

/// <summary>
/// "Add to a digital wallet" in a real browser: the owner reaches it from their credential's page with the keyboard and
/// sees a QR code of the hand-off link with the same link as text beside it; axe-core finds nothing; another teacher
/// and a visitor who is not signed in get neither the action nor the offer.
/// </summary>
public sealed class WalletHandoffTests(DemoSite site) : BrowserTest(site), IClassFixture<DemoSite>
{
    [Fact]
    public async Task The_owner_opens_add_to_a_digital_wallet_and_sees_a_qr_code_with_a_text_link_beside_it_and_nobody_else_can()
    {
        await site.Site.RunOutboxAsync(); // the demo teacher's pass is an outbox event
        var teacher = await site.NewPageAsync(DemoPeople.Teacher);
        var other = await site.NewPageAsync(DemoPeople.Teacher2);
        var anonymous = await site.NewPageAsync();
        try
        {
            // From the owner's credential page.
            await teacher.GotoAsync("/me/credentials");
            await teacher.Locator(".credential-list h2 a").First.ClickAsync();
            await teacher.WaitForURLAsync(new Regex("/credentials/[A-Za-z0-9_-]{22}$"));
            var credentialPage = new Uri(teacher.Url).AbsolutePath;
            var action = teacher.GetByRole(AriaRole.Link, new() { Name = "Add to a digital wallet", Exact = true });
            await Assertions.Expect(action).ToBeVisibleAsync();
            await teacher.AssertNoViolationsInLightAndDarkAsync("a credential, seen by its owner");

            // With the keyboard: the action is a link, the panel opens with a button pressed by Enter.
            await action.FocusAsync();
            await teacher.Keyboard.PressAsync("Enter");
            await teacher.WaitForURLAsync(new Regex("/me/credentials/[A-Za-z0-9_-]{22}/wallet$"));
            await teacher.AssertNoViolationsInLightAndDarkAsync("add to a digital wallet");
            await teacher.GetByRole(AriaRole.Button, new() { Name = "Add to a digital wallet", Exact = true }).FocusAsync();
            await teacher.Keyboard.PressAsync("Enter");
            await teacher.WaitForURLAsync(new Regex("/wallet\\?offer=[A-Za-z0-9_-]{22}&request=[A-Za-z0-9_-]{22}$"));
            var panelPage = new Uri(teacher.Url).PathAndQuery;

            // The QR code is the link, drawn; the link is beside it as text and as a same-device link.
            var qr = teacher.GetByRole(AriaRole.Img, new() { Name = "QR code that adds", Exact = false });
            await Assertions.Expect(qr).ToBeVisibleAsync();
            Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100"), "The QR code image did not load.");
            var link = teacher.GetByLabel("The same link as text");
            await Assertions.Expect(link).ToHaveValueAsync(new Regex("/wallet/interactions/[A-Za-z0-9_-]{22}\\?iuv=1$"));
            var url = await link.InputValueAsync();
            Assert.Equal(QrCodes.DataUri(url), await qr.GetAttributeAsync("src"));
            var sameDevice = teacher.GetByRole(AriaRole.Link, new() { Name = "Open it in the wallet app on this device" });
            await Assertions.Expect(sameDevice).ToHaveAttributeAsync("href", "interaction:" + url);

            var qrBox = (await qr.BoundingBoxAsync())!;
            var linkBox = (await link.BoundingBoxAsync())!;
            Assert.True(linkBox.X > qrBox.X + qrBox.Width - 1, $"The link ({linkBox.X},{linkBox.Y}) is not beside the QR code ({qrBox.X},{qrBox.Y},{qrBox.Width}).");

            // Tab goes from the same-device link to the text link, then to its copy button.
            await sameDevice.FocusAsync();
            await teacher.Keyboard.PressAsync("Tab");
            await Assertions.Expect(link).ToBeFocusedAsync();
            await teacher.Keyboard.PressAsync("Tab");
            await Assertions.Expect(teacher.GetByRole(AriaRole.Button, new() { Name = "Copy link" })).ToBeFocusedAsync();
            await teacher.AssertNoViolationsInLightAndDarkAsync("add to a digital wallet, opened");

            // Another teacher: no action on the credential's page, and the owner's panel (even its exact address) is not found.
            await other.GotoAsync(credentialPage);
            await Assertions.Expect(other.Locator("#credential-heading")).ToBeVisibleAsync();
            await Assertions.Expect(other.GetByRole(AriaRole.Link, new() { Name = "Add to a digital wallet" })).ToHaveCountAsync(0);
            var refused = await other.GotoAsync(panelPage);
            Assert.Equal(404, refused!.Status);
            await Assertions.Expect(other.Locator("img.wallet-qr, #wallet-link")).ToHaveCountAsync(0);
            Assert.DoesNotContain(url, await other.ContentAsync());

            // A visitor who is not signed in: no action, and the panel's address asks them to sign in.
            await anonymous.GotoAsync(credentialPage);
            await Assertions.Expect(anonymous.Locator("#credential-heading")).ToBeVisibleAsync();
            await Assertions.Expect(anonymous.GetByRole(AriaRole.Link, new() { Name = "Add to a digital wallet" })).ToHaveCountAsync(0);
            await anonymous.GotoAsync(panelPage);
            Assert.StartsWith("/account/signin", new Uri(anonymous.Url).AbsolutePath, StringComparison.OrdinalIgnoreCase);
            await Assertions.Expect(anonymous.Locator("img.wallet-qr, #wallet-link")).ToHaveCountAsync(0);
            Assert.DoesNotContain(url, await anonymous.ContentAsync());
        }
        finally
        {
            await teacher.Context.CloseAsync();
            await other.Context.CloseAsync();
            await anonymous.Context.CloseAsync();
        }
    }
}
