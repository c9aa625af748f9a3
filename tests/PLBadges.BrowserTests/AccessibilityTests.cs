using System.Text;

namespace PLBadges.BrowserTests;

/// <summary>axe-core finds no violations on any page of the foundation, in the light and the dark colour scheme.</summary>
public sealed class AccessibilityTests(DemoSite site) : BrowserTest(site), IClassFixture<DemoSite>
{
    /// <summary>A page in a given state: who is signed in (if anyone), and how to get there.</summary>
    private sealed record Scenario(string? SignedInAs, Func<IPage, Task> Reach);

    private static readonly string SomePerson = Guid.NewGuid().ToString();

    private static readonly Dictionary<string, Scenario> Scenarios = new()
    {
        ["home"] = new(null, page => Go(page, "/")),
        ["home, signed in as district admin"] = new(DemoPeople.Admin, page => Go(page, "/")),
        ["home, signed in as coach"] = new(DemoPeople.Coach, page => Go(page, "/")),
        ["home, signed in as school leader"] = new(DemoPeople.Leader, page => Go(page, "/")),
        ["home, signed in as state reviewer"] = new(DemoPeople.State, page => Go(page, "/")),
        ["people, the District menu open"] = new(DemoPeople.Admin, async page =>
        {
            await Go(page, "/district/people");
            await page.OpenSectionAsync("District");
        }),
        ["home, the account menu open"] = new(DemoPeople.Teacher, async page =>
        {
            await Go(page, "/");
            await page.Nav("Account").Locator("button[aria-expanded]").ClickAsync();
        }),
        ["the style guide"] = new(DemoPeople.Platform, page => Go(page, "/styleguide")),
        ["sign in"] = new(null, page => Go(page, "/account/signin")),
        ["sign in, after a failed attempt"] = new(null, async page =>
        {
            await Go(page, "/account/signin");
            await page.GetByLabel("Email", new() { Exact = true }).FillAsync(DemoPeople.Teacher);
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not-the-password");
            await Submit(page, "Sign in");
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).Not.ToBeEmptyAsync();
        }),
        ["forgot password"] = new(null, page => Go(page, "/account/forgot-password")),
        ["forgot password, after submitting"] = new(null, async page =>
        {
            await Go(page, "/account/forgot-password");
            await page.GetByLabel("Email", new() { Exact = true }).FillAsync(DemoPeople.Teacher);
            await Submit(page, "Email me a link");
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("If an account uses that address");
        }),
        ["reset password"] = new(null, page => Go(page, $"/account/reset-password?person={SomePerson}&token=x")),
        ["accept invite"] = new(null, page => Go(page, $"/account/accept-invite?person={SomePerson}&token=x")),
        ["confirm email"] = new(null, page => Go(page, $"/account/confirm-email?person={SomePerson}&token=x")),
        ["error 404"] = new(null, async page =>
        {
            await Go(page, "/error?code=404", expectedStatus: 404);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        }),
        ["my profile"] = new(DemoPeople.Teacher, page => Go(page, "/me")),
        ["allow an app"] = new(DemoPeople.Teacher, page => Go(page, "/connect/authorize?client_id=demo-partner-app&response_type=code&scope=openid%20transcript:read"
            + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A7891%2Fcallback&code_challenge_method=S256&code_challenge="
            + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("verifier"u8.ToArray())).TrimEnd('=').Replace('+', '-').Replace('/', '_'))),
        ["schools"] = new(DemoPeople.Admin, page => Go(page, "/district/schools")),
        ["add a school"] = new(DemoPeople.Admin, page => Go(page, "/district/schools/edit")),
        ["people"] = new(DemoPeople.Admin, page => Go(page, "/district/people")),
        ["invite a person"] = new(DemoPeople.Admin, page => Go(page, "/district/people/invite")),
        ["a person"] = new(DemoPeople.Admin, async page =>
        {
            await Go(page, "/district/people");
            await page.GetByRole(AriaRole.Link, new() { Name = "Maya Teacher", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/district/people/[0-9a-f-]{36}$"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Maya Teacher");
        }),
        ["roster import"] = new(DemoPeople.Admin, page => Go(page, "/district/roster")),
        ["roster import, with a report"] = new(DemoPeople.Admin, async page =>
        {
            await Go(page, "/district/roster");
            var email = $"new.teacher.{Guid.NewGuid():N}@demo.plbadges.test";
            var csv = $"school,name,email,role\nlincoln-elementary,New Teacher,{email},Teacher\nlincoln-elementary,Bad Row,not-an-email,Teacher\n";
            await page.GetByLabel("Roster file").SetInputFilesAsync(new FilePayload { Name = "roster.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
            await page.GetByLabel("Email an invitation to each new person").UncheckAsync();
            await Submit(page, "Preview");
            var report = page.GetByRole(AriaRole.Table, new() { Name = "Row by row" });
            await Assertions.Expect(report.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
            await Assertions.Expect(report).ToContainTextAsync("Added");
            await Assertions.Expect(report).ToContainTextAsync("Refused");
        }),
        ["roster sync"] = new(DemoPeople.Admin, page => Go(page, "/district/roster/sync")),
        ["roster sync, refused"] = new(DemoPeople.Admin, async page =>
        {
            await Go(page, "/district/roster/sync");
            await page.GetByLabel("Server", new() { Exact = true }).FillAsync("sftp.riverbend.example");
            await page.GetByLabel("User name").FillAsync("plbadges");
            await page.GetByLabel("Path of the file on the server").FillAsync("/outbox/oneroster.zip");
            await page.GetByLabel("Server's host key fingerprint (SHA256)").FillAsync("not a fingerprint");
            Assert.Equal(422, (await page.PressAndWaitForPageAsync("Save the sync settings")).Status); // refused: the page again, with the reason
            await Assertions.Expect(page.Locator("[data-valmsg-for=HostKeyFingerprint]")).ToContainTextAsync("host key fingerprint");
        }),
        ["email templates"] = new(DemoPeople.Admin, page => Go(page, "/district/templates")),
        ["edit an email template"] = new(DemoPeople.Admin, page => Go(page, "/district/templates/edit?name=identity.invite")),
        ["edit an email template, with a preview"] = new(DemoPeople.Admin, async page =>
        {
            await Go(page, "/district/templates/edit?name=identity.invite");
            await Submit(page, "Preview");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preview with sample values" })).ToBeVisibleAsync();
        }),
        ["organizations"] = new(DemoPeople.Platform, page => Go(page, "/admin/organizations")),
        ["pathways"] = new(null, page => Go(page, "/pathways")),
        ["a pathway"] = new(null, page => Go(page, "/pathways/executive-functioning")),
        ["a pathway, with the teacher's progress"] = new(DemoPeople.Teacher, async page =>
        {
            await Go(page, "/pathways/executive-functioning");
            await Assertions.Expect(page.Locator("#pathway-progress")).ToBeVisibleAsync();
        }),
        ["a micro-credential"] = new(null, page => Go(page, "/micro-credentials/udl-engagement")),
        ["a micro-credential, signed in as a teacher"] = new(DemoPeople.Teacher, page => Go(page, "/micro-credentials/sa-student-led-iep")),
        ["resource bank"] = new(null, page => Go(page, "/resources")),
        ["offered pathways"] = new(DemoPeople.Admin, page => Go(page, "/district/pathways")),
        ["authoring"] = new(DemoPeople.Platform, page => Go(page, "/authoring")),
        ["authoring, a new pathway"] = new(DemoPeople.Admin, page => Go(page, "/authoring/pathways")),
        ["authoring, a new micro-credential"] = new(DemoPeople.Platform, page => Go(page, "/authoring/micro-credentials/new?pathway=self-advocacy")),
        ["add a resource"] = new(DemoPeople.Admin, page => Go(page, "/resources/new")),
        ["authoring, a micro-credential with its preview"] = new(DemoPeople.Platform, async page =>
        {
            await Go(page, "/authoring/micro-credentials/mtss-collaborative-data-teams");
            await Submit(page, "Preview");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preview", Exact = true })).ToBeVisibleAsync();
        }),
        ["my submissions, none yet"] = new(DemoPeople.Leader, page => Go(page, "/me/submissions")),
        ["review queue, empty"] = new(DemoPeople.OtherCoach, page => Go(page, "/review")),
        ["district review report"] = new(DemoPeople.Admin, page => Go(page, "/district/review")),
        ["review rules"] = new(DemoPeople.Admin, page => Go(page, "/district/review/settings")),
        ["review rules, refused"] = new(DemoPeople.Admin, async page =>
        {
            await Go(page, "/district/review/settings");
            await page.GetByLabel("Attempts allowed").FillAsync("0");
            await Submit(page, "Save rules");
            await Assertions.Expect(page.Locator(".error-text").First).ToContainTextAsync("between 1 and 10");
        }),
        ["notifications, none"] = new(DemoPeople.State, page => Go(page, "/me/notifications")),
        ["resource bank, searched and filtered"] = new(DemoPeople.Coach, page => Go(page, "/resources?q=monitoring&grade=3-5")),
        ["verify, empty"] = new(null, page => Go(page, "/verify")),
        ["verify, a pasted mistake"] = new(null, async page =>
        {
            await Go(page, "/verify");
            await page.GetByLabel("Or paste the credential").FillAsync("not a credential");
            await Submit(page, "Verify");
            await Assertions.Expect(page.Locator("#result-heading")).ToHaveTextAsync("Not valid");
        }),
        ["transcript"] = new(DemoPeople.Teacher, page => Go(page, "/me/credentials/transcript")), // Recognition's, where this address leads
        ["my credentials, none yet"] = new(DemoPeople.Teacher2, page => Go(page, "/me/credentials")),
        ["delete a draft, asking first"] = new(DemoPeople.Teacher2, async page =>
        {
            await Go(page, "/micro-credentials/ef-self-monitoring");
            await page.GetByRole(AriaRole.Button, new() { Name = "Start a submission" }).ClickAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/me/submissions/[0-9a-f-]{36}$"));
            await Submit(page, "Delete this draft and its files…");
            await Assertions.Expect(page.Locator("#confirm-delete")).ToContainTextAsync("It cannot be undone.");
        }),
        ["coaching caseload"] = new(DemoPeople.Coach, page => Go(page, "/coaching")),
        ["start a coaching cycle"] = new(DemoPeople.Coach, page => Go(page, "/coaching/new")),
        ["start a coaching cycle, at a school"] = new(DemoPeople.Coach, async page =>
        {
            await Go(page, "/coaching/new");
            await Submit(page, "Choose teachers");
            await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Teacher or teachers") })).ToBeVisibleAsync();
        }),
        ["a coaching cycle, refused time"] = new(DemoPeople.Coach, async page =>
        {
            await Go(page, "/coaching");
            await page.GetByRole(AriaRole.Table, new() { Name = "Your cycles" }).GetByRole(AriaRole.Link).First.ClickAsync();
            await page.GetByText("Enter a time yourself").ClickAsync();
            await page.GetByLabel("Date").First.FillAsync("2020-01-06");
            await page.GetByLabel("Starts (school time)").FillAsync("09:50");
            await page.GetByLabel("Ends (school time)").FillAsync("10:20");
            await page.GetByRole(AriaRole.Button, new() { Name = "Schedule this time" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("already passed");
        }),
        ["my coaching"] = new(DemoPeople.Teacher, page => Go(page, "/me/coaching")),
        ["my coaching, none yet"] = new(DemoPeople.Teacher2, page => Go(page, "/me/coaching")),
        ["calendar and reminders, with a new feed"] = new(DemoPeople.Teacher2, async page =>
        {
            await Go(page, "/me/calendar");
            await Submit(page, "Turn on my calendar feed");
            await Assertions.Expect(page.GetByLabel("Feed address")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/calendar/.+\\.ics$"));
        }),
        ["coaching report"] = new(DemoPeople.Admin, page => Go(page, "/coaching/report")),
        ["bell schedules"] = new(DemoPeople.Leader, page => Go(page, "/coaching/schedules")),
        ["rollout readiness"] = new(DemoPeople.Admin, page => Go(page, "/district/readiness")),
        ["rollout readiness, one school"] = new(DemoPeople.Leader, page => Go(page, "/district/readiness")),
        ["a school's readiness, how it is decided opened"] = new(DemoPeople.Admin, async page =>
        {
            await Go(page, "/district/readiness");
            await page.Locator("#readiness-summary").GetByRole(AriaRole.Link, new() { Name = "Washington Middle School" }).ClickAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/district/readiness/schools/[0-9a-f-]{36}$"));
            await page.Locator("#how-decided summary").ClickAsync();
            await Assertions.Expect(page.Locator("#how-decided")).ToContainTextAsync("At risk:");
        }),
        ["a school's readiness, its leader"] = new(DemoPeople.Leader, async page =>
        {
            await Go(page, "/district/readiness");
            await page.Locator("#readiness-summary").GetByRole(AriaRole.Link, new() { Name = "Lincoln Elementary School" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Readiness: Lincoln Elementary School");
        }),
        ["my academy, a member"] = new(DemoPeople.Teacher, page => Go(page, "/me/academy")),
        ["my academy, the facilitator"] = new(DemoPeople.LeadCoach, page => Go(page, "/me/academy")),
        ["my academy, none"] = new(DemoPeople.State, page => Go(page, "/me/academy")),
        ["academies, a refused name"] = new(DemoPeople.Admin, async page =>
        {
            await Go(page, "/district/cohorts");
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Riverbend Personalized Learning Academy");
            await page.GetByLabel("Program year").FillAsync("2026–27");
            await page.GetByRole(AriaRole.Button, new() { Name = "Start the academy" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("already has an academy");
        }),
        ["waves, with a school's placement"] = new(DemoPeople.Admin, async page =>
        {
            await Go(page, "/district/waves");
            await page.GetByLabel("School", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Lincoln Elementary School" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Show its teachers" }).ClickAsync();
            await Assertions.Expect(page.Locator("#placements")).ToContainTextAsync("Maya Teacher");
        }),
        ["a wave"] = new(DemoPeople.Admin, async page =>
        {
            await Go(page, "/district/waves");
            await page.GetByRole(AriaRole.Link, new() { Name = "Wave 1: Early adopters" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Wave 1: Early adopters");
        }),
        ["roadmap"] = new(DemoPeople.Admin, page => Go(page, "/district/roadmap")),
        ["roadmap, a milestone opened"] = new(DemoPeople.Admin, async page =>
        {
            await Go(page, "/district/roadmap");
            await page.Locator("summary", new() { HasText = "Professional learning plan" }).First.ClickAsync();
            await Assertions.Expect(page.Locator("details[open]").GetByLabel("Owner")).ToBeVisibleAsync();
        }),
        ["my learning wave"] = new(DemoPeople.Teacher, page => Go(page, "/me/waves")),
        ["my learning wave, a refused answer"] = new(DemoPeople.Teacher2, async page =>
        {
            await Go(page, "/me/waves");
            await page.GetByLabel("Your learning goal for this year").FillAsync(" ");
            await page.EvaluateAsync("document.querySelectorAll('form').forEach(f => f.noValidate = true)");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save my answers" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("learning goal");
        }),
        ["recognition, a refused educator number"] = new(DemoPeople.Teacher2, async page =>
        {
            await Go(page, "/me/recognition");
            await page.GetByLabel("Educator number").FillAsync("12345");
            await page.GetByLabel("License first issued on").FillAsync("2019-08-15");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save my number" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("DS and six digits");
        }),
        ["the state dashboard"] = new(DemoPeople.State, page => Go(page, "/state")),
        ["recognition programs, a new version opened"] = new(DemoPeople.State, async page =>
        {
            await Go(page, "/state/programs");
            await page.Locator("summary", new() { HasText = "New version of the rules" }).First.ClickAsync();
            await Assertions.Expect(page.Locator("details[open]").GetByLabel("In effect from")).ToBeVisibleAsync();
        }),
        ["endorsements, a micro-credential's rubric opened"] = new(DemoPeople.State, async page =>
        {
            await Go(page, "/state/endorsements");
            await page.Locator("summary", new() { HasText = "Competency, evidence and rubric" }).First.ClickAsync();
            await Assertions.Expect(page.Locator("details[open]")).ToContainTextAsync("Rubric");
        }),
        ["the licensure connection"] = new(DemoPeople.State, page => Go(page, "/state/licensure")),
        ["the district's recognition applications"] = new(DemoPeople.Admin, page => Go(page, "/recognition/applications")),
        ["the demo academy"] = new(DemoPeople.Admin, async page =>
        {
            await Go(page, "/district/cohorts");
            await page.GetByRole(AriaRole.Link, new() { Name = "Riverbend Personalized Learning Academy" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Riverbend Personalized Learning Academy");
        }),
    };

    public static TheoryData<string> Pages => new(Scenarios.Keys);

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_has_no_axe_violations_in_light_or_dark(string scenario)
    {
        await RecognitionJourneyTests.SettleAsync(site.Site); // as the site's own jobs would have: the demo's endorsements and waiting application
        var (signedInAs, reach) = Scenarios[scenario];
        var page = await site.NewPageAsync(signedInAs);
        try
        {
            await reach(page);
            await page.AssertNoViolationsInLightAndDarkAsync(scenario);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>At phone size, in the light scheme: the style guide, and a page with the menu open.</summary>
    [Theory]
    [InlineData("/styleguide", DemoPeople.Platform, false)]
    [InlineData("/district/people", DemoPeople.Admin, true)]
    public async Task At_phone_size_the_style_guide_and_the_open_menu_have_no_axe_violations(string path, string person, bool openMenu)
    {
        var page = await site.NewPageAsync(person, width: 390, height: 844);
        try
        {
            await Go(page, path);
            if (openMenu)
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true }).ClickAsync();
                await Assertions.Expect(page.Nav("Main")).ToBeVisibleAsync();
            }

            await page.AssertNoViolationsAsync($"{path} at 390 px{(openMenu ? ", menu open" : "")}", ColorScheme.Light);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Presses a form's button and fails at once, naming the page's heading, when the answer is an error.</summary>
    private static async Task Submit(IPage page, string button)
    {
        var response = await page.PressAndWaitForPageAsync(button);
        if (response.Status >= 400)
        {
            var heading = await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First.InnerTextAsync();
            Assert.Fail($"Pressing \"{button}\" answered {response.Status} (\"{heading}\") at {page.Url}.");
        }
    }

    /// <summary>Opens a path and insists on its status (200 unless told): axe on an unexpected error page would prove nothing.</summary>
    private static async Task Go(IPage page, string path, int expectedStatus = 200)
    {
        var response = await page.GotoAsync(path);
        Assert.NotNull(response);
        Assert.True(response.Status == expectedStatus, $"GET {path} answered {response.Status}, not {expectedStatus}, at {page.Url}.");
    }
}
