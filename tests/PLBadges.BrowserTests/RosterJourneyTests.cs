using System.IO.Compression;

namespace PLBadges.BrowserTests;

/// <summary>
/// Riverbend's admin uploads the demo OneRoster 1.2 package (seed-content/oneroster/riverbend-1.2, the one the README
/// describes), reads the preview, confirms it, and reads what was imported; axe-core checks the preview and the result
/// in both color schemes. The site is this class's own, so the package's people and school meet no other test.
/// </summary>
public sealed class RosterJourneyTests(DemoSite site) : BrowserTest(site), IClassFixture<DemoSite>
{
    [Fact]
    public async Task The_admin_previews_the_demo_package_and_confirms_it()
    {
        using var zipped = new MemoryStream();
        using (var zip = new ZipArchive(zipped, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "seed-content", "oneroster", "riverbend-1.2"), "*.csv"))
            {
                zip.CreateEntryFromFile(file, Path.GetFileName(file));
            }
        }

        var admin = await site.NewPageAsync(DemoPeople.Admin);
        try
        {
            await admin.GotoAsync("/district/roster");
            await admin.GetByLabel("Roster file").SetInputFilesAsync(new FilePayload { Name = "riverbend-1.2.zip", MimeType = "application/zip", Buffer = zipped.ToArray() });
            await admin.GetByLabel("Email an invitation to each new person").UncheckAsync();
            await admin.PressAndWaitForPageAsync("Preview");
            await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("Preview: nothing is imported until you confirm");
            var summary = admin.GetByRole(AriaRole.Status);
            await Assertions.Expect(summary).ToContainTextAsync("OneRoster 1.2.");
            await Assertions.Expect(summary).ToContainTextAsync("1 new school.");
            await Assertions.Expect(summary).ToContainTextAsync("1 students, parents and others without a staff role were skipped");
            var report = admin.GetByRole(AriaRole.Table, new() { Name = "Row by row" });
            await Assertions.Expect(report).ToContainTextAsync("lena.okafor@demo.plbadges.test");
            await Assertions.Expect(report).Not.ToContainTextAsync("sam.student");
            await admin.AssertNoViolationsInLightAndDarkAsync("a OneRoster package's preview");

            await admin.PressAndWaitForPageAsync("Confirm and import");
            await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("Imported");
            await admin.AssertNoViolationsInLightAndDarkAsync("a OneRoster package imported");

            await admin.GotoAsync("/district/people");
            await Assertions.Expect(admin.GetByRole(AriaRole.Main)).ToContainTextAsync("Marcus Hill");
        }
        finally
        {
            await admin.Context.CloseAsync();
        }
    }
}
