using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Organizations.Contracts;
using PLBadges.Recognition.StateCredit;

namespace PLBadges.Recognition.Pages.District;

/// <summary>
/// /district/state-credit: the district as a provider for states. Per state profile, its approved-provider name and
/// number; per micro-credential, the conversion it applies; and the school leaders it names to sign off.
/// </summary>
[RequirePermission(RecognitionPermissions.Names.StateCredit)]
public sealed class StateCreditModel(DistrictSetup setup) : PageModel, IRefusablePage
{
    public IReadOnlyList<OrganizationInfo> Districts { get; private set; } = [];

    public OrganizationInfo? District { get; private set; }

    internal IReadOnlyList<ProviderSetup> Providers { get; private set; } = [];

    internal IReadOnlyList<ProfileView> Offered { get; private set; } = [];

    internal IReadOnlyDictionary<Guid, IReadOnlyList<CreditChoiceRow>> Choices { get; private set; } = new Dictionary<Guid, IReadOnlyList<CreditChoiceRow>>();

    public IReadOnlyList<DelegateRow> Delegates { get; private set; } = [];

    public string? Notice { get; private set; }

    [BindProperty(SupportsGet = true, Name = "district")]
    public Guid? DistrictId { get; set; }

    [BindProperty]
    public ProviderInput Provider { get; set; } = new();

    [BindProperty]
    public List<ChoiceInput> Choice { get; set; } = [];

    [BindProperty]
    public string? DelegateEmail { get; set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Notice = done;
        return await ReloadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostProviderAsync(CancellationToken cancellationToken)
    {
        await setup.SaveProviderAsync(DistrictId ?? Guid.Empty, Provider.ProfileId, Provider.Name, Provider.Number, cancellationToken);
        return Done("The provider's name and number are saved.");
    }

    public async Task<IActionResult> OnPostChoicesAsync(Guid profileId, CancellationToken cancellationToken)
    {
        foreach (var choice in Choice)
        {
            await setup.SaveChoiceAsync(DistrictId ?? Guid.Empty, profileId, choice.MicroCredentialId, choice.Basis, cancellationToken);
        }

        return Done("The conversions are saved.");
    }

    public async Task<IActionResult> OnPostDelegateAsync(CancellationToken cancellationToken)
    {
        await setup.AddDelegateAsync(DistrictId ?? Guid.Empty, DelegateEmail, cancellationToken);
        return Done("The school leader may now sign off their school's educators.");
    }

    public async Task<IActionResult> OnPostRemoveDelegateAsync(Guid personId, CancellationToken cancellationToken)
    {
        await setup.RemoveDelegateAsync(DistrictId ?? Guid.Empty, personId, cancellationToken);
        return Done("The school leader no longer signs off.");
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
        Offered = await setup.OfferedAsync(District.Id, cancellationToken);
        var choices = new Dictionary<Guid, IReadOnlyList<CreditChoiceRow>>();
        foreach (var provider in Providers)
        {
            choices[provider.Profile.Profile.Id] = await setup.ChoicesAsync(District.Id, provider.Profile, cancellationToken);
        }

        Choices = choices;
        Delegates = await setup.DelegatesAsync(District.Id, cancellationToken);
        return true;
    }

    private RedirectResult Done(string message) => Redirect($"/district/state-credit?district={DistrictId}&done={Uri.EscapeDataString(message)}");

    public sealed class ProviderInput
    {
        public Guid ProfileId { get; set; }

        public string? Name { get; set; }

        public string? Number { get; set; }
    }

    public sealed class ChoiceInput
    {
        public Guid MicroCredentialId { get; set; }

        public CreditBasis Basis { get; set; }
    }
}
