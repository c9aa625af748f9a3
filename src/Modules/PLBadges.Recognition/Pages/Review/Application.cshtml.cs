using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Rules;
using PLBadges.Identity.Contracts;
using PLBadges.Recognition.Applications;

namespace PLBadges.Recognition.Pages.Review;

/// <summary>/recognition/applications/{id}: the evidence summary and verification of each item, and the decision.</summary>
[DecidersOnly]
public sealed class ApplicationModel(ApplicationReview review, ApplicationEvaluation evaluation, IPeopleDirectory people) : PageModel, IRefusablePage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    internal RecognitionApplication? Application { get; private set; }

    internal IReadOnlyList<ApplicationItem> Items { get; private set; } = [];

    public PersonInfo? Educator { get; private set; }

    /// <summary>Credentials revoked since the application was made.</summary>
    public IReadOnlySet<string> Revoked { get; private set; } = new HashSet<string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await ReloadAsync(cancellationToken) ? Page() : NotFound();

    /// <summary>What the reviewer chose or typed, shown again when the decision is refused (empty on a first visit).</summary>
    public string Typed(string field) => Request.HasFormContentType ? Request.Form[field].ToString() : "";

    public async Task<IActionResult> OnPostAsync(Decision? decision, string? message, CancellationToken cancellationToken)
    {
        await review.DecideAsync(Id, decision ?? throw new RuleException("Choose a decision: approve, ask for more, or decline.", "decision"), message, cancellationToken);
        var done = decision switch { Decision.Approve => "Approved.", Decision.AskForMore => "The educator is asked for more.", _ => "Declined." };
        return Redirect("/recognition/applications?done=" + Uri.EscapeDataString(done));
    }

    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        if (await review.FindAsync(Id, cancellationToken) is not { MayDecide: true } found)
        {
            return false;
        }

        (Application, Items) = (found.Application, found.Items);
        Educator = (await people.GetAsync([found.Application.PersonId], cancellationToken)).FirstOrDefault();
        Revoked = found.Application.Status is ApplicationStatus.Waiting or ApplicationStatus.MoreAsked ? await evaluation.RevokedSinceAsync(found.Application, found.Items, cancellationToken) : new HashSet<string>();
        return true;
    }
}
