using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Recognition.Applications;

namespace PLBadges.Recognition.Pages.Me;

/// <summary>/me/recognition/{id}: one of the educator's applications, and their answer when more is asked.</summary>
[RequirePermission(RecognitionPermissions.Names.Apply)]
public sealed class ApplicationModel(EducatorLicences licences, ApplicationService applications, ApplicationReview review) : PageModel, IRefusablePage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    internal RecognitionApplication? Application { get; private set; }

    internal IReadOnlyList<ApplicationItem> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await ReloadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAnswerAsync(string? note, List<IFormFile>? uploads, CancellationToken cancellationToken)
    {
        var applicant = await licences.ApplicantAsync(cancellationToken) ?? throw new RuleException("You apply to no state.");
        await applications.AnswerAsync(applicant, Id, note, await FormUploads.ReadAsync(uploads, cancellationToken), cancellationToken);
        return Redirect($"/me/recognition/{Id}");
    }

    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        // Only the educator's own: a reviewer reads applications on the review pages.
        if (await review.FindAsync(Id, cancellationToken) is not { } found || found.Application.PersonId != review.CurrentPersonId)
        {
            return false;
        }

        (Application, Items) = (found.Application, found.Items);
        return true;
    }
}
