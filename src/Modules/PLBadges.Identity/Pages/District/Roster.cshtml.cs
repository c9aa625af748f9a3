using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Security;
using PLBadges.Identity.Roster;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Pages.District;

[RequirePermission(IdentityPermissions.Names.ImportRoster)]
[RequestSizeLimit(MaxBytes + 64 * 1024)]
public sealed class RosterModel(IDistrictContext districts, RosterImport import) : PageModel
{
    public const long MaxBytes = 2 * 1024 * 1024;

    public DistrictChoice Choice { get; private set; } = null!;

    public RosterReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? district, CancellationToken cancellationToken)
    {
        Choice = await districts.ResolveAsync(IdentityPermissions.ImportRoster, district, cancellationToken);
        return Choice.Current == null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? district, IFormFile? file, bool invite, CancellationToken cancellationToken)
    {
        Choice = await districts.ResolveAsync(IdentityPermissions.ImportRoster, district, cancellationToken);
        if (Choice.Current == null || (district != null && district != Choice.Current.Id))
        {
            return NotFound();
        }

        if (file == null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Choose a CSV file to import.");
            return Page();
        }

        if (file.Length > MaxBytes)
        {
            ModelState.AddModelError("file", "The file is larger than 2 MB; split it into smaller files.");
            return Page();
        }

        await using var stream = file.OpenReadStream();
        Report = await import.ImportAsync(Choice.Current.Id, stream, invite, cancellationToken);
        return Page();
    }
}
