namespace PLBadges.BrowserTests;

/// <summary>
/// A district admin starts an academy for the school whose devices arrive in 14 months, adds its
/// team and a session, takes attendance after it, and the readiness dashboard changes.
/// </summary>
public sealed class AcademyJourneyTests(DemoSite site) : BrowserTest(site), IClassFixture<DemoSite>
{
    private static async Task<string> StateOfAsync(IPage page, string school)
    {
        await page.GotoAsync("/district/readiness");
        return (await page.Locator($"tr[data-school={school}]").GetAttributeAsync("data-state"))!;
    }

    [Fact]
    public async Task An_admin_runs_an_academy_for_lincoln_and_the_dashboard_follows()
    {
        var admin = await site.NewPageAsync(DemoPeople.Admin);
        try
        {
            Assert.Equal("OnTrack", await StateOfAsync(admin, "lincoln-elementary")); // the demo academy

            await admin.GotoAsync("/district/cohorts");
            await admin.AssertNoViolationsInLightAndDarkAsync("academies");
            await admin.GetByLabel("Name", new() { Exact = true }).FillAsync("Lincoln spring academy");
            await admin.GetByLabel("Program year").FillAsync("2026–27");
            await admin.PressAndWaitForPageAsync("Start the academy");
            await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Lincoln spring academy");
            var academy = admin.Url.Split('?')[0];

            var lincoln = await admin.Locator("#school option", new() { HasText = "Lincoln Elementary School" }).GetAttributeAsync("value");
            await admin.GetByLabel("School to add").SelectOptionAsync(lincoln!);
            await admin.PressAndWaitForPageAsync("Add the school");
            Assert.Equal("NotStarted", await StateOfAsync(admin, "lincoln-elementary")); // its latest academy has held no session
            await admin.GotoAsync(academy);

            foreach (var (person, role) in new[] { ("Priya Principal", "principal"), ("Dana Reyes", "assistant principal"), ("Jordan Coach", "instructional coach"), ("Maya Teacher", "teacher leader") })
            {
                await admin.GetByLabel("Person", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = person });
                await admin.GetByLabel("Team role").SelectOptionAsync(new SelectOptionValue { Label = role });
                await admin.PressAndWaitForPageAsync("Add to Lincoln Elementary School's team");
            }

            await Assertions.Expect(admin.GetByText("The team has all four roles.")).ToBeVisibleAsync();
            await admin.GetByText("Add a session").ClickAsync();
            await admin.GetByLabel("Title", new() { Exact = true }).FillAsync("Kick-off");
            await admin.GetByLabel("Date", new() { Exact = true }).FillAsync(DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"));
            await admin.GetByLabel("Starts (district time)").FillAsync("08:00");
            await admin.GetByLabel("Ends (district time)").FillAsync("09:30");
            await admin.GetByLabel("Place", new() { Exact = true }).FillAsync("Lincoln library");
            await admin.PressAndWaitForPageAsync("Add the session");
            await admin.AssertNoViolationsInLightAndDarkAsync("an academy, with its team and a session");

            await admin.GetByRole(AriaRole.Link, new() { Name = "Take attendance for Kick-off" }).ClickAsync();
            await admin.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/attendance$"));
            await admin.AssertNoViolationsInLightAndDarkAsync("an attendance sheet");
            foreach (var checkbox in await admin.GetByRole(AriaRole.Checkbox).AllAsync())
            {
                await checkbox.CheckAsync();
            }

            await admin.PressAndWaitForPageAsync("Save attendance");
            await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Attendance saved.");

            Assert.Equal("OnTrack", await StateOfAsync(admin, "lincoln-elementary"));
            await Assertions.Expect(admin.Locator("tr[data-school=lincoln-elementary]")).ToContainTextAsync("Lincoln spring academy");
        }
        finally
        {
            await admin.Context.CloseAsync();
        }
    }
}
