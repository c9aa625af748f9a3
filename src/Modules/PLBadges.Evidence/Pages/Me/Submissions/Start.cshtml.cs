using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Evidence.Submissions;

namespace PLBadges.Evidence.Pages.Me.Submissions;

/// <summary>Starts (or resumes) a submission from a micro-credential's page; a refusal says why, with the way back.</summary>
[RequirePermission(EvidencePermissions.Names.Submit)]
public sealed class StartModel(SubmissionService submissions) : PageModel, IRefusablePage
{
    [BindProperty]
    public string? Slug { get; set; }

    public IActionResult OnGet() => Redirect("/me/submissions");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var id = await submissions.StartAsync(Slug ?? "", cancellationToken);
        return Redirect($"/me/submissions/{id}");
    }

    public Task<bool> ReloadAsync(CancellationToken cancellationToken) => Task.FromResult(true);
}
