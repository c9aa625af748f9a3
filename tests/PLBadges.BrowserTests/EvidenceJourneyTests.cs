using System.Text.RegularExpressions;

namespace PLBadges.BrowserTests;

/// <summary>
/// The heart of the product in a real browser: a teacher builds a submission over two visits with
/// the keyboard alone, uploads a file and submits; a coach says "not yet"; the teacher revises and
/// resubmits; the coach passes it. axe-core checks each page on the way.
/// </summary>
public sealed class EvidenceJourneyTests(DemoSite site) : BrowserTest(site), IClassFixture<DemoSite>
{
    private const string Slug = "ef-self-monitoring";

    /// <summary>A 1×1 PNG: an image the coach sees in the page rather than as a download.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task A_teacher_submits_with_the_keyboard_a_coach_says_not_yet_then_passes_the_resubmission()
    {
        // Visit 1: start from the micro-credential's page and write the first answer.
        var teacher = await site.NewPageAsync(DemoPeople.Teacher2);
        await teacher.GotoAsync($"/micro-credentials/{Slug}");
        await TabToAsync(teacher, teacher.GetByRole(AriaRole.Button, new() { Name = "Start a submission" }));
        await teacher.Keyboard.PressAsync("Enter");
        await teacher.WaitForURLAsync(new Regex("/me/submissions/[0-9a-f-]{36}$"));
        var address = new Uri(teacher.Url).AbsolutePath;
        await TypeIntoAsync(teacher, "#answer-0-0", "A fourth grader with ADHD; on-task during writing is the need.");
        await Assertions.Expect(teacher.Locator("#save-state")).ToContainTextAsync("All changes saved");
        await teacher.AssertNoViolationsInLightAndDarkAsync("a submission, being worked on");
        await teacher.Context.CloseAsync();

        // Visit 2, another day: find it again, finish every part, upload, submit.
        teacher = await site.NewPageAsync(DemoPeople.Teacher2);
        await teacher.GotoAsync("/me/submissions");
        await teacher.AssertNoViolationsInLightAndDarkAsync("my submissions");
        await TabToAsync(teacher, teacher.GetByRole(AriaRole.Link, new() { Name = "Self-Monitoring: Checklists", Exact = false }).First);
        await teacher.Keyboard.PressAsync("Enter");
        await teacher.WaitForURLAsync(url => new Uri(url).AbsolutePath == address);
        await Assertions.Expect(teacher.Locator("#answer-0-0")).ToHaveValueAsync("A fourth grader with ADHD; on-task during writing is the need.");
        await Assertions.Expect(teacher.Locator(".progress")).ToContainTextAsync("0 of 3 parts complete");
        foreach (var field in new[] { "#answer-0-1", "#answer-0-2", "#answer-0-3", "#answer-2-0", "#answer-2-1", "#answer-2-2", "#answer-2-3" })
        {
            await TypeIntoAsync(teacher, field, $"Answer for {field}.");
        }

        await Assertions.Expect(teacher.Locator("#save-state")).ToContainTextAsync("All changes saved");
        await TabToAsync(teacher, teacher.Locator("#file-1"));
        var chooser = await teacher.RunAndWaitForFileChooserAsync(() => teacher.Keyboard.PressAsync("Space"));
        await chooser.SetFilesAsync(new FilePayload { Name = "self-monitoring-tool.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await TabToAsync(teacher, teacher.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }));
        await EnterAndWaitAsync(teacher);
        await Assertions.Expect(teacher.GetByRole(AriaRole.Status).First).ToContainTextAsync("“self-monitoring-tool.pdf” is added.");
        await teacher.Locator("#file-1").SetInputFilesAsync(new FilePayload { Name = "checklist-photo.png", MimeType = "image/png", Buffer = Png });
        await teacher.PressAndWaitForPageAsync("Upload");
        await Assertions.Expect(teacher.GetByRole(AriaRole.Status).First).ToContainTextAsync("“checklist-photo.png” is added.");
        await Assertions.Expect(teacher.Locator(".progress")).ToContainTextAsync("3 of 3 parts complete");
        await TabToAsync(teacher, teacher.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }));
        await EnterAndWaitAsync(teacher);
        await Assertions.Expect(teacher.GetByRole(AriaRole.Status).First).ToContainTextAsync("Submitted.");
        await teacher.Context.CloseAsync();

        // The coach claims it and scores one criterion "not yet".
        var coach = await site.NewPageAsync(DemoPeople.Coach);
        await coach.GotoAsync("/review");
        await coach.AssertNoViolationsInLightAndDarkAsync("review queue");
        await coach.GetByRole(AriaRole.Button, new() { Name = "Claim Self-Monitoring: Checklists", Exact = false }).First.ClickAsync();
        await coach.WaitForURLAsync(new Regex("/review/[0-9a-f-]{36}$"));
        await Assertions.Expect(coach.Locator(".review-evidence").First).ToContainTextAsync("A fourth grader with ADHD");
        // The photo shows in the page, loaded (not a broken image), while axe checks the scoring page.
        var preview = coach.Locator("img.evidence-preview");
        await Assertions.Expect(preview).ToHaveAttributeAsync("alt", "Image uploaded as evidence: checklist-photo.png");
        await preview.ScrollIntoViewIfNeededAsync();
        await coach.WaitForFunctionAsync("() => { const i = document.querySelector('img.evidence-preview'); return i && i.complete && i.naturalWidth > 0; }");
        await coach.AssertNoViolationsInLightAndDarkAsync("reviewing a submission, an image shown");
        await ScoreAsync(coach, notYet: true);
        await Assertions.Expect(coach.GetByRole(AriaRole.Status).First).ToContainTextAsync("Recorded: not yet.");
        await coach.Context.CloseAsync();

        // The teacher reads the feedback, revises one answer and resubmits.
        teacher = await site.NewPageAsync(DemoPeople.Teacher2);
        await teacher.GotoAsync(address);
        await Assertions.Expect(teacher.Locator(".feedback")).ToContainTextAsync("Add at least three baseline data points.");
        await teacher.AssertNoViolationsInLightAndDarkAsync("a submission with feedback");
        await TypeIntoAsync(teacher, "#answer-0-1", " Baseline: 3, 2 and 4 of 10 intervals.");
        await TabToAsync(teacher, teacher.GetByRole(AriaRole.Button, new() { Name = "Resubmit for review" }));
        await EnterAndWaitAsync(teacher);
        await Assertions.Expect(teacher.GetByRole(AriaRole.Status).First).ToContainTextAsync("Resubmitted.");
        await teacher.Context.CloseAsync();

        coach = await site.NewPageAsync(DemoPeople.Coach);
        await coach.GotoAsync("/review");
        await coach.GetByRole(AriaRole.Button, new() { Name = "Claim Self-Monitoring: Checklists", Exact = false }).First.ClickAsync();
        await coach.WaitForURLAsync(new Regex("/review/[0-9a-f-]{36}$"));
        await Assertions.Expect(coach.Locator(".review-evidence").First).ToContainTextAsync("Baseline: 3, 2 and 4");
        await ScoreAsync(coach, notYet: false);
        await Assertions.Expect(coach.GetByRole(AriaRole.Status).First).ToContainTextAsync("Recorded: pass.");
        await coach.Context.CloseAsync();

        teacher = await site.NewPageAsync(DemoPeople.Teacher2);
        await teacher.GotoAsync(address);
        await Assertions.Expect(teacher.Locator(".badge-pill").First).ToHaveTextAsync("Passed");
        await Assertions.Expect(teacher.GetByRole(AriaRole.Region, new() { Name = "Who has seen your evidence" })).ToContainTextAsync("Jordan Coach opened the evidence");
        await teacher.GotoAsync("/me/notifications");
        await Assertions.Expect(teacher.Locator("main")).ToContainTextAsync("passed. Read the feedback.");
        await teacher.AssertNoViolationsInLightAndDarkAsync("notifications");
        await teacher.Context.CloseAsync();
    }

