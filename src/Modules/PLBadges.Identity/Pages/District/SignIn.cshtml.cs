using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.Providers;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Pages.District;

/// <summary>How the district's people sign in: what identifies the district at Google, Microsoft and ClassLink, its own OpenID Connect provider, and local passwords.</summary>
[RequirePermission(IdentityPermissions.Names.ManagePeople)]
public sealed class SignInModel(IDistrictContext districts, PLBadgesDbContext db, SignInSettings settings, ProviderRegistrations registrations) : PageModel, IRefusablePage
{
    [BindProperty(SupportsGet = true)]
    public Guid? District { get; set; }

    public DistrictChoice Choice { get; private set; } = null!;

    [BindProperty]
    public string Domains { get; set; } = "";

    [BindProperty]
    public string Tenants { get; set; } = "";

    [BindProperty]
    public string ClassLinkTenants { get; set; } = "";

    [BindProperty]
    public bool LocalPasswordsOff { get; set; }

    [BindProperty]
    public bool AdmitUnknown { get; set; }

    [BindProperty]
    public string DisplayName { get; set; } = "";

    [BindProperty]
    public string Issuer { get; set; } = "";

    [BindProperty]
    public string ClientId { get; set; } = "";

    [BindProperty]
    public string? ClientSecret { get; set; }

    [BindProperty]
    public bool Enabled { get; set; } = true;

    public bool HasProvider { get; private set; }

    public string RegistrationId { get; private set; } = "";

    public string RedirectUri { get; private set; } = "";

    public string InitiateLoginUri { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ReloadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (await db.Set<DistrictSignIn>().AsNoTracking().FirstOrDefaultAsync(d => d.DistrictId == District, cancellationToken) is { } saved)
        {
            (Domains, Tenants, ClassLinkTenants, LocalPasswordsOff, AdmitUnknown) = (saved.Domains, saved.Tenants, saved.ClassLinkTenants, saved.LocalPasswordsOff, saved.AdmitUnknown);
        }

        if (await db.Set<SignInProvider>().AsNoTracking().FirstOrDefaultAsync(p => p.RegistrationId == RegistrationId, cancellationToken) is { } provider)
        {
            (DisplayName, Issuer, ClientId, Enabled) = (provider.DisplayName, provider.Issuer, provider.ClientId, provider.Enabled);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken cancellationToken)
    {
        if (!await ReloadAsync(cancellationToken))
        {
            return NotFound();
        }

        await settings.SaveDistrictAsync(new DistrictSignInInput(District!.Value, Domains, Tenants, ClassLinkTenants, LocalPasswordsOff, AdmitUnknown), cancellationToken);
        TempData["Status"] = "The sign-in settings are saved.";
        return RedirectToPage(new { district = District });
    }

    public async Task<IActionResult> OnPostProviderAsync(CancellationToken cancellationToken)
    {
        if (!await ReloadAsync(cancellationToken))
        {
            return NotFound();
        }

        await settings.SaveProviderAsync(new ProviderInput(RegistrationId, ProviderKind.OpenIdConnect, District, DisplayName, Issuer, ClientId, ClientSecret, Enabled), cancellationToken);
        TempData["Status"] = "The district's sign-in provider is saved. Its secret is kept encrypted and is not shown again.";
        return RedirectToPage(new { district = District });
    }

    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        Choice = await districts.ResolveAsync(IdentityPermissions.ManagePeople, District, cancellationToken);
        if (Choice.Current == null || (District != null && District != Choice.Current.Id))
        {
            return false;
        }

        District = Choice.Current.Id;
        // The district's own registration: the one it has (a recipe may have named it), else the one it would get.
        RegistrationId = await db.Set<SignInProvider>().Where(p => p.DistrictId == District).OrderBy(p => p.RegistrationId).Select(p => p.RegistrationId).FirstOrDefaultAsync(cancellationToken)
            ?? SignInSettings.DistrictRegistrationId(District.Value);
        HasProvider = await db.Set<SignInProvider>().AnyAsync(p => p.RegistrationId == RegistrationId, cancellationToken);
        RedirectUri = registrations.RedirectUri(RegistrationId).ToString();
        InitiateLoginUri = RedirectUri.Replace("/signin/callback/", "/signin/start/", StringComparison.Ordinal);
        return true;
    }
}
