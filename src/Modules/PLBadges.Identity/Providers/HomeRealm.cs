using Microsoft.EntityFrameworkCore;
using PLBadges.Data;
using PLBadges.Identity.People;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Providers;

/// <summary>A way to sign in: a registration and the words on its button.</summary>
public sealed record ProviderChoice(string RegistrationId, string DisplayName);

/// <summary>
/// Home-realm discovery: the provider an email's domain leads to. Only a domain that exactly one
/// district claims, with exactly one way in, leads straight there; a domain several districts
/// claim, a consumer domain or an unknown one gets buttons, never a guess. Domains only: whether
/// an account exists is never looked at, so the answer tells nobody who has one.
/// </summary>
public sealed class HomeRealm(PLBadgesDbContext db, IOrganizationDirectory organizations)
{
    private static readonly HashSet<string> ConsumerDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com",
    };

    /// <summary>The platform's providers, shown as buttons on the sign-in page.</summary>
    public async Task<IReadOnlyList<ProviderChoice>> PlatformAsync(CancellationToken cancellationToken) =>
        await db.Set<SignInProvider>().AsNoTracking().Where(p => p.Enabled && p.DistrictId == null).OrderBy(p => p.DisplayName)
            .Select(p => new ProviderChoice(p.RegistrationId, p.DisplayName)).ToListAsync(cancellationToken);

    public async Task<(ProviderChoice? One, IReadOnlyList<ProviderChoice> Choices)> DiscoverAsync(string email, CancellationToken cancellationToken)
    {
        var platform = await PlatformAsync(cancellationToken);
        var at = email.Trim().LastIndexOf('@');
        var domain = at > 0 ? email.Trim()[(at + 1)..].ToLowerInvariant() : "";
        if (domain.Length == 0 || ConsumerDomains.Contains(domain))
        {
            return (null, platform);
        }

        var districts = (await db.Set<DistrictSignIn>().AsNoTracking().ToListAsync(cancellationToken)).Where(d => DistrictSignIn.Split(d.Domains).Contains(domain)).ToList();
        var ids = districts.Select(d => d.DistrictId).ToList();
        var own = await db.Set<SignInProvider>().AsNoTracking().Where(p => p.Enabled && p.DistrictId != null && ids.Contains(p.DistrictId.Value))
            .Select(p => new { p.DistrictId, Choice = new ProviderChoice(p.RegistrationId, p.DisplayName) }).ToListAsync(cancellationToken);
        if (districts.Count != 1)
        {
            return (null, [.. own.Select(o => o.Choice), .. platform]);
        }

        var district = districts[0];
        var choices = own.Select(o => o.Choice).ToList();
        if (choices.Count == 0)
        {
            string? Platform(string id) => platform.Any(p => p.RegistrationId == id) ? id : null;
            var mapped = new[]
            {
                district.Tenants.Length > 0 ? Platform("microsoft") : null,
                district.ClassLinkTenants.Length > 0 ? Platform("classlink") : null,
            }.OfType<string>().ToList();
            // A domain alone is Google's mapping (hd), when the district mapped no tenant elsewhere.
            choices = platform.Where(p => mapped.Count > 0 ? mapped.Contains(p.RegistrationId) : p.RegistrationId == "google").ToList();
        }

        return choices.Count == 1 ? (choices[0], choices) : (null, choices.Count > 0 ? choices : platform);
    }

    /// <summary>Whether one of the districts where the person holds a role has switched local passwords off.</summary>
    public async Task<bool> LocalPasswordsOffAsync(Guid personId, CancellationToken cancellationToken)
    {
        var off = await db.Set<DistrictSignIn>().AsNoTracking().Where(d => d.LocalPasswordsOff).Select(d => d.DistrictId).ToListAsync(cancellationToken);
        if (off.Count == 0)
        {
            return false;
        }

        var tree = (await organizations.WithDescendantsAsync(off, cancellationToken)).ToList();
        return await db.Set<Membership>().AnyAsync(m => m.PersonId == personId && m.OrganizationId != null && tree.Contains(m.OrganizationId.Value), cancellationToken);
    }
}
