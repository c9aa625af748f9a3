using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Data.Files;

namespace PLBadges.Web.Pages.Admin;

/// <summary>The stored files the scrub found damaged or missing, for platform admins (404 to anyone else).</summary>
public sealed class StorageModel(IAccessControl access, PLBadgesDbContext db) : PageModel
{
    public IReadOnlyList<StoredFileProblem> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!(await access.RolesAsync(cancellationToken)).Any(r => r.Role == Role.PlatformAdmin))
        {
            return NotFound();
        }

        Problems = await FileScrub.ProblemsAsync(db, cancellationToken);
        return Page();
    }
}
