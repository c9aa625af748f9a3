using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;
using PLBadges.Organizations.Tree;

namespace PLBadges.Organizations.Pages.Admin.Organizations;

[RequirePermission(OrganizationPermissions.Names.ManageTree)]
public sealed class IndexModel(PLBadgesDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public OrganizationInput Input { get; set; } = new();

    public IReadOnlyList<OrganizationInfo> States { get; private set; } = [];

    public IReadOnlyList<OrganizationInfo> Districts { get; private set; } = [];

    public Dictionary<Guid, int> SchoolCounts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Input.Code = Input.Code?.Trim().ToLowerInvariant() ?? "";
        if (await db.Set<Organization>().AnyAsync(o => o.Code == Input.Code, cancellationToken))
        {
            ModelState.AddModelError("Input.Code", "Another organization already uses this code.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(Input.TimeZone ?? "", out _))
        {
            ModelState.AddModelError("Input.TimeZone", "Enter a known IANA time zone, such as America/Chicago.");
        }

        Organization? parent = null;
        if (Input.Kind == OrganizationKind.District)
        {
            parent = await db.Set<Organization>().FirstOrDefaultAsync(o => o.Id == Input.ParentStateId && o.Kind == OrganizationKind.State, cancellationToken);
            if (parent == null)
            {
                ModelState.AddModelError("Input.ParentStateId", "Choose the state this district belongs to.");
            }
        }
        else if (Input.Kind != OrganizationKind.State)
        {
            ModelState.AddModelError("Input.Kind", "Add schools from the district's Schools page.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var organization = new Organization { Kind = Input.Kind, Code = Input.Code, Name = Input.Name.Trim(), TimeZone = Input.TimeZone!, CreatedAt = now, UpdatedAt = now };
        organization.PlaceUnder(parent);
        db.Set<Organization>().Add(organization);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = $"Added {organization.Name}.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Set<Organization>().AsNoTracking().Where(o => o.Kind != OrganizationKind.School).OrderBy(o => o.Name).ToListAsync(cancellationToken);
        States = rows.Where(o => o.Kind == OrganizationKind.State).Select(o => o.ToInfo()).ToList();
        Districts = rows.Where(o => o.Kind == OrganizationKind.District).Select(o => o.ToInfo()).ToList();
        SchoolCounts = await db.Set<Organization>().Where(o => o.Kind == OrganizationKind.School)
            .GroupBy(o => o.ParentId!.Value).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    public sealed class OrganizationInput
    {
        public OrganizationKind Kind { get; set; } = OrganizationKind.District;

        [Required(ErrorMessage = "Enter a name.")]
        [StringLength(200)]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Enter a code.")]
        [RegularExpression("^[A-Za-z0-9][A-Za-z0-9-]{1,79}$", ErrorMessage = "Use 2 to 80 letters, digits and dashes for the code.")]
        public string Code { get; set; } = "";

        public Guid? ParentStateId { get; set; }

        public string? TimeZone { get; set; } = "America/New_York";
    }
}
