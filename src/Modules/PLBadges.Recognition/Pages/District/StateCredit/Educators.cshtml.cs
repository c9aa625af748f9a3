using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Organizations.Contracts;
using PLBadges.Recognition.StateCredit;

namespace PLBadges.Recognition.Pages.District.StateCredit;

/// <summary>
/// /district/state-credit/educators: the educators whose hours the signed-in person signs off (the district's admins:
/// all; a school leader the district named: their school's), for one of the district's state profiles.
/// </summary>
[Authorize]
public sealed class EducatorsModel(SignOffs signOffs, DistrictSetup setup) : PageModel
{
    public IReadOnlyList<OrganizationInfo> Districts { get; private set; } = [];

    public OrganizationInfo? District { get; private set; }

    internal IReadOnlyList<ProviderSetup> Providers { get; private set; } = [];

    internal ProviderSetup? Provider { get; private set; }

    public IReadOnlyList<Educator> Educators { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? district, Guid? profile, CancellationToken cancellationToken)
    {
        if (!await signOffs.SignsOffAnywhereAsync(cancellationToken))
        {
            return Forbid(); // a teacher, a coach or a state's reviewer signs off nobody's hours
        }

        Districts = await signOffs.DistrictsAsync(cancellationToken);
        District = district is { } id ? Districts.FirstOrDefault(d => d.Id == id) : Districts.FirstOrDefault();
        if (District == null)
        {
            // A leader the district has not named yet sees that, not a missing page; only a district not theirs is missing.
            return district != null ? NotFound() : Page();
        }

        Providers = await setup.ProvidersAsync(District.Id, cancellationToken);
        Provider = profile is { } p ? Providers.FirstOrDefault(x => x.Profile.Profile.Id == p) : Providers.FirstOrDefault();
        if (profile != null && Provider == null)
        {
            return NotFound();
        }

        Educators = await signOffs.EducatorsAsync(District.Id, cancellationToken);
        return Page();
    }
}
