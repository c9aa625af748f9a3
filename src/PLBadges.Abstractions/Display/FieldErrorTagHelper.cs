using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PLBadges.Abstractions.Display;

/// <summary>
/// &lt;field-error for="Input.StartsOn" /&gt;: the message of one field, at the field (GOV.UK puts it
/// between the label and the control), or nothing when the field has none. A single control needs no
/// such tag: <see cref="InvalidFieldTagHelper"/> writes the message before it. Put one at the top of a
/// group of radios or checkboxes, under its legend, where the message belongs to the group.
/// </summary>
[HtmlTargetElement("field-error", Attributes = "for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper : TagHelper
{
    private const string Shown = "PLBadges.FieldErrorsShown";

    /// <summary>The model-state key: what the form posts as the field's name, or a RuleException's field.</summary>
    public string For { get; set; } = "";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    /// <summary>The id asp-for gives the field of a key (dots and brackets become underscores).</summary>
    public static string IdOf(string key) => TagBuilder.CreateSanitizedId(key, "_");

    /// <summary>The id of a key's message, which the field names in aria-describedby.</summary>
    public static string MessageIdOf(string key) => IdOf(key) + "-error";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        output.Content.SetHtmlContent(MessageFor(ViewContext, For) ?? HtmlString.Empty);
    }

    /// <summary>The messages of a key, once per page (a second field of the same name gets none), or null.</summary>
    internal static IHtmlContent? MessageFor(ViewContext view, string key)
    {
        if (!view.ViewData.ModelState.TryGetValue(key, out var entry) || entry.Errors.Count == 0)
        {
            return null;
        }

        var shown = view.HttpContext.Items[Shown] as HashSet<string> ?? [];
        view.HttpContext.Items[Shown] = shown;
        if (!shown.Add(key))
        {
            return null;
        }

        var message = new TagBuilder("p");
        message.AddCssClass("error-message");
        message.Attributes["id"] = MessageIdOf(key);
        var prefix = new TagBuilder("span");
        prefix.AddCssClass("visually-hidden");
        prefix.InnerHtml.Append("Error: ");
        message.InnerHtml.AppendHtml(prefix);
        message.InnerHtml.Append(string.Join(" ", entry.Errors.Select(e => e.ErrorMessage).Where(m => !string.IsNullOrEmpty(m)).Distinct()));
        return message;
    }

    internal static bool WasShown(ViewContext view, string key) =>
        view.HttpContext.Items[Shown] is HashSet<string> shown && shown.Contains(key);

    internal static bool HasErrors(ViewContext view, string key) =>
        view.ViewData.ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0;
}

/// <summary>
/// Marks every form control whose field has an error (by its name, which asp-for also sets):
/// aria-invalid, the red border, aria-describedby naming the message, and the message itself just
/// before the control when no &lt;field-error&gt; showed it already. Checkboxes and radios are only
/// marked: their group's message comes from a &lt;field-error&gt; under the legend.
/// </summary>
[HtmlTargetElement("input", Attributes = "name")]
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "name")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "name")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class InvalidFieldTagHelper : TagHelper
{
    /// <summary>After MVC's own input tag helpers, which write the name that asp-for gives.</summary>
    public override int Order => 1000;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (ViewContext.ViewData.ModelState.ErrorCount == 0
            || output.Attributes["name"]?.Value?.ToString() is not { Length: > 0 } name
            || !FieldErrorTagHelper.HasErrors(ViewContext, name))
        {
            return;
        }

        var type = output.Attributes["type"]?.Value?.ToString()?.ToLowerInvariant();
        if (type is "hidden" or "submit" or "button")
        {
            return;
        }

        output.Attributes.SetAttribute("aria-invalid", "true");
        if (type is not ("checkbox" or "radio") && FieldErrorTagHelper.MessageFor(ViewContext, name) is { } message)
        {
            output.PreElement.AppendHtml(message);
        }

        if (FieldErrorTagHelper.WasShown(ViewContext, name))
        {
            var describedBy = output.Attributes["aria-describedby"]?.Value?.ToString();
            var messageId = FieldErrorTagHelper.MessageIdOf(name);
            output.Attributes.SetAttribute("aria-describedby", string.IsNullOrEmpty(describedBy) ? messageId : messageId + " " + describedBy);
        }
    }
}
