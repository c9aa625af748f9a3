using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Data;

namespace PLBadges.Identity.Providers;

/// <summary>A registration as the admin pages and recipes give it; a null secret keeps the one stored.</summary>
public sealed record ProviderInput(string RegistrationId, ProviderKind Kind, Guid? DistrictId, string DisplayName, string Issuer, string ClientId, string? ClientSecret, bool Enabled);

/// <summary>A district's sign-in settings as its admin gives them.</summary>
public sealed record DistrictSignInInput(Guid DistrictId, string Domains, string Tenants, string ClassLinkTenants, bool LocalPasswordsOff, bool AdmitUnknown = false);

/// <summary>Saves registrations and district settings, checked at the edge, and rebuilds OpenIddict's client options.</summary>
public sealed class SignInSettings(PLBadgesDbContext db, ProviderRegistrations registrations, TimeProvider clock)
{
    public static string DistrictRegistrationId(Guid districtId) => $"d-{districtId:N}"[..14];

    public async Task SaveProviderAsync(ProviderInput input, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(input.Issuer.Trim(), UriKind.Absolute, out var issuer) || (issuer.Scheme != Uri.UriSchemeHttps && issuer.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment))
        {
            throw new RuleException("Enter the provider's issuer address, such as https://login.example.org (its discovery document is at /.well-known/openid-configuration).", "Issuer");
        }

        if (input.ClientId.Trim().Length is 0 or > 256)
        {
            throw new RuleException("Enter the client id the provider gave you.", "ClientId");
        }

        if (input.DisplayName.Trim().Length is 0 or > 100)
        {
            throw new RuleException("Enter a short name for the button, such as \"Riverbend account\".", "DisplayName");
        }

        var provider = await db.Set<SignInProvider>().FirstOrDefaultAsync(p => p.RegistrationId == input.RegistrationId, cancellationToken);
        if (provider == null)
        {
            if (string.IsNullOrEmpty(input.ClientSecret))
            {
                throw new RuleException("Enter the client secret the provider gave you.", "ClientSecret");
            }

            provider = new SignInProvider { RegistrationId = input.RegistrationId, DisplayName = "", Issuer = "", ClientId = "" };
            db.Add(provider);
        }
        else if (provider.DistrictId != input.DistrictId)
        {
            throw new RuleException("That registration belongs elsewhere.");
        }

        provider.Kind = input.Kind;
        provider.DistrictId = input.DistrictId;
        provider.DisplayName = input.DisplayName.Trim();
        // Kept as typed: a provider's tokens must carry exactly the issuer its discovery document names.
        provider.Issuer = input.Issuer.Trim();
        provider.ClientId = input.ClientId.Trim();
        provider.Enabled = input.Enabled;
        if (!string.IsNullOrEmpty(input.ClientSecret))
        {
            provider.ProtectedSecret = registrations.Protect(input.ClientSecret);
        }

        provider.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        registrations.Changed();
    }

    public async Task SaveDistrictAsync(DistrictSignInInput input, CancellationToken cancellationToken)
    {
        var settings = await db.Set<DistrictSignIn>().FirstOrDefaultAsync(d => d.DistrictId == input.DistrictId, cancellationToken);
        if (settings == null)
        {
            settings = new DistrictSignIn { DistrictId = input.DistrictId };
            db.Add(settings);
        }

        var domains = DistrictSignIn.Split(input.Domains);
        if (domains.FirstOrDefault(d => Uri.CheckHostName(d) != UriHostNameType.Dns || !d.Contains('.', StringComparison.Ordinal)) is { } bad)
        {
            throw new RuleException($"'{bad}' is not an email domain (such as riverbend.k12.example.us).", "Domains");
        }

        settings.Domains = string.Join(' ', domains);
        settings.Tenants = string.Join(' ', DistrictSignIn.Split(input.Tenants));
        settings.ClassLinkTenants = string.Join(' ', DistrictSignIn.Split(input.ClassLinkTenants));
        settings.LocalPasswordsOff = input.LocalPasswordsOff;
        settings.AdmitUnknown = input.AdmitUnknown;
        settings.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }
}
