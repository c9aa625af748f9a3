using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using PLBadges.Data;
using PLBadges.Identity.People;
using PLBadges.Identity.Roster;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Providers;

/// <summary>What a provider said about the person, from its validated identity token and user info.</summary>
public sealed record ExternalIdentity(
    string RegistrationId,
    string? Issuer,
    string Subject,
    string? Email,
    bool EmailVerified,
    string? HostedDomain,
    string? TenantId,
    string? ObjectId,
    bool EmailDomainVerified,
    string? SourcedId,
    string? ClassLinkTenant,
    string? Name = null)
{
    public static ExternalIdentity From(ClaimsPrincipal principal)
    {
        string? Claim(params string[] types) => types.Select(t => principal.FindFirst(t)?.Value).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        bool True(string type) => string.Equals(Claim(type), "true", StringComparison.OrdinalIgnoreCase);
        var registration = Claim(OpenIddictConstants.Claims.Private.RegistrationId) ?? "";
        var subject = Claim(OpenIddictConstants.Claims.Subject, ClaimTypes.NameIdentifier) ?? "";
        var issuer = Claim(OpenIddictConstants.Claims.Issuer) ?? principal.FindFirst(OpenIddictConstants.Claims.Subject)?.Issuer;
        return new ExternalIdentity(registration, issuer, subject, Claim(OpenIddictConstants.Claims.Email, ClaimTypes.Email), True(OpenIddictConstants.Claims.EmailVerified),
            Claim("hd"), Claim("tid"), Claim("oid"), True("xms_edov"), Claim("sourcedId", "SourcedId"), Claim("TenantId", "tenantId"),
            Claim(OpenIddictConstants.Claims.Name, ClaimTypes.Name));
    }

    public string? EmailDomain => Email is { } email && email.LastIndexOf('@') is var at and > 0 ? email[(at + 1)..].ToLowerInvariant() : null;
}

/// <summary>Why a sign-in through a provider was refused, as the sign-in page words it.</summary>
public enum ExternalRefusal
{
    Failed,
    NoDistrict,
    NotFound,
    WrongDistrict,
    Deactivated,
    LinkedElsewhere,
}

/// <summary>
/// Decides who a provider's answer signs in. A person linked before is found by the provider's
/// immutable subject (Microsoft: tenant and object id), never by email, so a renamed mailbox cannot
/// take an account over. A first sign-in is linked by the provider's rule (Google: a verified email
/// of one of the district's Workspace domains; Microsoft: a tenant on the district's list and a
/// domain Microsoft verified; ClassLink: the OneRoster sourcedId, else the email in the district's
/// domains; others: a verified email in the district's domains) to a person the district already
/// has. Someone the district does not know is refused, unless the district lets such people in:
/// then the provider's word for their email (as for a first link) makes them an account with no role,
/// waiting for a district admin (<see cref="PendingPerson"/>). Every sign-in and link goes to the
/// district's log.
/// </summary>
public sealed class ExternalSignIn(PLBadgesDbContext db, UserManager<Person> users, IOrganizationDirectory organizations, DistrictLog log, IOptions<ProviderOptions> options, TimeProvider clock)
{
    /// <summary>Whether the person waits for a district admin's confirmation (and holds no role yet).</summary>
    public async Task<bool> WaitingAsync(Guid personId, CancellationToken cancellationToken) =>
        await db.Set<PendingPerson>().AnyAsync(p => p.PersonId == personId && p.ConfirmedAt == null, cancellationToken)
        && !await db.Set<Membership>().AnyAsync(m => m.PersonId == personId, cancellationToken);

