using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;
using PLBadges.Organizations.Tree;

namespace PLBadges.Organizations.Pages.District.Schools;

[RequirePermission(OrganizationPermissions.Names.ViewSchools)]
public sealed class IndexModel(IDistrictContext districts, IAccessControl access, PLBadgesDbContext db, TimeProvider clock) : PageModel
{
    public DistrictChoice Choice { get; private set; } = null!;

    public IReadOnlyList<OrganizationInfo> Schools { get; private set; } = [];

    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? district, CancellationToken cancellationToken)
    {
        Choice = await districts.ResolveAsync(OrganizationPermissions.ViewSchools, district, cancellationToken);
        if (Choice.Current == null)
        {
            return NotFound();
        }

        var districtId = Choice.Current.Id;
        var rows = await db.Set<Organization>().AsNoTracking()
            .Where(o => o.Kind == OrganizationKind.School && o.DistrictId == districtId)
            .OrderBy(o => o.Name)
            .ToListAsync(cancellationToken);
        // A school leader sees their own school(s) only.
        Schools = rows.Where(o => Choice.Scope.Contains(o.Id)).Select(o => o.ToInfo()).ToList();
        CanManage = await access.HasAsync(OrganizationPermissions.ManageSchools, districtId, cancellationToken);
        return Page();
    }

    /// <summary>Whole months from today, in the district's time zone, to the rollout date; "Passed" once it is behind.</summary>
    public string MonthsUntil(OrganizationInfo school)
    {
        if (school.DeviceRolloutDate is not { } date)
        {
            return "—";
        }

        var zone = school.Zone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        if (date < today)
        {
            return "Passed";
        }

        var months = ((date.Year - today.Year) * 12) + date.Month - today.Month;
        return (date.Day < today.Day ? months - 1 : months).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
