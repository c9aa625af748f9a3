using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using PLBadges.Abstractions.Modules;

namespace PLBadges.Abstractions.Display;

/// <summary>
/// A named place on a page that other modules may fill, so a page never names the modules that
/// add to it: the micro-credential page has a zone for actions, and the evidence module puts
/// "Start a submission" there.
/// </summary>
public static class Zones
{
    /// <summary>On a micro-credential's page; the subject is the micro-credential's slug (a string).</summary>
    public const string MicroCredentialActions = "MicroCredential.Actions";

    /// <summary>Under a credential on its holder's credentials page; the subject is the credential's id (a string).</summary>
    public const string CredentialActions = "Credential.Actions";

    /// <summary>On the signed-in home page, "What's next": each module's task for the person (the submission to continue); no subject.</summary>
    public const string HomeTasks = "Home.Tasks";

    /// <summary>On the visitor's home page, under what PLBadges is: what the modules offer to see (the pathways); no subject.</summary>
    public const string HomeWelcome = "Home.Welcome";
}

/// <summary>What a module puts in a zone: a partial view (from any module) and its model.</summary>
public sealed record ZoneItem(string PartialName, object? Model, int Order = 0);

/// <summary>Fills one zone for one subject; returns null to add nothing.</summary>
public interface IZoneContributor
{
    string Zone { get; }

    Task<ZoneItem?> ContributeAsync(object? subject, CancellationToken cancellationToken);
}

/// <summary>
/// <c>&lt;zone name="..." subject="..." /&gt;</c> renders what the enabled modules contribute: a switched-off module's
/// contributor is not even asked, as its pages and menu entries are gone too.
/// </summary>
[HtmlTargetElement("zone", Attributes = "name", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ZoneTagHelper(IEnumerable<IZoneContributor> contributors, IModuleState modules, IHtmlHelper html) : TagHelper
{
    public string Name { get; set; } = "";

    public object? Subject { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        ((IViewContextAware)html).Contextualize(ViewContext);
        var items = new List<ZoneItem>();
        var aborted = ViewContext.HttpContext.RequestAborted;
        foreach (var contributor in contributors.Where(c => c.Zone == Name))
        {
            if (await modules.IsEnabledForAsync(contributor.GetType(), aborted) && await contributor.ContributeAsync(Subject, aborted) is { } item)
            {
                items.Add(item);
            }
        }

        foreach (var item in items.OrderBy(i => i.Order))
        {
            output.Content.AppendHtml(await html.PartialAsync(item.PartialName, item.Model));
        }

        if (items.Count == 0)
        {
            output.SuppressOutput();
        }
    }
}
