namespace PLBadges.Abstractions.Display;

/// <summary>Markdown written by people (agendas, content) as safe HTML: no raw HTML, no script, no javascript: links.</summary>
public interface IMarkdownRenderer
{
    string ToHtml(string? markdown);

    /// <summary>The same, its headings moved down so the first level is <paramref name="topLevel"/> (2 to 6): Markdown placed under a page's own headings keeps their order.</summary>
    string ToHtml(string? markdown, int topLevel);
}
