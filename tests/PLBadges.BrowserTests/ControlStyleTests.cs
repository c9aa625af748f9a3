namespace PLBadges.BrowserTests;

/// <summary>
/// Every form control is styled by the design system, on the style guide and on a sample of real pages,
/// at phone size: text at 16 px or more (no zoom on focus), targets of 24 px or more, checkboxes and
/// radios beside their labels, a proportional font for answers, no list bullets beside cards.
/// </summary>
public sealed class ControlStyleTests(DemoSite site) : BrowserTest(site), IClassFixture<DemoSite>
{
    private const string Visitor = "visitor";

    /// <summary>Pages with every kind of control among them: inputs with and without a type, selects, text areas, checkboxes, radios, files.</summary>
    public static TheoryData<string, string> Pages => new()
    {
        { "/styleguide", DemoPeople.Platform },
        { "/account/signin", Visitor },
        { "/me/credentials", DemoPeople.Teacher },
        { "/me/coaching", DemoPeople.Teacher },
        { "/me/recognition", DemoPeople.Teacher2 },
        { "/me/waves", DemoPeople.Teacher2 },
        { "/coaching/new", DemoPeople.Coach },
        { "/coaching/schedules", DemoPeople.Leader },
        { "/district/cohorts", DemoPeople.Admin },
        { "/district/people/invite", DemoPeople.Admin },
        { "/district/review", DemoPeople.Admin },
        { "/resources", Visitor },
    };

    private const string Check = """
        () => {
          const problems = [];
          const visible = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
          const name = e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.getAttribute('type') ? '[type=' + e.getAttribute('type') + ']' : ''}${e.getAttribute('name') ? '[name=' + e.getAttribute('name') + ']' : ''}`;
          let controls = 0;
          for (const e of document.querySelectorAll('main input, main select, main textarea, main button, header button')) {
            const type = (e.getAttribute('type') || '').toLowerCase();
            if (type === 'hidden' || !visible(e)) continue;
            controls++;
            const s = getComputedStyle(e), r = e.getBoundingClientRect();
            if (type === 'checkbox' || type === 'radio') {
              if (r.width < 24 || r.height < 24) problems.push(`${name(e)} is ${Math.round(r.width)}x${Math.round(r.height)} px, under 24 px`);
              const label = e.id && document.querySelector(`label[for="${e.id}"]`);
              if (label && visible(label)) {
                const l = label.getBoundingClientRect();
                if (l.left < r.right || l.top > r.bottom) problems.push(`${name(e)}: its label is not beside it`);
              }
              continue;
            }
            if (parseFloat(s.fontSize) < 16) problems.push(`${name(e)}: ${s.fontSize} text, under 16 px`);
            if (r.height < 24) problems.push(`${name(e)} is ${Math.round(r.height)} px tall, under 24 px`);
            if (e.tagName === 'BUTTON' || type === 'file') continue;
            if (parseFloat(s.paddingLeft) < 6 || s.borderTopStyle !== 'solid') problems.push(`${name(e)} is unstyled (padding ${s.paddingLeft}, border ${s.borderTopStyle})`);
            if (e.tagName === 'TEXTAREA' && /mono/i.test(s.fontFamily) && !e.closest('.editor')) problems.push(`${name(e)}: answers in a monospace font`);
          }
          for (const card of document.querySelectorAll('li.card')) {
            if (getComputedStyle(card).listStyleType !== 'none') problems.push(`a card in a list shows a bullet: ${card.textContent.trim().slice(0, 60)}`);
          }
          return { controls, problems };
        }
        """;

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_form_control_is_styled_at_phone_size(string path, string person)
    {
        var page = await site.NewPageAsync(person == Visitor ? null : person, width: 390, height: 844);
        try
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response?.Status);
            await page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true }).ClickAsync(); // the header's own controls too
            var result = await page.EvaluateAsync<CheckResult>(Check);
            Assert.True(result.Controls > 1, $"{path}: only {result.Controls} visible controls were checked.");
            Assert.True(result.Problems.Length == 0, $"{path}:\n- " + string.Join("\n- ", result.Problems));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>What the check script returns (Playwright fills it by its properties).</summary>
    private sealed class CheckResult
    {
        public int Controls { get; set; }

        public string[] Problems { get; set; } = [];
    }
}
