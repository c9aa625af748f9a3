using Microsoft.AspNetCore.Mvc;
using PLBadges.Identity.Contracts;
using PLBadges.Recognition.Applications;

namespace PLBadges.Recognition.Pages.Review;

/// <summary>/recognition/applications/{id}: the evidence summary and verification of each item, and the decision.</summary>
[DecidersOnly]
public sealed class ApplicationModel(ApplicationReview review, ApplicationEvaluation evaluation, IPeopleDirectory people) : RecognitionPage
{
    internal RecognitionApplication? Application { get; private set; }

    internal IReadOnlyList<ApplicationItem> Items { get; private set; } = [];

    public PersonInfo? Educator { get; private set; }

    /// <summary>Credentials revoked since the application was made.</summary>
    public IReadOnlySet<string> Revoked { get; private set; } = new HashSet<string>();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostAsync(Guid id, Decision? decision, string? message, CancellationToken cancellationToken) =>
        ChangeOrRefuseAsync(
            async () =>
            {
                await review.DecideAsync(id, decision ?? throw new RecognitionRuleException("Choose a decision: approve, ask for more, or decline."), message, cancellationToken);
                var done = decision switch { Decision.Approve => "Approved.", Decision.AskForMore => "The educator is asked for more.", _ => "Declined." };
                return Redirect("/recognition/applications?done=" + Uri.EscapeDataString(done));
            },
            () => LoadAsync(id, cancellationToken));

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await review.FindAsync(id, cancellationToken) is not { MayDecide: true } found)
        {
            return false;
        }

        (Application, Items) = (found.Application, found.Items);
        Educator = (await people.GetAsync([found.Application.PersonId], cancellationToken)).FirstOrDefault();
        Revoked = found.Application.Status is ApplicationStatus.Waiting or ApplicationStatus.MoreAsked ? await evaluation.RevokedSinceAsync(found.Application, found.Items, cancellationToken) : new HashSet<string>();
        return true;
    }
}
