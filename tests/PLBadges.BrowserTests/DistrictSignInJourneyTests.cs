using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Identity.Providers;
using PLBadges.Web.Recipes;

namespace PLBadges.BrowserTests;

/// <summary>A site whose outbound policy lets it reach 127.0.0.1, where the tests' OpenID provider runs.</summary>
public sealed class ProviderSignInSite() : BrowserSite(new Dictionary<string, string?> { ["Outbound:AllowPrivateHosts:0"] = "127.0.0.1" });

/// <summary>
/// A teacher signs in with their district account from the sign-in page: the email first, then the
/// district's provider (a real one: oidc-provider under Node, <see cref="OidcPeer"/>), then back signed
/// in. Someone the district does not know waits for an admin. axe-core checks each page on the way.
/// </summary>
public sealed class DistrictSignInJourneyTests(ProviderSignInSite site) : BrowserTest(site), IClassFixture<ProviderSignInSite>
{
    private const string Registration = "riverbend";
    private const string Newcomer = "newcomer@demo.plbadges.test";

    [Fact]
    public async Task A_teacher_signs_in_through_the_districts_provider_and_a_newcomer_waits_for_the_admin()
    {
        var redirect = await site.Site.InScopeAsync(services => Task.FromResult(services.GetRequiredService<ProviderRegistrations>().RedirectUri(Registration)));
        JsonObject Account(string sub, string email, string name) => new() { ["sub"] = sub, ["email"] = email, ["email_verified"] = true, ["name"] = name };
        await using var peer = await OidcPeer.StartAsync(
            new JsonArray(new JsonObject
            {
                ["client_id"] = "plbadges-browser",
                ["client_secret"] = "browser-test-secret",
                ["redirect_uris"] = new JsonArray(redirect.ToString()),
                ["grant_types"] = new JsonArray("authorization_code"),
                ["response_types"] = new JsonArray("code"),
            }),
            new JsonObject
            {
                [DemoPeople.Teacher] = Account("riverbend-maya", DemoPeople.Teacher, "Maya Teacher"),
                [Newcomer] = Account("riverbend-newcomer", Newcomer, "Avery Newcomer"),
            });
        await site.Site.InScopeAsync(services => services.GetRequiredService<RecipeExecutor>().ApplyJsonAsync($$"""
            { "name": "browser-sign-in", "steps": [ { "name": "SignIn",
              "districts": [ { "district": "demo-district", "domains": "demo.plbadges.test", "admitUnknown": true } ],
              "providers": [ { "registrationId": "{{Registration}}", "kind": "OpenIdConnect", "district": "demo-district", "displayName": "Riverbend account",
                "issuer": "{{peer.Issuer.ToString().TrimEnd('/')}}", "clientId": "plbadges-browser", "clientSecret": "browser-test-secret" } ] } ] }
            """));

        var page = await site.NewPageAsync();
        try
        {
            await page.GotoAsync("/account/signin");
            await page.AssertNoViolationsInLightAndDarkAsync("sign in, with a district provider");
            await page.GetByLabel("Email", new() { Exact = true }).FillAsync(DemoPeople.Teacher);
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue with my district account", Exact = true }).ClickAsync();
            // To the provider (which signs the hinted account in by itself) and back, signed in.
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(site.BaseUri.ToString()) + "$"));
            await Assertions.Expect(page.Nav("Account")).ToContainTextAsync("Signed in as Maya Teacher");
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        var waiting = await site.NewPageAsync();
        try
        {
            await waiting.GotoAsync("/account/signin");
            await waiting.GetByLabel("Email", new() { Exact = true }).FillAsync(Newcomer);
            await waiting.GetByRole(AriaRole.Button, new() { Name = "Continue with my district account", Exact = true }).ClickAsync();
            await Assertions.Expect(waiting).ToHaveURLAsync(new Regex("/account/waiting$"));
            await Assertions.Expect(waiting.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Waiting for your district admin");
            await waiting.AssertNoViolationsInLightAndDarkAsync("waiting for the district admin");
        }
        finally
        {
            await waiting.Context.CloseAsync();
        }

        var admin = await site.NewPageAsync(DemoPeople.Admin);
        try
        {
            await admin.GotoAsync("/district/pending");
            await Assertions.Expect(admin.GetByRole(AriaRole.Row, new() { Name = "Avery Newcomer" })).ToBeVisibleAsync();
            await admin.AssertNoViolationsInLightAndDarkAsync("people waiting for confirmation");
            await admin.PressAndWaitForPageAsync("Confirm as teacher: Avery Newcomer");
            await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Avery Newcomer is now a teacher of the district");
            await Assertions.Expect(admin.GetByText("No one is waiting.")).ToBeVisibleAsync();
        }
        finally
        {
            await admin.Context.CloseAsync();
        }
    }
}