    public async Task<(Person? Person, ExternalRefusal? Refusal)> ResolveAsync(ExternalIdentity identity, CancellationToken cancellationToken)
    {
        var provider = await db.Set<SignInProvider>().AsNoTracking().FirstOrDefaultAsync(p => p.RegistrationId == identity.RegistrationId && p.Enabled, cancellationToken);
        if (provider == null || identity.Subject.Length == 0)
        {
            return (null, ExternalRefusal.Failed);
        }

        var settings = await db.Set<DistrictSignIn>().AsNoTracking().ToListAsync(cancellationToken);
        var districts = provider.DistrictId is { } own
            ? settings.Where(s => s.DistrictId == own).DefaultIfEmpty(new DistrictSignIn { DistrictId = own }).ToList()
            : settings.Where(s => provider.Kind switch
            {
                ProviderKind.Google => identity.HostedDomain != null && DistrictSignIn.Split(s.Domains).Contains(identity.HostedDomain.ToLowerInvariant()),
                ProviderKind.Microsoft => identity.TenantId != null && DistrictSignIn.Split(s.Tenants).Contains(identity.TenantId.ToLowerInvariant()),
                ProviderKind.ClassLink => identity.ClassLinkTenant != null && DistrictSignIn.Split(s.ClassLinkTenants).Contains(identity.ClassLinkTenant.ToLowerInvariant()),
                _ => false,
            }).ToList();
        if (districts.Count == 0)
        {
            return (null, ExternalRefusal.NoDistrict);
        }

        if (provider.Kind == ProviderKind.Microsoft
            && !string.Equals(identity.Issuer, options.Value.MicrosoftIssuer.Replace("{tid}", identity.TenantId, StringComparison.Ordinal), StringComparison.Ordinal))
        {
            // On the shared endpoint OpenIddict cannot check the issuer: a token must name its own tenant's.
            return (null, ExternalRefusal.Failed);
        }

        var key = provider.Kind == ProviderKind.Microsoft ? $"{identity.TenantId}:{identity.ObjectId}" : identity.Subject;
        if (provider.Kind == ProviderKind.Microsoft && string.IsNullOrEmpty(identity.ObjectId))
        {
            return (null, ExternalRefusal.Failed);
        }

        var person = await users.FindByLoginAsync(provider.RegistrationId, key);
        if (person != null)
        {
            // Linked before; but a person of one district is never signed in through another district's provider.
            var here = await DistrictOfPersonAsync(person.Id, districts.Select(d => d.DistrictId), cancellationToken);
            if (here == null && await WaitingInAsync(person.Id, districts, cancellationToken) is { } waiting)
            {
                return Signed(person, waiting, provider, linked: false);
            }

            if (here == null)
            {
                return (null, ExternalRefusal.WrongDistrict);
            }

            return Signed(person, here.Value, provider, linked: false);
        }

        foreach (var district in districts)
        {
            var found = await FirstLinkAsync(provider, district, identity, cancellationToken);
            if (found != null && (await users.GetLoginsAsync(found)).Any(l => l.LoginProvider == provider.RegistrationId))
            {
                // Linked already, under another subject: a mailbox renamed or handed on at the provider
                // does not bring its old owner's account with it.
                log.Add(district.DistrictId, "sign-in", $"A sign-in as {identity.Email} through {provider.DisplayName} was refused: {found.DisplayName} is linked to another account there.", null, found.Id);
                return (null, ExternalRefusal.LinkedElsewhere);
            }

            if (found != null)
            {
                var added = await users.AddLoginAsync(found, new UserLoginInfo(provider.RegistrationId, key, provider.DisplayName));
                if (!added.Succeeded)
                {
                    return (null, ExternalRefusal.Failed);
                }

                return Signed(found, district.DistrictId, provider, linked: true);
            }
        }

        foreach (var district in districts.Where(d => d.AdmitUnknown))
        {
            if (await AdmitAsync(provider, district, identity, key, cancellationToken) is { } admitted)
            {
                return (admitted, null);
            }
        }

        foreach (var district in districts)
        {
            log.Add(district.DistrictId, "sign-in", $"A sign-in as {identity.Email ?? "(no email)"} through {provider.DisplayName} was refused: it matched none of the district's people.", null, null);
        }

        return (null, ExternalRefusal.NotFound);
    }

    private (Person?, ExternalRefusal?) Signed(Person person, Guid district, SignInProvider provider, bool linked)
    {
        if (!person.IsActive)
        {
            log.Add(district, "sign-in", $"{person.DisplayName} ({person.Email}) was refused through {provider.DisplayName}: the account is deactivated.", person.Id, person.Id);
            return (null, ExternalRefusal.Deactivated);
        }

        if (linked)
        {
            log.Add(district, "link", $"{person.DisplayName} ({person.Email}) linked their {provider.DisplayName} account.", person.Id, person.Id);
        }

        log.Add(district, "sign-in", $"{person.DisplayName} ({person.Email}) signed in through {provider.DisplayName}.", person.Id, person.Id);
        return (person, null);
    }

