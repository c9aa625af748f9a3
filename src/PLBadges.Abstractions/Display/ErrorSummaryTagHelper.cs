using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PLBadges.Abstractions.Display;

/// <summary>
/// &lt;error-summary /&gt; (or &lt;error-summary model-only /&gt;): the form's errors as an alert list, or
/// nothing when there are none. It replaces asp-validation-summary, which writes an empty
/// <c>&lt;li style="display:none"&gt;</c> that the site's Content Security Policy blocks.
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

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var state = ViewContext.ViewData.ModelState;
        var messages = (ModelOnly ? state.Where(e => e.Key.Length == 0).Select(e => e.Value) : state.Values)
            .Where(entry => entry != null)
            .SelectMany(entry => entry!.Errors)
            .Select(error => error.ErrorMessage)
            .Where(message => !string.IsNullOrEmpty(message))
            .Distinct()
            .ToList();
        if (messages.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "validation-summary-errors");
        output.Attributes.SetAttribute("role", "alert");
        var list = new TagBuilder("ul");
        foreach (var message in messages)
        {
            var item = new TagBuilder("li");
            item.InnerHtml.Append(message);
            list.InnerHtml.AppendHtml(item);
        }

        output.Content.SetHtmlContent(list);
        if (!string.IsNullOrEmpty(Then))
        {
            var then = new TagBuilder("p");
            then.InnerHtml.Append(Then);
            output.Content.AppendHtml(then);
        }
    }
}
