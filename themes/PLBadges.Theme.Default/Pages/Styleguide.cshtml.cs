using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Security;

namespace PLBadges.Theme.Default.Pages;

/// <summary>The style guide: every component of the design system, as pages use it; the reference for review.</summary>
[RequirePermission(PlatformPermissions.Names.ViewStyleguide)]
public sealed class StyleguideModel : PageModel
{
    public void OnGet()
    {
        // The error examples show a refused form as the host's refusal filter leaves it: messages in model state.
        ModelState.AddModelError("Example.Email", "Enter an email address in the right form, like name@school.org.");
        ModelState.AddModelError("Example.Band", "Choose the grade band you teach.");
    }
}
