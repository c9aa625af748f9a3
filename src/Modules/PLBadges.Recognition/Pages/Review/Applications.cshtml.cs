using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Security;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;
using PLBadges.Recognition.Applications;

namespace PLBadges.Recognition.Pages.Review;

/// <summary>Reviewers of the state, or admins of a district the state leaves approval to: the applications they decide.</summary>
public sealed class DecidersOnly : AuthorizeAttribute
{
    public DecidersOnly() => Policy = MayDecideRequirement.Policy;
}

/// <summary>/recognition/applications: the applications waiting for the signed-in reviewer (oldest first), and the latest decided.</summary>
[DecidersOnly]
public sealed class ApplicationsModel(ApplicationReview review, IPeopleDirectory people, IOrganizationDirectory organizations) : PageModel
{
    internal IReadOnlyList<RecognitionApplication> Waiting { get; private set; } = [];

    internal IReadOnlyList<RecognitionApplication> Decided { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyDictionary<Guid, string> Districts { get; private set; } = new Dictionary<Guid, string>();

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Notice = done;
        Waiting = await review.QueueAsync(decided: false, cancellationToken);
        Decided = await review.QueueAsync(decided: true, cancellationToken);
        var all = Waiting.Concat(Decided).ToList();
        Names = (await people.GetAsync(all.Select(a => a.PersonId).Distinct(), cancellationToken)).ToDictionary(p => p.Id, p => p.DisplayName);
        Districts = (await organizations.ListAsync(all.Select(a => a.DistrictId).Distinct(), cancellationToken)).ToDictionary(o => o.Id, o => o.Name);
        return Page();
    }
}
