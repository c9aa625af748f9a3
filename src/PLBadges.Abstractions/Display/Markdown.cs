namespace PLBadges.Abstractions.Display;

/// <summary>Markdown written by people (agendas, content) as safe HTML: no raw HTML, no script, no javascript: links.</summary>
public interface IMarkdownRenderer
{
    string ToHtml(string? markdown);
}
