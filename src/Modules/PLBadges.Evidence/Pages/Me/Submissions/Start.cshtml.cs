using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Security;
using PLBadges.Evidence.Submissions;

namespace PLBadges.Evidence.Pages.Me.Submissions;

/// <summary>Starts (or resumes) a submission from a micro-credential's page.</summary>
[RequirePermission(EvidencePermissions.Names.Submit)]
public sealed class StartModel(SubmissionService submissions) : PageModel
{
    public IActionResult OnGet() => Redirect("/me/submissions");

    public async Task<IActionResult> OnPostAsync(string? slug, CancellationToken cancellationToken)
    {
        try
        {
            var id = await submissions.StartAsync(slug ?? "", cancellationToken);
            return Redirect($"/me/submissions/{id}");
        }
        catch (EvidenceRuleException refused)
        {
            TempData["Status"] = refused.Message;
            return Redirect(string.IsNullOrEmpty(slug) ? "/pathways" : $"/micro-credentials/{Uri.EscapeDataString(slug)}");
        }
    }
}
