using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Recognition.Applications;
using PLBadges.Recognition.Programmes;

namespace PLBadges.Recognition.Pages.Me;

/// <summary>/me/recognition: the educator's licence number, the state's programmes open to application, and their applications.</summary>
[RequirePermission(RecognitionPermissions.Names.Apply)]
public sealed class RecognitionModel(EducatorLicences licences, ApplicationService applications) : PageModel, IRefusablePage
{
    internal Applicant? Applicant { get; private set; }

    internal IReadOnlyList<ProgrammeView> Programmes { get; private set; } = [];

    internal IReadOnlyList<RecognitionApplication> Applications { get; private set; } = [];

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Notice = done;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostLicenceAsync(string? educatorNumber, DateOnly? licensedOn, CancellationToken cancellationToken)
    {
        var applicant = await licences.ApplicantAsync(cancellationToken) ?? throw new RuleException("You apply to no state.");
        await licences.SaveLicenceAsync(applicant, educatorNumber, licensedOn, cancellationToken);
        return Redirect("/me/recognition?done=" + Uri.EscapeDataString("Your educator number is saved."));
    }

    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return true;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Applicant = await licences.ApplicantAsync(cancellationToken);
        if (Applicant != null)
        {
            Programmes = await licences.OpenProgrammesAsync(Applicant, cancellationToken);
            Applications = await applications.MineAsync(Applicant.Person.Id, cancellationToken);
        }
    }

    public static string StatusLabel(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Waiting => "Waiting for a reviewer",
        ApplicationStatus.MoreAsked => "More asked of you",
        ApplicationStatus.Approved => "Approved",
        _ => "Declined",
    };
}
