using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Credentials.Issuing;
using PLBadges.Data;
using PLBadges.Data.Outbox;
using PLBadges.Evidence.Contracts;
using PLBadges.Pathways.Contracts;
using PLBadges.Recognition.Applications;

namespace PLBadges.BrowserTests;

/// <summary>
/// The demo teacher applies to the state for renewal points with a micro-credential the state has
/// not endorsed; the state reviewer approves it; the teacher's transcript shows the points and hours.
/// </summary>
public sealed class RecognitionJourneyTests(DemoSite site) : BrowserTest(site), IClassFixture<DemoSite>
{
    /// <summary>Runs the outbox as the site's job would: the demo's endorsements, its credential and its waiting application follow the recipe.</summary>
    internal static Task SettleAsync(TestSite site) =>
        site.RunOutboxUntilAsync(db => db.Set<RecognitionApplication>().AnyAsync(), "the demo's waiting application");

    [Fact]
    public async Task The_demo_teacher_applies_the_reviewer_approves_and_the_transcript_shows_the_hours()
    {
        await SettleAsync(site.Site);
        await site.Site.InScopeAsync(async s =>
        {
            var version = (await s.GetRequiredService<IMicroCredentialCatalog>().PublishedAsync("ef-self-monitoring"))!;
            var db = s.GetRequiredService<PLBadgesDbContext>();
            var maya = await db.Database.SqlQuery<Guid>($"SELECT \"Id\" AS \"Value\" FROM \"People\" WHERE \"Email\" = {DemoPeople.Teacher}").SingleAsync();
            var district = await db.Database.SqlQuery<Guid>($"SELECT \"Id\" AS \"Value\" FROM \"Organizations\" WHERE \"Code\" = 'demo-district'").SingleAsync();
            await s.GetRequiredService<CredentialIssuer>().IssueForPassAsync(new MicroCredentialPassed(Guid.NewGuid(), maya, district, null, version.MicroCredentialId, version.VersionId, 1, DateTime.UtcNow.AddHours(-1)));
            await db.SaveChangesAsync();
        });

        var teacher = await site.NewPageAsync(DemoPeople.Teacher);
        var reviewer = await site.NewPageAsync(DemoPeople.State);
        try
        {
            await teacher.GotoAsync("/me/recognition");
            await Assertions.Expect(teacher.Locator("#license-summary")).ToContainTextAsync("DS204518");
            await Assertions.Expect(teacher.Locator("#my-applications")).ToContainTextAsync("Waiting for a reviewer");
            await teacher.AssertNoViolationsInLightAndDarkAsync("recognition");

            await teacher.GetByRole(AriaRole.Link, new() { Name = "Apply to Professional license renewal" }).ClickAsync();
            await Assertions.Expect(teacher.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Apply: Professional license renewal");
            await teacher.AssertNoViolationsInLightAndDarkAsync("applying for renewal");
            foreach (var box in await teacher.Locator("input[name=picked]:not([disabled])").AllAsync())
            {
                await box.UncheckAsync();
            }

            await Assertions.Expect(teacher.GetByLabel("Classroom Routines and Visual Schedules", new() { Exact = false })).ToBeDisabledAsync(); // in the demo's waiting application
            await teacher.GetByLabel("Self-Monitoring", new() { Exact = false }).CheckAsync();
            await teacher.GetByLabel("A note for the reviewer (optional)").FillAsync("My self-monitoring micro-credential from this week.");
            await teacher.PressAndWaitForPageAsync("Apply");
            await Assertions.Expect(teacher.Locator("#application-status")).ToContainTextAsync("Waiting for a reviewer");
            await Assertions.Expect(teacher.Locator("#application-items")).ToContainTextAsync("6 points");
            await teacher.AssertNoViolationsInLightAndDarkAsync("an application, waiting");
            var application = teacher.Url.Split('/')[^1];

            await reviewer.GotoAsync("/recognition/applications");
            await teacher.WaitForLoadStateAsync();
            await reviewer.AssertNoViolationsInLightAndDarkAsync("the applications waiting");
            await reviewer.Locator($"a[href='/recognition/applications/{application}']").ClickAsync();
            await Assertions.Expect(reviewer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Maya Teacher: Professional license renewal");
            await reviewer.Locator("summary", new() { HasText = "Self-Monitoring" }).ClickAsync();
            await Assertions.Expect(reviewer.Locator("details.verification[open]")).ToContainTextAsync("Issued on this site");
            await reviewer.AssertNoViolationsInLightAndDarkAsync("an application to decide, its verification opened");
            await reviewer.GetByLabel("Approve").CheckAsync();
            await reviewer.PressAndWaitForPageAsync("Record the decision");
            await Assertions.Expect(reviewer.GetByRole(AriaRole.Status)).ToContainTextAsync("Approved.");

            await teacher.GotoAsync($"/me/recognition/{application}");
            await Assertions.Expect(teacher.Locator("#application-status")).ToContainTextAsync("Approved");
            await teacher.GotoAsync("/me/transcript");
            await Assertions.Expect(teacher.Locator("#transcript-recognitions")).ToContainTextAsync("6 points toward license renewal");
            await Assertions.Expect(teacher.Locator("#transcript-summary")).ToContainTextAsync(" of professional learning");
            await Assertions.Expect(teacher.Locator("#transcript-credentials")).ToContainTextAsync("Self-Monitoring");
            await teacher.AssertNoViolationsInLightAndDarkAsync("a transcript");
            await teacher.GetByRole(AriaRole.Button, new() { Name = "Share by link" }).ClickAsync();
            await Assertions.Expect(teacher.Locator("#share-link")).ToBeVisibleAsync();
            var shared = await teacher.Locator("#share-link").GetAttributeAsync("href");
            var anonymous = await site.NewPageAsync();
            try
            {
                await anonymous.GotoAsync(shared!);
                await Assertions.Expect(anonymous.Locator("#transcript-recognitions")).ToContainTextAsync("6 points toward license renewal");
                await anonymous.AssertNoViolationsInLightAndDarkAsync("a shared transcript");
            }
            finally
            {
                await anonymous.Context.CloseAsync();
            }

            await teacher.GotoAsync("/me/transcript/print");
            await teacher.AssertNoViolationsInLightAndDarkAsync("a printable transcript");
        }
        finally
        {
            await teacher.Context.CloseAsync();
            await reviewer.Context.CloseAsync();
        }
    }
}