    [Fact]
    public async Task Text_typed_while_the_network_is_down_is_kept_and_saved_when_it_returns()
    {
        var teacher = await site.NewPageAsync(DemoPeople.Teacher);
        try
        {
            await teacher.GotoAsync("/micro-credentials/udl-lesson-design");
            var start = teacher.GetByRole(AriaRole.Button, new() { Name = "Start a submission" });
            if (await start.CountAsync() > 0)
            {
                await start.ClickAsync();
            }
            else
            {
                await teacher.GetByRole(AriaRole.Link, new() { Name = "Continue your submission" }).ClickAsync();
            }

            await teacher.WaitForURLAsync(new Regex("/me/submissions/[0-9a-f-]{36}$"));
            await teacher.Context.SetOfflineAsync(true);
            await teacher.Locator("#answer-0-0").FillAsync("Written on the bus with no signal.");
            await Assertions.Expect(teacher.Locator("#save-state")).ToContainTextAsync("no connection");

            // The tab is reloaded while still offline... then the connection returns.
            await teacher.Context.SetOfflineAsync(false);
            await teacher.ReloadAsync();
            await Assertions.Expect(teacher.Locator("#answer-0-0")).ToHaveValueAsync("Written on the bus with no signal.");
            await Assertions.Expect(teacher.Locator("#save-state")).ToContainTextAsync("All changes saved");
            var fresh = await site.NewPageAsync(DemoPeople.Teacher);
            await fresh.GotoAsync(teacher.Url);
            await Assertions.Expect(fresh.Locator("#answer-0-0")).ToHaveValueAsync("Written on the bus with no signal.");
            await fresh.Context.CloseAsync();
        }
        finally
        {
            await teacher.Context.CloseAsync();
        }
    }

