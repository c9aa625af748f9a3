using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PLBadges.Abstractions.Security;
using PLBadges.Recognition.Applications;

namespace PLBadges.Recognition.Pages.Me;

/// <summary>/me/recognition/{id}: one of the educator's applications, and their answer when more is asked.</summary>
[RequirePermission(RecognitionPermissions.Names.Apply)]
public sealed class ApplicationModel(EducatorLicences licences, ApplicationService applications, ApplicationReview review) : RecognitionPage
{
    internal RecognitionApplication? Application { get; private set; }

    internal IReadOnlyList<ApplicationItem> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostAnswerAsync(Guid id, string? note, List<IFormFile>? uploads, CancellationToken cancellationToken) =>
        ChangeOrRefuseAsync(
            async () =>
            {
                var applicant = await licences.ApplicantAsync(cancellationToken) ?? throw new RecognitionRuleException("You apply to no state.");
                await applications.AnswerAsync(applicant, id, note, await UploadsAsync(uploads, cancellationToken), cancellationToken);
                return Redirect($"/me/recognition/{id}");
            },
            () => LoadAsync(id, cancellationToken));

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        // Only the educator's own: a reviewer reads applications on the review pages.
        if (await review.FindAsync(id, cancellationToken) is not { } found || found.Application.PersonId != review.CurrentPersonId)
        {
            return false;
        }

        (Application, Items) = (found.Application, found.Items);
        return true;
    }
}
