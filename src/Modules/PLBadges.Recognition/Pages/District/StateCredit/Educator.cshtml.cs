using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Rules;
using PLBadges.Organizations.Contracts;
using PLBadges.Recognition.StateCredit;

namespace PLBadges.Recognition.Pages.District.StateCredit;

/// <summary>
/// /district/state-credit/educators/{person}: an educator's completed micro-credentials, coaching and academy hours
/// not yet signed off for the state, each converted by the profile (and put in a category where the state has them);
/// the sign-off; and the educator's earlier sign-offs, each withdrawable with a reason until exported.
/// </summary>
[Authorize]
public sealed class EducatorModel(SignOffs signOffs, DistrictSetup setup, EducatorStateIds ids) : PageModel, IRefusablePage
{
    [BindProperty(SupportsGet = true, Name = "district")]
    public Guid? DistrictId { get; set; }

    [BindProperty(SupportsGet = true, Name = "profile")]
    public Guid? ProfileId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid PersonId { get; set; }

    [BindProperty]
    public List<PickInput> Picks { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    public OrganizationInfo? District { get; private set; }

    internal ProviderSetup? Provider { get; private set; }

    internal ProfileDefinition? Definition { get; private set; }

    public Educator? Educator { get; private set; }

    internal StateEducatorId? StateId { get; private set; }

    public IReadOnlyList<SignOffCandidate> Candidates { get; private set; } = [];

    public CategoryRule? Categories { get; private set; }

    public string? CategoryProblem { get; private set; }

    internal IReadOnlyList<(SignOff SignOff, IReadOnlyList<SignOffItem> Items)> History { get; private set; } = [];

    /// <summary>The items of the history an export has carried to the state.</summary>
    internal IReadOnlySet<long> Sent { get; private set; } = new HashSet<long>();

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Notice = done;
        return await ReloadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSignOffAsync(CancellationToken cancellationToken)
    {
        if (!await ReloadAsync(cancellationToken))
        {
            return NotFound();
        }

        var picks = Picks.Where(p => p.Selected).Select(p => new SignOffPick(p.Key ?? "", p.Category)).ToList();
        await signOffs.SignOffAsync(District!.Id, Provider!.Profile.Profile.Id, PersonId, picks, cancellationToken);
        return Done("Signed off.");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid signOffId, CancellationToken cancellationToken)
    {
        if (!await ReloadAsync(cancellationToken))
        {
            return NotFound();
        }

        await signOffs.WithdrawAsync(signOffId, Reason, cancellationToken);
        return Done("The sign-off is withdrawn.");
    }

    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        District = (await signOffs.DistrictsAsync(cancellationToken)).FirstOrDefault(d => d.Id == DistrictId);
        if (District == null)
        {
            return false;
        }

        var providers = await setup.ProvidersAsync(District.Id, cancellationToken);
        Provider = ProfileId is { } p ? providers.FirstOrDefault(x => x.Profile.Profile.Id == p) : providers.FirstOrDefault();
        Educator = await signOffs.EducatorAsync(District.Id, PersonId, cancellationToken);
        if (Provider == null || Educator == null)
        {
            return false;
        }

        ProfileId = Provider.Profile.Profile.Id;
        Definition = Provider.Profile.Latest.Definition;
        StateId = (await ids.IdsAsync(PersonId, cancellationToken)).GetValueOrDefault(Definition.Jurisdiction);
        (Categories, CategoryProblem) = Conversion.CategoriesFor(Definition.Categories, StateId?.LicenseArea, StateId?.LicenseExpiresOn);
        Candidates = await signOffs.CandidatesAsync(District.Id, Provider, PersonId, cancellationToken);
        History = (await signOffs.OfAsync(PersonId, District.Id, cancellationToken)).Where(h => h.SignOff.ProfileId == ProfileId).ToList();
        Sent = await signOffs.SentAsync(History.SelectMany(h => h.Items).Select(i => i.Id), cancellationToken);
        return true;
    }

    private RedirectResult Done(string message) =>
        Redirect($"/district/state-credit/educators/{PersonId}?district={DistrictId}&profile={ProfileId}&done={Uri.EscapeDataString(message)}");

    public sealed class PickInput
    {
        public string? Key { get; set; }

        public bool Selected { get; set; }

        public string? Category { get; set; }
    }
}
