using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PLBadges.Abstractions.Display;

/// <summary>
/// &lt;error-summary /&gt; (or &lt;error-summary model-only /&gt;): GOV.UK's error summary. "There is a
/// problem", then each message, linked to its field when it has one (the field shows the message
/// again: see <see cref="FieldErrorTagHelper"/>); nothing when the form has no errors. The theme's
/// script moves the focus to it when the page loads, so it is read first. It replaces
/// asp-validation-summary, which writes an empty <c>&lt;li style="display:none"&gt;</c> that the
/// site's Content Security Policy blocks.
/// </summary>
[HtmlTargetElement("error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ErrorSummaryTagHelper : TagHelper
{
    /// <summary>Only the errors that belong to no field (the key "").</summary>
    [HtmlAttributeName("model-only")]
    public bool ModelOnly { get; set; }

    /// <summary>A sentence after the reasons, such as "Nothing was changed.", for pages whose every refusal leaves everything as it was.</summary>
    [HtmlAttributeName("then")]
    public string? Then { get; set; }

    /// <summary>Leave the focus where it is when the page loads (the style guide's example).</summary>
    [HtmlAttributeName("no-focus")]
    public bool NoFocus { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var state = ViewContext.ViewData.ModelState;
        var messages = state
            .Where(entry => !ModelOnly || entry.Key.Length == 0)
            .SelectMany(entry => entry.Value!.Errors.Select(error => (Field: entry.Key, Message: error.ErrorMessage)))
            .Where(error => !string.IsNullOrEmpty(error.Message))
            .DistinctBy(error => error.Message)
            .ToList();
        if (messages.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "error-summary validation-summary-errors");
        output.Attributes.SetAttribute("role", "alert");
        output.Attributes.SetAttribute("tabindex", "-1");
        output.Attributes.SetAttribute("aria-labelledby", "error-summary-title");
        output.Attributes.SetAttribute("data-error-summary", "");
        if (NoFocus)
        {
            output.Attributes.SetAttribute("data-no-focus", "");
        }

        var title = new TagBuilder("h2");
        title.AddCssClass("error-summary-title");
        title.Attributes["id"] = "error-summary-title";
        title.InnerHtml.Append("There is a problem");
        var list = new TagBuilder("ul");
        foreach (var (field, message) in messages)
        {
            var item = new TagBuilder("li");
            if (field.Length == 0)
            {
                item.InnerHtml.Append(message);
            }
            else
            {
                // asp-for names a field's element by its key ("Input.StartsOn" becomes "Input_StartsOn"); the
                // theme's script finds a field whose id differs by its name.
                var link = new TagBuilder("a");
                link.Attributes["href"] = "#" + FieldErrorTagHelper.IdOf(field);
                link.Attributes["data-field"] = field;
                link.InnerHtml.Append(message);
                item.InnerHtml.AppendHtml(link);
            }

            list.InnerHtml.AppendHtml(item);
        }

        output.Content.AppendHtml(title);
        output.Content.AppendHtml(list);
        if (!string.IsNullOrEmpty(Then))
        {
            var then = new TagBuilder("p");
            then.InnerHtml.Append(Then);
            output.Content.AppendHtml(then);
        }
    }
}
