using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Abstractions.Values;
using PLBadges.Organizations.Contracts;
using PLBadges.Recognition.StateCredit;

namespace PLBadges.Recognition.Pages.State;

/// <summary>
/// /state/profiles: what each state takes, as data, with the public source of every field and what could not be
/// confirmed; the profile a state uses; and copies a state's reviewers (or a platform admin) adjust from a day on.
/// </summary>
[RequirePermission(RecognitionPermissions.Names.Review)]
public sealed class ProfilesModel(ProfileCatalog catalog) : PageModel, IRefusablePage
{
    internal IReadOnlyList<ProfileView> Profiles { get; private set; } = [];

    internal IReadOnlySet<Guid> Keepable { get; private set; } = new HashSet<Guid>();

    public IReadOnlyList<OrganizationInfo> States { get; private set; } = [];

    public IReadOnlyDictionary<Guid, Guid> Chosen { get; private set; } = new Dictionary<Guid, Guid>();

    public bool PlatformAdmin { get; private set; }

    public DateOnly Today => catalog.Today;

    public string? Notice { get; private set; }

    [BindProperty]
    public CopyInput Copy { get; set; } = new();

    [BindProperty]
    public AdjustInput Adjust { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Notice = done;
        await ReloadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostChooseAsync(Guid stateId, Guid profileId, CancellationToken cancellationToken)
    {
        await catalog.ChooseAsync(stateId, profileId, cancellationToken);
        return Done("The state's profile is chosen.");
    }

    public async Task<IActionResult> OnPostCopyAsync(CancellationToken cancellationToken)
    {
        var copy = await catalog.CopyAsync(Copy.ProfileId, Copy.Name, Copy.OwnerStateId, cancellationToken);
        return Redirect($"/state/profiles?done={Uri.EscapeDataString("Copied. Adjust the copy below.")}#profile-{copy.Id}");
    }

    public async Task<IActionResult> OnPostAdjustAsync(CancellationToken cancellationToken)
    {
        var version = await catalog.AdjustAsync(Adjust.ProfileId, new ProfileAdjustment(Adjust.EffectiveFrom, Adjust.Unit, Adjust.PerMicroCredential, Adjust.PerHour, Adjust.SignOffRequired,
            Adjust.CertificateTitle, Adjust.CertificateWording, Adjust.IdName, Adjust.IdPattern, Adjust.IdHint, Adjust.ColumnHeaders), cancellationToken);
        return Done($"Version {version.Number} takes effect on {version.EffectiveFrom:d MMMM yyyy}.");
    }

    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        Profiles = await catalog.VisibleAsync(cancellationToken);
        var keepable = new HashSet<Guid>();
        foreach (var view in Profiles)
        {
            if (await catalog.MayKeepProfileAsync(view.Profile, cancellationToken))
            {
                keepable.Add(view.Profile.Id);
            }
        }

        Keepable = keepable;
        States = await catalog.ReviewedStatesAsync(cancellationToken);
        var chosen = new Dictionary<Guid, Guid>();
        foreach (var state in States)
        {
            if (await catalog.ChoiceOfAsync(state.Id, cancellationToken) is { } profile)
            {
                chosen[state.Id] = profile;
            }
        }

        Chosen = chosen;
        PlatformAdmin = await catalog.IsPlatformAdminAsync(cancellationToken);
        return true;
    }

    private RedirectResult Done(string message) => Redirect("/state/profiles?done=" + Uri.EscapeDataString(message));

    public sealed class CopyInput
    {
        public Guid ProfileId { get; set; }

        public string? Name { get; set; }

        public Guid? OwnerStateId { get; set; }
    }

    public sealed class AdjustInput
    {
        public Guid ProfileId { get; set; }

        [DateInRange(DateField.LicenseDate)]
        public DateOnly? EffectiveFrom { get; set; }

        public string? Unit { get; set; }

        public decimal? PerMicroCredential { get; set; }

        public decimal? PerHour { get; set; }

        public bool SignOffRequired { get; set; }

        public string? CertificateTitle { get; set; }

        public string? CertificateWording { get; set; }

        public string? IdName { get; set; }

        public string? IdPattern { get; set; }

        public string? IdHint { get; set; }

        public string? ColumnHeaders { get; set; }
    }
}
