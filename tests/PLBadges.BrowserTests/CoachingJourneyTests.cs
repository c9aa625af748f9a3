using System.Text.RegularExpressions;

namespace PLBadges.BrowserTests;

/// <summary>
/// The demo coach suggests a time and schedules a planning conference; the demo teacher sees it on
/// "My coaching" and downloads the invitation; the same works with the keyboard alone.
/// </summary>
public sealed class CoachingJourneyTests(DemoSite site) : BrowserTest(site), IClassFixture<DemoSite>
{
    private static async Task OpenDemoCycleAsync(IPage coach)
    {
        await coach.GotoAsync("/coaching");
        await coach.GetByRole(AriaRole.Table, new() { Name = "Your cycles" }).GetByRole(AriaRole.Link, new() { Name = "Maya Teacher" }).ClickAsync();
        await coach.WaitForURLAsync(new Regex("/coaching/cycles/[0-9a-f-]{36}$"));
    }

    [Fact]
    public async Task The_coach_schedules_a_suggested_planning_conference_and_the_teacher_downloads_the_invitation()
    {
        var coach = await site.NewPageAsync(DemoPeople.Coach);
        string meetingUrl;
        try
        {
            await OpenDemoCycleAsync(coach);
            await coach.AssertNoViolationsInLightAndDarkAsync("a coaching cycle");
            await coach.GetByLabel("Kind of meeting").First.SelectOptionAsync("Planning");
            await coach.PressAndWaitForPageAsync("Suggest times");
            var times = coach.GetByRole(AriaRole.Group, new() { Name = "Choose a time" }).GetByRole(AriaRole.Radio);
            Assert.True(await times.CountAsync() > 0, "No time was suggested.");
            await Assertions.Expect(times.First).ToBeCheckedAsync();
            var chosen = await coach.Locator("label[for=slot-0]").InnerTextAsync();
            await coach.AssertNoViolationsInLightAndDarkAsync("a coaching cycle, with suggested times");

            await coach.PressAndWaitForPageAsync("Schedule");
            await coach.WaitForURLAsync(new Regex("/coaching/meetings/[0-9a-f-]{36}$"));
            await Assertions.Expect(coach.GetByRole(AriaRole.Status)).ToContainTextAsync("Everyone has the invitation by email.");
            await Assertions.Expect(coach.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Planning conference with Maya Teacher");
            Assert.Contains(chosen.Split(" (")[0], await coach.Locator("main dl").InnerTextAsync());
            await coach.AssertNoViolationsInLightAndDarkAsync("a coaching meeting, with its notes");
            meetingUrl = coach.Url;
        }
        finally
        {
            await coach.Context.CloseAsync();
        }

        var meetingId = meetingUrl[(meetingUrl.LastIndexOf('/') + 1)..];
        var teacher = await site.NewPageAsync(DemoPeople.Teacher);
        try
        {
            await teacher.GotoAsync("/me/coaching");
            var upcoming = teacher.Locator("section", new() { Has = teacher.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Coming up") }) });
            var card = upcoming.GetByRole(AriaRole.Listitem).Filter(new() { Has = teacher.Locator($"a[href='/coaching/meetings/{meetingId}']") });
            await Assertions.Expect(card).ToContainTextAsync("Planning conference with Jordan Coach");
            await teacher.AssertNoViolationsInLightAndDarkAsync("my coaching");

            var download = await teacher.RunAndWaitForDownloadAsync(() => card.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Download the invitation") }).ClickAsync());
            var ics = await File.ReadAllTextAsync((await download.PathAsync())!);
            Assert.Contains("BEGIN:VCALENDAR", ics);
            Assert.Contains("METHOD:REQUEST", ics);
            Assert.Contains($"UID:{Guid.Parse(meetingId):N}@plbadges", ics);
            Assert.EndsWith(".ics", download.SuggestedFilename);
        }
        finally
        {
            await teacher.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_coach_schedules_a_meeting_with_the_keyboard_alone()
    {
        var coach = await site.NewPageAsync(DemoPeople.Coach);
        try
        {
            await OpenDemoCycleAsync(coach);
            await TabToAsync(coach, "#kind");
            await coach.Keyboard.PressAsync("Tab");
            await Assertions.Expect(coach.Locator("#minutes")).ToBeFocusedAsync();
            await coach.Keyboard.PressAsync("Tab");
            await Assertions.Expect(coach.GetByRole(AriaRole.Button, new() { Name = "Suggest times" })).ToBeFocusedAsync();
            await Task.WhenAll(coach.WaitForURLAsync(new Regex("kind=Planning")), coach.Keyboard.PressAsync("Enter"));

            await TabToAsync(coach, "#slot-0");
            await coach.Keyboard.PressAsync("ArrowDown"); // the second suggestion
            await Assertions.Expect(coach.Locator("#slot-1")).ToBeCheckedAsync();
            await TabToAsync(coach, "button:text-is('Schedule')");
            await Task.WhenAll(coach.WaitForURLAsync(new Regex("/coaching/meetings/[0-9a-f-]{36}$")), coach.Keyboard.PressAsync("Enter"));
            await Assertions.Expect(coach.GetByRole(AriaRole.Status)).ToContainTextAsync("Everyone has the invitation by email.");
        }
        finally
        {
            await coach.Context.CloseAsync();
        }
    }

    /// <summary>Presses Tab until the element is focused (at most 80 times), as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        var target = page.Locator(selector).First;
        for (var i = 0; i < 80; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {selector}.");
    }
}