    /// <summary>Presses Enter on the focused button and waits for the page it leads to (after any redirect).</summary>
    private static async Task EnterAndWaitAsync(IPage page)
    {
        var response = await page.RunAndWaitForResponseAsync(
            () => page.Keyboard.PressAsync("Enter"),
            r => r.Request.IsNavigationRequest && r.Request.Frame == page.MainFrame && r.Status is < 300 or >= 400);
        Assert.True(response.Status < 400, $"Enter answered {response.Status} at {page.Url}.");
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>Presses Tab until the element has focus, as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, ILocator target, int limit = 150)
    {
        await Assertions.Expect(target).ToBeVisibleAsync();
        for (var i = 0; i < limit; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {target}.");
    }

    private static async Task TypeIntoAsync(IPage page, string selector, string text)
    {
        await TabToAsync(page, page.Locator(selector));
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Scores ef-self-monitoring's 10 criteria; with notYet, the first is "not yet" with a comment.</summary>
    private static async Task ScoreAsync(IPage coach, bool notYet)
    {
        var counts = new[] { 3, 4, 3 };
        for (var p = 0; p < counts.Length; p++)
        {
            for (var c = 0; c < counts[p]; c++)
            {
                var no = notYet && p == 0 && c == 0;
                await coach.Locator($"#met-{p}-{c}-{(no ? "no" : "yes")}").CheckAsync();
                if (no)
                {
                    await coach.Locator($"#comment-{p}-{c}").FillAsync("Add at least three baseline data points.");
                }
            }
        }

        await coach.GetByLabel("Feedback (the teacher reads this with your scores)").FillAsync(notYet ? "A strong tool; the baseline needs more data." : "Clear and complete. Well done.");
        // The running tally follows the radios (review-tally.js).
        await Assertions.Expect(coach.Locator("#review-tally")).ToHaveTextAsync(notYet ? "9 met, 1 not yet, 0 to score." : "10 met, 0 not yet, 0 to score.");
        if (!notYet)
        {
            // Without the box ticked the pass is refused at the box, the scores and feedback kept: axe checks that page too.
            Assert.Equal(422, (await coach.PressAndWaitForPageAsync("Record decision")).Status);
            await Assertions.Expect(coach.Locator(".error-summary")).ToContainTextAsync("Confirm the pass first");
            await Assertions.Expect(coach.GetByLabel("Feedback (the teacher reads this with your scores)")).ToHaveValueAsync("Clear and complete. Well done.");
            await coach.AssertNoViolationsInLightAndDarkAsync("a refused pass, the confirmation not ticked");
            await coach.Locator("#confirm-pass").CheckAsync(); // a pass issues a signed badge: the coach confirms it
        }

        await coach.PressAndWaitForPageAsync("Record decision");
    }
}
