using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Abstractions.Values;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;
using PLBadges.Organizations.Tree;

namespace PLBadges.Organizations.Pages.District.Schools;

[RequirePermission(OrganizationPermissions.Names.ManageSchools)]
public sealed class EditModel(IDistrictContext districts, IAccessControl access, PLBadgesDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public SchoolInput Input { get; set; } = new();

    [BindProperty]
    public Guid DistrictId { get; set; }

    public string DistrictName { get; private set; } = "";

    public bool IsNew { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, Guid? district, CancellationToken cancellationToken)
    {
        if (id != null)
        {
            var school = await FindSchoolAsync(id.Value, cancellationToken);
            if (school == null)
            {
                return NotFound();
            }

            Input = new SchoolInput { Name = school.Name, Code = school.Code, DeviceRolloutDate = school.DeviceRolloutDate };
            return await ForDistrictAsync(school.DistrictId!.Value, cancellationToken);
        }

        IsNew = true;
        var choice = await districts.ResolveAsync(OrganizationPermissions.ManageSchools, district, cancellationToken);
        return choice.Current == null ? NotFound() : await ForDistrictAsync(choice.Current.Id, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        Organization? school = null;
        if (id != null)
        {
            school = await FindSchoolAsync(id.Value, cancellationToken);
            if (school == null)
            {
                return NotFound();
            }

            DistrictId = school.DistrictId!.Value;
        }

        IsNew = school == null;
        var result = await ForDistrictAsync(DistrictId, cancellationToken);
        if (result is not PageResult)
        {
            return result;
        }

        Input.Code = Input.Code?.Trim().ToLowerInvariant() ?? "";
        if (await db.Set<Organization>().AnyAsync(o => o.Code == Input.Code && o.Id != id, cancellationToken))
        {
            ModelState.AddModelError("Input.Code", "Another organization already uses this code.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (school == null)
        {
            var district = await db.Set<Organization>().FirstAsync(o => o.Id == DistrictId, cancellationToken);
            school = new Organization { Kind = OrganizationKind.School, Code = Input.Code, Name = Input.Name.Trim(), CreatedAt = now };
            school.PlaceUnder(district);
            db.Set<Organization>().Add(school);
        }

        school.Name = Input.Name.Trim();
        school.Code = Input.Code;
        school.DeviceRolloutDate = Input.DeviceRolloutDate;
        school.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = $"Saved {school.Name}.";
        return Redirect($"/district/schools?district={DistrictId}");
    }

    private async Task<Organization?> FindSchoolAsync(Guid id, CancellationToken cancellationToken)
    {
        var school = await db.Set<Organization>().FirstOrDefaultAsync(o => o.Id == id && o.Kind == OrganizationKind.School, cancellationToken);
        // Another district's school is answered as if it did not exist.
        return school != null && await access.HasAsync(OrganizationPermissions.ManageSchools, school.Id, cancellationToken) ? school : null;
    }

    private async Task<IActionResult> ForDistrictAsync(Guid districtId, CancellationToken cancellationToken)
    {
        if (!await access.HasAsync(OrganizationPermissions.ManageSchools, districtId, cancellationToken))
        {
            return NotFound();
        }

        var district = await db.Set<Organization>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == districtId && o.Kind == OrganizationKind.District, cancellationToken);
        if (district == null)
        {
            return NotFound();
        }

        DistrictId = district.Id;
        DistrictName = district.Name;
        return Page();
    }

    public sealed class SchoolInput
    {
        [Required(ErrorMessage = "Enter the school's name.")]
        [StringLength(200)]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Enter a short code for the school.")]
        [RegularExpression("^[A-Za-z0-9][A-Za-z0-9-]{1,79}$", ErrorMessage = "Use 2 to 80 letters, digits and dashes for the code.")]
        public string Code { get; set; } = "";

        [DateInRange(DateField.RolloutDate)]
        public DateOnly? DeviceRolloutDate { get; set; }
    }
}
