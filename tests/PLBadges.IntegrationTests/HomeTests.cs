namespace PLBadges.IntegrationTests;

/// <summary>
/// Task-first home pages, filled through the Home.Tasks zone by each module: the coach's queue and week, the admin's
/// schools at risk and overdue reviews, the state reviewer's applications, the visitor's welcome; and a switched-off
/// module's contribution gone with the module.
/// </summary>
public abstract class HomeTests(string provider)
{
    private const string AllModules = """
        { "name": "all", "steps": [ { "name": "Modules", "enable": [ "Organizations", "Identity", "Notifications", "Pathways", "Evidence", "Credentials", "Coaching", "Cohorts", "Recognition" ] } ] }
        """;

    private const string WithoutCoachingAndCohorts = """
        { "name": "no-coaching", "steps": [ { "name": "Modules", "enable": [ "Organizations", "Identity", "Notifications", "Pathways", "Evidence", "Credentials" ] } ] }
        """;

    [Fact]
    public async Task Each_role_sees_its_own_tasks_first_and_a_switched_off_module_adds_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var site = new TestSite(database);
        var coach = await site.SignedInClientAsync(DemoPeople.Coach);
        var admin = await site.SignedInClientAsync(DemoPeople.Admin);

        // The coach: the queue's count, which a new submission raises by one, and the week's meetings.
        var before = int.Parse((await coach.GetDocumentAsync("/")).QuerySelector("#queue-count")!.TextContent);
        var email = $"h{Guid.NewGuid():N}"[..12] + "@demo.plbadges.test";
        await site.AddPersonAsync(email, "Teacher", "lincoln-elementary");
        var teacher = await site.SignedInClientAsync(email);
        var submission = await teacher.StartAsync();
        await teacher.FillAsync(submission);
        await teacher.SubmitAsync(submission);
        var home = await coach.GetDocumentAsync("/");
        var queue = home.QuerySelector("#review-queue-task")!;
        Assert.Equal(before + 1, int.Parse(queue.QuerySelector("#queue-count")!.TextContent));
        Assert.Contains("The oldest", queue.TextContent);
        Assert.NotNull(queue.QuerySelector("a[href='/review']"));
        Assert.Matches(@"\d+ today, \d+ in the next seven days", home.QuerySelector("#coaching-week-task")!.TextContent);
        Assert.Null(home.QuerySelector("#readiness-task")); // not the coach's business

        // The admin: the school at risk, with its reason, and the reviews against the district's target.
        home = await admin.GetDocumentAsync("/");
        var readiness = home.QuerySelector("#readiness-task")!;
        var atRisk = readiness.QuerySelector("li[data-school='washington-middle']")!;
        Assert.Contains("at risk", atRisk.TextContent);
        Assert.Contains("Washington", atRisk.TextContent);
        Assert.Null(readiness.QuerySelector("li[data-school='lincoln-elementary']")); // on track: not listed
        Assert.Matches(@"of \d+ waiting in all", home.QuerySelector("#overdue-reviews-task")!.TextContent);
        Assert.Null(home.QuerySelector("#review-queue-task"));

        // The state reviewer: applications waiting.
        var state = await (await site.SignedInClientAsync(DemoPeople.State)).GetDocumentAsync("/");
        Assert.NotNull(state.QuerySelector("#applications-task #applications-waiting"));
        Assert.Null(state.QuerySelector("#readiness-task"));

        // A visitor: what PLBadges is, how it works in three steps, and the pathways.
        var visitor = await site.CreateClient().GetDocumentAsync("/");
        Assert.Equal(3, visitor.QuerySelectorAll("#how-it-works ol > li").Length);
        Assert.NotEmpty(visitor.QuerySelectorAll("#pathways-showcase a[href^='/pathways/']"));
        Assert.Null(visitor.QuerySelector(".home-task"));

        // Coaching and Cohorts switched off: their contributions go with them; Evidence's stays.
        await site.ApplyRecipeAsync(WithoutCoachingAndCohorts);
        home = await coach.GetDocumentAsync("/");
        Assert.Null(home.QuerySelector("#coaching-week-task"));
        Assert.NotNull(home.QuerySelector("#review-queue-task"));
        home = await admin.GetDocumentAsync("/");
        Assert.Null(home.QuerySelector("#readiness-task"));
        Assert.NotNull(home.QuerySelector("#overdue-reviews-task"));

        await site.ApplyRecipeAsync(AllModules);
        Assert.NotNull((await admin.GetDocumentAsync("/")).QuerySelector("#readiness-task"));
    }
}

public sealed class HomeOnSqlite() : HomeTests("Sqlite");

public sealed class HomeOnPostgres() : HomeTests("Postgres");
