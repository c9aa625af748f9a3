using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Abstractions.Values;
using PLBadges.Organizations.Contracts;
using PLBadges.Recognition.StateCredit;

namespace PLBadges.Recognition.Pages.District.StateCredit;

/// <summary>
/// /district/state-credit/exports: the district's files for a state, made for a period from signed-off hours (the
/// state's own file, Ed-Fi, CEDS), each kept seven years with its refused rows; and its certificates as a zip.
/// </summary>
[RequirePermission(RecognitionPermissions.Names.StateCredit)]
public sealed class ExportsModel(DistrictSetup setup, StateExports exports, IOrganizationDirectory organizations) : PageModel, IRefusablePage
{
    [BindProperty(SupportsGet = true, Name = "district")]
    public Guid? DistrictId { get; set; }

    [BindProperty(SupportsGet = true, Name = "profile")]
    public Guid? ProfileId { get; set; }

    [BindProperty]
    public ExportKind Kind { get; set; }

    [BindProperty]
    [DateInRange(DateField.LicenseDate)]
    public DateOnly? From { get; set; }

    [BindProperty]
    [DateInRange(DateField.LicenseDate)]
    public DateOnly? To { get; set; }

    public IReadOnlyList<OrganizationInfo> Districts { get; private set; } = [];

    public OrganizationInfo? District { get; private set; }

    internal IReadOnlyList<ProviderSetup> Providers { get; private set; } = [];

    internal ProviderSetup? Provider { get; private set; }

    internal IReadOnlyList<StateExport> Exports { get; private set; } = [];

    public IReadOnlyList<OrganizationInfo> Schools { get; private set; } = [];

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Notice = done;
        return await ReloadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await ReloadAsync(cancellationToken) || Provider == null)
        {
            return NotFound();
        }

        var export = await exports.ExportAsync(District!.Id, Provider.Profile.Profile.Id, Kind, From, To, cancellationToken);
        var done = $"Exported {export.Rows} row{(export.Rows == 1 ? "" : "s")}" + (export.Refused > 0 ? $"; {export.Refused} refused (see why in its refusals)." : ".");
        return Redirect($"/district/state-credit/exports?district={District.Id}&profile={ProfileId}&done={Uri.EscapeDataString(done)}");
    }

    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        Districts = await setup.DistrictsAsync(cancellationToken);
        District = DistrictId is { } id ? Districts.FirstOrDefault(d => d.Id == id) : Districts.FirstOrDefault();
        if (District == null)
        {
            return DistrictId == null && Districts.Count == 0;
        }

        DistrictId = District.Id;
        Providers = await setup.ProvidersAsync(District.Id, cancellationToken);
        Provider = ProfileId is { } p ? Providers.FirstOrDefault(x => x.Profile.Profile.Id == p) : Providers.FirstOrDefault();
        if (ProfileId != null && Provider == null)
        {
            return false;
        }

        ProfileId = Provider?.Profile.Profile.Id;
        Exports = (await exports.OfAsync(District.Id, cancellationToken)).Where(e => e.ProfileId == ProfileId).ToList();
        Schools = (await organizations.ListAsync(await organizations.WithDescendantsAsync([District.Id], cancellationToken), cancellationToken))
            .Where(o => o.Kind == Abstractions.Security.OrganizationKind.School).OrderBy(o => o.Name).ToList();
        return true;
    }
}
