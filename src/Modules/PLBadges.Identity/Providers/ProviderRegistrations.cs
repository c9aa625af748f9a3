using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OpenIddict.Client;
using OpenIddict.Client.WebIntegration;
using PLBadges.Abstractions.Hosting;
using PLBadges.Data;

namespace PLBadges.Identity.Providers;

/// <summary>Settings under <c>SignIn</c>.</summary>
public sealed class ProviderOptions
{
    public const string Section = "SignIn";

    /// <summary>The issuer Microsoft's tokens must carry, {tid} being the token's tenant: OpenIddict cannot check it on the shared endpoint, so we do.</summary>
    public string MicrosoftIssuer { get; set; } = "https://login.microsoftonline.com/{tid}/v2.0";

    /// <summary>Microsoft's shared endpoint for work and school accounts only (no personal accounts).</summary>
    public string MicrosoftAuthority { get; set; } = "https://login.microsoftonline.com/organizations/v2.0";

    /// <summary>How often a node looks for registrations another node added or changed.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3600)]
    public int RefreshSeconds { get; set; } = 30;
}

/// <summary>
/// Hands the registrations in the database to OpenIddict's client (ADR 0008): it configures
/// <see cref="OpenIddictClientOptions"/> from them and is their change token source, so a change
/// rebuilds the options. A change made on this node applies at once; one made on another node is
/// seen within <see cref="ProviderOptions.RefreshSeconds"/>, when a sign-in asks.
/// </summary>
public sealed class ProviderRegistrations(IServiceScopeFactory scopes, IDataProtectionProvider protection, SiteOrigin origin, IOptions<ProviderOptions> options, TimeProvider clock)
    : IConfigureOptions<OpenIddictClientOptions>, IOptionsChangeTokenSource<OpenIddictClientOptions>
{
    public const string CallbackPath = "signin/callback/";
    private const string Purpose = "PLBadges.Identity.SignInProviders";

    private CancellationTokenSource changes = new();
    private string? loadedStamp;
    private DateTimeOffset checkedAt = DateTimeOffset.MinValue;

    public string? Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref changes).Token);

    public string Protect(string secret) => protection.CreateProtector(Purpose).Protect(secret);

    public Uri RedirectUri(string registrationId) => new($"{origin.Value}/{CallbackPath}{registrationId}");

    /// <summary>Rebuilds OpenIddict's client options from the database (after a change on this node).</summary>
    public void Changed()
    {
        checkedAt = DateTimeOffset.MinValue;
        Interlocked.Exchange(ref changes, new CancellationTokenSource()).Cancel();
    }

    /// <summary>Rebuilds the options when another node changed the registrations since they were loaded; looked at most every RefreshSeconds.</summary>
    public async Task RefreshAsync(PLBadgesDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now - checkedAt < TimeSpan.FromSeconds(options.Value.RefreshSeconds))
        {
            return;
        }

        checkedAt = now;
        if (await StampAsync(db, cancellationToken) != loadedStamp)
        {
            Changed();
        }
    }

    public void Configure(OpenIddictClientOptions client)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
        var providers = db.Set<SignInProvider>().AsNoTracking().Where(p => p.Enabled).ToList();
        loadedStamp = StampAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        var protector = protection.CreateProtector(Purpose);
        foreach (var provider in providers)
        {
            client.Registrations.Add(Registration(provider, provider.ProtectedSecret == null ? null : protector.Unprotect(provider.ProtectedSecret)));
            client.RedirectionEndpointUris.Add(new Uri(CallbackPath + provider.RegistrationId, UriKind.Relative));
        }
    }

    private OpenIddictClientRegistration Registration(SignInProvider provider, string? secret)
    {
        var registration = new OpenIddictClientRegistration
        {
            RegistrationId = provider.RegistrationId,
            ProviderName = provider.RegistrationId,
            ProviderDisplayName = provider.DisplayName,
            ClientId = provider.ClientId,
            ClientSecret = secret,
            RedirectUri = RedirectUri(provider.RegistrationId),
        };
        registration.Scopes.UnionWith(["openid", "email", "profile"]);
        if (provider.Kind == ProviderKind.Microsoft && provider.Issuer == options.Value.MicrosoftAuthority)
        {
            // Microsoft's shared endpoint names each tenant as its own issuer: OpenIddict's Microsoft
            // provider knows that (and so skips the issuer check, which SignInLinks makes instead).
            registration.ProviderType = OpenIddictClientWebIntegrationConstants.ProviderTypes.Microsoft;
            registration.ProviderSettings = new OpenIddictClientWebIntegrationSettings.Microsoft { Tenant = "organizations" };
        }
        else
        {
            registration.Issuer = new Uri(provider.Issuer, UriKind.Absolute);
        }

        return registration;
    }

    private static async Task<string> StampAsync(PLBadgesDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Set<SignInProvider>().AsNoTracking().Select(p => new { p.Id, p.UpdatedAt }).ToListAsync(cancellationToken);
        return string.Join(",", rows.OrderBy(r => r.Id).Select(r => $"{r.Id:N}@{r.UpdatedAt.Ticks}"));
    }
}
