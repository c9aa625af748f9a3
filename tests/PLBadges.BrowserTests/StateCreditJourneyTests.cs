using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Credentials.Issuing;
using PLBadges.Data;
using PLBadges.Evidence.Contracts;
using PLBadges.Pathways.Contracts;
using PLBadges.Recognition.StateCredit;

namespace PLBadges.BrowserTests;

/// <summary>
/// Riverbend's admin signs off a new credential of the demo teacher for Tennessee; the teacher downloads its certificate;
/// Lakeside's admin downloads the Texas record export; the state's reviewer reads the profiles; anyone checks the short
/// link. Every page on the way passes axe-core in both colour schemes.
/// </summary>
public sealed class StateCreditJourneyTests(DemoSite site) : BrowserTest(site), IClassFixture<DemoSite>
{
    [Fact]
    public async Task The_admin_signs_off_the_teacher_downloads_the_certificate_and_the_Texas_admin_downloads_the_record_export()
    {
        // The demo's two sign-offs (and the Texas export) follow its recipe through the outbox.
        await site.Site.RunOutboxUntilAsync(async db => await db.Set<SignOff>().CountAsync() >= 2 && await db.Set<StateExport>().AnyAsync(), "the demo's sign-offs and export");
        await site.Site.InScopeAsync(async s =>
        {
            var version = (await s.GetRequiredService<IMicroCredentialCatalog>().PublishedAsync("ef-self-monitoring"))!;
            var db = s.GetRequiredService<PLBadgesDbContext>();
            var maya = await db.Database.SqlQuery<Guid>($"SELECT \"Id\" AS \"Value\" FROM \"People\" WHERE \"Email\" = {DemoPeople.Teacher}").SingleAsync();
            var district = await db.Database.SqlQuery<Guid>($"SELECT \"Id\" AS \"Value\" FROM \"Organizations\" WHERE \"Code\" = 'demo-district'").SingleAsync();
            await s.GetRequiredService<CredentialIssuer>().IssueForPassAsync(new MicroCredentialPassed(Guid.NewGuid(), maya, district, null, version.MicroCredentialId, version.VersionId, 1, DateTime.UtcNow.AddHours(-1)));
            await db.SaveChangesAsync();
        });

        var admin = await site.NewPageAsync(DemoPeople.Admin);
        var teacher = await site.NewPageAsync(DemoPeople.Teacher);
        var otherAdmin = await site.NewPageAsync(DemoPeople.OtherAdmin);
        var reviewer = await site.NewPageAsync(DemoPeople.State);
        var anonymous = await site.NewPageAsync();
        try
        {
            await admin.GotoAsync("/district/state-credit");
            await Assertions.Expect(admin.Locator("#providers")).ToContainTextAsync("Riverbend Unified School District");
            await admin.AssertNoViolationsInLightAndDarkAsync("the district's state credit");

            await admin.GotoAsync("/district/state-credit/educators");
            await admin.AssertNoViolationsInLightAndDarkAsync("the educators to sign off");
            await admin.GetByRole(AriaRole.Link, new() { Name = "Maya Teacher" }).ClickAsync();
            await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Maya Teacher");
            await Assertions.Expect(admin.Locator("#state-id")).ToContainTextAsync("000204518");
            await admin.AssertNoViolationsInLightAndDarkAsync("an educator's learning to sign off");
            await admin.GetByLabel("Sign off Self-Monitoring", new() { Exact = false }).CheckAsync();
            await admin.PressAndWaitForPageAsync("Sign off what is picked");
            await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Signed off.");
            await Assertions.Expect(admin.Locator("article.sign-off", new() { HasText = "Self-Monitoring" })).ToBeVisibleAsync();
            await admin.AssertNoViolationsInLightAndDarkAsync("an educator's sign-offs");

            await teacher.GotoAsync("/me/state-credit");
            await Assertions.Expect(teacher.Locator("#state-tn table.state-items", new() { HasText = "Self-Monitoring" })).ToBeVisibleAsync();
            await teacher.AssertNoViolationsInLightAndDarkAsync("the teacher's state credit");
            var certificate = await teacher.RunAndWaitForDownloadAsync(() =>
                teacher.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^PDF certificate for Self-Monitoring") }).ClickAsync());
            Assert.Matches("^certificate-tn-.+\\.pdf$", certificate.SuggestedFilename);
            var pdf = await File.ReadAllBytesAsync((await certificate.PathAsync())!);
            Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);

            await otherAdmin.GotoAsync("/district/state-credit/exports");
            await otherAdmin.AssertNoViolationsInLightAndDarkAsync("the Texas district's exports");
            var export = await otherAdmin.RunAndWaitForDownloadAsync(() => otherAdmin.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^tx-cpe-record-") }).ClickAsync());
            var csv = await File.ReadAllTextAsync((await export.PathAsync())!);
            Assert.StartsWith("Provider name,Provider number,Educator name,TEA ID,", csv);
            Assert.Contains("1234567", csv);

            await reviewer.GotoAsync("/state/profiles");
            await Assertions.Expect(reviewer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await reviewer.AssertNoViolationsInLightAndDarkAsync("the states' profiles");

            var code = await site.Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<SignOff>().OrderBy(x => x.SignedAt).Select(x => x.Code).FirstAsync());
            await anonymous.GotoAsync($"/c/{code}");
            await Assertions.Expect(anonymous.Locator("#check-status")).ToContainTextAsync("Stands");
            await anonymous.AssertNoViolationsInLightAndDarkAsync("a certificate's check page");
        }
        finally
        {
            foreach (var page in new[] { admin, teacher, otherAdmin, reviewer, anonymous })
            {
                await page.Context.CloseAsync();
            }
        }
    }
}
