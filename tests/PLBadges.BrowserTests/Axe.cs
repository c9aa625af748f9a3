using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace PLBadges.BrowserTests;

public static class Axe
{
    /// <summary>
    /// Runs axe-core on the page as it is now, in the light and then the dark color scheme (the same
    /// page state, so a form posted once is checked twice), and fails with every violation of both:
    /// rule, impact, and each element's selector.
    /// </summary>
    public static async Task AssertNoViolationsInLightAndDarkAsync(this IPage page, string what)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        var report = new List<string>();
        var backgrounds = new List<string>();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await page.EmulateMediaAsync(new() { ColorScheme = scheme });
            backgrounds.Add(await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
            var result = await page.RunAxe();
            if (result.Violations.Length > 0)
            {
                report.Add(Describe($"{what}, {scheme.ToString().ToLowerInvariant()} color scheme", page.Url, result.Violations));
            }
        }

        // Without this, a missing style sheet would make the dark run a second light run.
        Assert.True(backgrounds[0] != backgrounds[1], $"The dark color scheme did not change the page's background ({backgrounds[0]}) on {what} ({page.Url}): is the theme's site.css loaded?");
        if (report.Count > 0)
        {
            Assert.Fail(string.Join("\n\n", report));
        }
    }

    /// <summary>Runs axe-core on the page as it is now in one color scheme, and fails with every violation.</summary>
    public static async Task AssertNoViolationsAsync(this IPage page, string what, ColorScheme scheme)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.EmulateMediaAsync(new() { ColorScheme = scheme });
        var result = await page.RunAxe();
        if (result.Violations.Length > 0)
        {
            Assert.Fail(Describe($"{what}, {scheme.ToString().ToLowerInvariant()} color scheme", page.Url, result.Violations));
        }
    }

    public static string Describe(string what, string url, IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder($"axe-core found violations on {what} ({url}):");
        foreach (var violation in violations)
        {
            text.Append($"\n- {violation.Id} [{violation.Impact}] {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes)
            {
                text.Append($"\n    target: {node.Target}\n    html: {node.Html}");
                var why = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message).Where(m => !string.IsNullOrWhiteSpace(m));
                foreach (var message in why)
                {
                    text.Append($"\n    why: {message}");
                }
            }
        }

        return text.ToString();
    }
}