    private async Task<Person?> FirstLinkAsync(SignInProvider provider, DistrictSignIn district, ExternalIdentity identity, CancellationToken cancellationToken)
    {
        switch (provider.Kind)
        {
            case ProviderKind.ClassLink when identity.SourcedId == null && VouchesForEmail(provider, district, identity):
            case not ProviderKind.ClassLink when VouchesForEmail(provider, district, identity):
                return await MemberByEmailAsync(identity.Email!, district.DistrictId, cancellationToken);
            case ProviderKind.ClassLink when identity.SourcedId != null:
                var linkedId = await db.Set<RosterLink>().AsNoTracking().Where(l => l.DistrictId == district.DistrictId && l.SourcedId == identity.SourcedId).Select(l => (Guid?)l.PersonId).FirstOrDefaultAsync(cancellationToken);
                return linkedId == null || await DistrictOfPersonAsync(linkedId.Value, [district.DistrictId], cancellationToken) == null ? null : await users.FindByIdAsync(linkedId.Value.ToString());
            default:
                return null;
        }
    }

    /// <summary>
    /// Whether the provider vouches for the email as one of the district's: Google, a verified email of
    /// one of its Workspace domains; Microsoft, a domain Microsoft verified (xms_edov); ClassLink, an
    /// email in the district's domains; others, a verified email in the district's domains.
    /// </summary>
    private static bool VouchesForEmail(SignInProvider provider, DistrictSignIn district, ExternalIdentity identity)
    {
        var domains = DistrictSignIn.Split(district.Domains);
        var inDomains = identity.EmailDomain is { } domain && domains.Contains(domain);
        return inDomains && provider.Kind switch
        {
            ProviderKind.Google => identity.EmailVerified && identity.HostedDomain != null && domains.Contains(identity.HostedDomain.ToLowerInvariant()),
            ProviderKind.Microsoft => identity.EmailDomainVerified,
            ProviderKind.ClassLink => true,
            _ => identity.EmailVerified,
        };
    }

    /// <summary>An account with no role for someone the provider vouches for, waiting for a district admin; null when the email is someone else's.</summary>
    private async Task<Person?> AdmitAsync(SignInProvider provider, DistrictSignIn district, ExternalIdentity identity, string key, CancellationToken cancellationToken)
    {
        if (!VouchesForEmail(provider, district, identity) || await users.FindByEmailAsync(identity.Email!) != null)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var name = string.IsNullOrWhiteSpace(identity.Name) ? identity.Email! : identity.Name.Trim();
        var person = new Person { UserName = identity.Email, Email = identity.Email, EmailConfirmed = true, DisplayName = name.Length > 200 ? name[..200] : name, CreatedAt = now };
        if (!(await users.CreateAsync(person)).Succeeded || !(await users.AddLoginAsync(person, new UserLoginInfo(provider.RegistrationId, key, provider.DisplayName))).Succeeded)
        {
            return null;
        }

        db.Add(new PendingPerson { DistrictId = district.DistrictId, PersonId = person.Id, RegistrationId = provider.RegistrationId, CreatedAt = now });
        log.Add(district.DistrictId, "link", $"{person.DisplayName} ({person.Email}) signed in through {provider.DisplayName} for the first time and waits for a district admin's confirmation.", person.Id, person.Id);
        return person;
    }

    /// <summary>The first of the districts where the person waits for confirmation, or null.</summary>
    private async Task<Guid?> WaitingInAsync(Guid personId, IEnumerable<DistrictSignIn> districts, CancellationToken cancellationToken)
    {
        var ids = districts.Select(d => d.DistrictId).ToList();
        return await db.Set<PendingPerson>().AsNoTracking().Where(p => p.PersonId == personId && p.ConfirmedAt == null && ids.Contains(p.DistrictId))
            .Select(p => (Guid?)p.DistrictId).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<Person?> MemberByEmailAsync(string email, Guid districtId, CancellationToken cancellationToken)
    {
        var person = await users.FindByEmailAsync(email);
        return person != null && await DistrictOfPersonAsync(person.Id, [districtId], cancellationToken) != null ? person : null;
    }

    /// <summary>The first of the districts where the person holds a role, or null.</summary>
    private async Task<Guid?> DistrictOfPersonAsync(Guid personId, IEnumerable<Guid> districts, CancellationToken cancellationToken)
    {
        var held = await db.Set<Membership>().AsNoTracking().Where(m => m.PersonId == personId && m.OrganizationId != null).Select(m => m.OrganizationId!.Value).ToListAsync(cancellationToken);
        foreach (var district in districts)
        {
            var tree = await organizations.WithDescendantsAsync([district], cancellationToken);
            if (held.Any(tree.Contains))
            {
                return district;
            }
        }

        return null;
    }
}
