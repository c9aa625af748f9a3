using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PLBadges.Abstractions.Display;

/// <summary>What a message or a status means, which sets its color; the words always say it too.</summary>
public enum Tone
{
    Neutral,
    Info,
    Success,
    Warning,
    Error,
}

/// <summary>
/// &lt;alert tone="Success" title="Saved"&gt;…&lt;/alert&gt;: a message about the page or what just
/// happened. Success and information are announced politely (role="status"); a warning or an error at
/// once (role="alert"). Put it next to what it is about.
/// </summary>
[HtmlTargetElement("alert")]
public sealed class AlertTagHelper : TagHelper
{
    public Tone Tone { get; set; } = Tone.Info;

    /// <summary>A short heading in bold, optional.</summary>
    public string? Title { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.AddClass("alert", HtmlEncoder.Default);
        output.AddClass("alert-" + (Tone == Tone.Neutral ? "info" : Tone.ToString().ToLowerInvariant()), HtmlEncoder.Default);
        if (!output.Attributes.ContainsName("role"))
        {
            output.Attributes.SetAttribute("role", Tone is Tone.Error or Tone.Warning ? "alert" : "status");
        }

        if (!string.IsNullOrWhiteSpace(Title))
        {
            var title = new TagBuilder("strong");
            title.AddCssClass("alert-title");
            title.InnerHtml.Append(Title);
            output.PreContent.AppendHtml(title);
        }
    }
}

/// <summary>&lt;status-tag tone="Success"&gt;Passed&lt;/status-tag&gt;: a short status in a colored label.</summary>
[HtmlTargetElement("status-tag")]
public sealed class StatusTagTagHelper : TagHelper
{
    public Tone Tone { get; set; } = Tone.Neutral;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "strong";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.AddClass("tag", HtmlEncoder.Default);
        output.AddClass("tag-" + (Tone == Tone.Error ? "danger" : Tone.ToString().ToLowerInvariant()), HtmlEncoder.Default);
    }
}

/// <summary>The states a <see cref="SealTagHelper"/> shows.</summary>
public enum SealStatus
{
    Valid,
    Expired,
    Revoked,
    Pending,
}

/// <summary>
/// &lt;status-seal status="Valid" title="Valid credential"&gt;Issued by …&lt;/status-seal&gt;: the
/// state of a credential as a seal: an icon for the eye, the title in words for everyone, then the
/// details (who issued it, when it expired, why it was revoked).
/// </summary>
[HtmlTargetElement("status-seal", Attributes = "status")]
public sealed class SealTagHelper : TagHelper
{
    public SealStatus Status { get; set; }

    /// <summary>What the seal says in bold; the status's own name when empty.</summary>
    public string? Title { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var body = await output.GetChildContentAsync();
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.AddClass("seal", HtmlEncoder.Default);
        output.AddClass("seal-" + Status.ToString().ToLowerInvariant(), HtmlEncoder.Default);
        var path = Status switch
        {
            SealStatus.Valid => "m12 20.5 5.5 5.5 10.5-11",
            SealStatus.Expired => "M20 11v9.5l6 3.5",
            SealStatus.Revoked => "m14 14 12 12m0-12L14 26",
            _ => "M13 20h.01M20 20h.01M27 20h.01",
        };
        output.PreContent.AppendHtml(
            $"<svg class=\"seal-icon\" viewBox=\"0 0 40 40\" width=\"40\" height=\"40\" aria-hidden=\"true\" focusable=\"false\"><circle cx=\"20\" cy=\"20\" r=\"20\"/><path d=\"{path}\"/></svg>");
        var inner = new TagBuilder("div");
        inner.AddCssClass("seal-body");
        var title = new TagBuilder("strong");
        title.AddCssClass("seal-title");
        title.InnerHtml.Append(string.IsNullOrWhiteSpace(Title) ? Status.ToString() : Title);
        inner.InnerHtml.AppendHtml(title);
        inner.InnerHtml.AppendHtml(body);
        output.Content.SetHtmlContent(inner);
    }
}

/// <summary>
/// &lt;empty-state title="No submissions yet" action-text="Browse the pathways" action-href="/pathways"&gt;…&lt;/empty-state&gt;:
/// what a list would show, why it is empty, and the one thing to do next.
/// </summary>
[HtmlTargetElement("empty-state", Attributes = "title")]
public sealed class EmptyStateTagHelper : TagHelper
{
    public string Title { get; set; } = "";

    /// <summary>The heading level of the title (2 to 4); without it the title is a bold paragraph.</summary>
    public int? Level { get; set; }

    public string? ActionText { get; set; }

    public string? ActionHref { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.AddClass("empty-state", HtmlEncoder.Default);
        var title = new TagBuilder(Level is >= 2 and <= 4 ? "h" + Level : "p");
        title.AddCssClass("empty-state-title");
        title.InnerHtml.Append(Title);
        output.PreContent.AppendHtml(title);
        if (!string.IsNullOrWhiteSpace(ActionText) && !string.IsNullOrWhiteSpace(ActionHref))
        {
            var action = new TagBuilder("a");
            action.AddCssClass("button");
            action.Attributes["href"] = ActionHref;
            action.InnerHtml.Append(ActionText);
            var paragraph = new TagBuilder("p");
            paragraph.InnerHtml.AppendHtml(action);
            output.PostContent.AppendHtml(paragraph);
        }
    }
}

/// <summary>
/// &lt;tabs label="Reports"&gt;&lt;tab id="week" title="This week"&gt;…&lt;/tab&gt;…&lt;/tabs&gt;: panels of one page
/// behind tabs. Without script a list of links to the sections, one under another; the theme's
/// script turns the links into a tab list (arrow keys move between tabs).
/// </summary>
[HtmlTargetElement("tabs")]
public sealed class TabsTagHelper : TagHelper
{
    /// <summary>Names the tab list for a screen reader.</summary>
    public string Label { get; set; } = "Sections";

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var tabs = new List<(string Id, string Title)>();
        context.Items[typeof(TabsTagHelper)] = tabs;
        await output.GetChildContentAsync();
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.AddClass("tabs", HtmlEncoder.Default);
        output.Attributes.SetAttribute("data-tabs", "");
        var list = new TagBuilder("ul");
        list.AddCssClass("tabs-list");
        list.Attributes["aria-label"] = Label;
        foreach (var (id, title) in tabs)
        {
            var link = new TagBuilder("a");
            link.Attributes["href"] = "#" + id;
            link.InnerHtml.Append(title);
            var item = new TagBuilder("li");
            item.InnerHtml.AppendHtml(link);
            list.InnerHtml.AppendHtml(item);
        }

        output.PreContent.AppendHtml(list);
    }
}

/// <summary>One panel of a &lt;tabs&gt;: its id (the link's target) and the tab's title.</summary>
[HtmlTargetElement("tab", ParentTag = "tabs", Attributes = "id,title")]
public sealed class TabTagHelper : TagHelper
{
    public string Id { get; set; } = "";

    public string Title { get; set; } = "";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (context.Items[typeof(TabsTagHelper)] is List<(string Id, string Title)> tabs)
        {
            tabs.Add((Id, Title));
        }

        output.TagName = "section";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.AddClass("tabs-panel", HtmlEncoder.Default);
        output.Attributes.SetAttribute("id", Id);
        output.Attributes.SetAttribute("aria-label", Title);
    }
}
