using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Recognition.StateCredit;

/// <summary>A provider set up for a profile: its approved-provider name and number, and the profile.</summary>
internal sealed record ProviderSetup(ProviderIdentity Identity, ProfileView Profile);

/// <summary>A micro-credential offered in the district and how it converts for a profile.</summary>
public sealed record CreditChoiceRow(Guid MicroCredentialId, string Title, string PathwayTitle, CreditBasis Basis, decimal Units, decimal EstimatedHours);

/// <summary>A school leader named to sign off their school's educators.</summary>
public sealed record DelegateRow(Guid SchoolId, string SchoolName, Guid PersonId, string Name, string Email);

/// <summary>
/// A district set up as a provider for states: per profile, its approved-provider name and number; per micro-credential,
/// the conversion it applies (the profile's fixed figure or hours times the factor); and the school leaders it names to
/// sign off their school's educators. Only the district's admins (or a platform admin) change it.
/// </summary>
public sealed class DistrictSetup(
    PLBadgesDbContext db,
    IAccessControl access,
    IReachedOrganizations reached,
    IOrganizationDirectory organizations,
    IPeopleDirectory people,
    IMicroCredentialCatalog catalog,
    ProfileCatalog profiles,
    TimeProvider clock)
{
    /// <summary>The districts the signed-in person sets up.</summary>
    public Task<IReadOnlyList<OrganizationInfo>> DistrictsAsync(CancellationToken cancellationToken) =>
        reached.ReachedAsync(RecognitionPermissions.StateCredit, OrganizationKind.District, cancellationToken);

    /// <summary>The profiles a provider (a district, or a state for its own program) is set up for.</summary>
    internal async Task<IReadOnlyList<ProviderSetup>> ProvidersAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var identities = await db.Set<ProviderIdentity>().AsNoTracking().Where(p => p.OrganizationId == organizationId).ToListAsync(cancellationToken);
        var views = await profiles.ProfilesAsync(identities.Select(i => i.ProfileId), cancellationToken);
        return identities.Where(i => views.ContainsKey(i.ProfileId)).Select(i => new ProviderSetup(i, views[i.ProfileId])).OrderBy(p => p.Profile.Profile.Name).ToList();
    }

    /// <summary>The profiles a district may set up: shipped ones, platform copies, and its state's own copies; its state's choice first.</summary>
    internal async Task<IReadOnlyList<ProfileView>> OfferedAsync(Guid districtId, CancellationToken cancellationToken)
    {
        var state = (await organizations.GetAsync(districtId, cancellationToken))?.StateId;
        var ids = await db.Set<StateProfile>().AsNoTracking().Where(p => p.OwnerStateId == null || p.OwnerStateId == state).Select(p => p.Id).ToListAsync(cancellationToken);
        var chosen = state is { } s ? await profiles.ChoiceOfAsync(s, cancellationToken) : null;
        return (await profiles.ProfilesAsync(ids, cancellationToken)).Values.OrderBy(v => v.Profile.Id == chosen ? 0 : 1).ThenBy(v => v.Profile.Name).ToList();
    }

    /// <summary>Records (or changes) the provider's name and number for a profile: the organization is then set up for it.</summary>
    internal async Task SaveProviderAsync(Guid organizationId, Guid profileId, string? name, string? number, CancellationToken cancellationToken)
    {
        await MaySetUpAsync(organizationId, cancellationToken);
        if (!(await OfferedAsync(organizationId, cancellationToken)).Any(p => p.Profile.Id == profileId))
        {
            throw new RuleException("Choose one of the profiles offered.", "Provider.ProfileId");
        }

        name = DisplayText.Clean(name ?? "");
        number = DisplayText.Clean(number ?? "");
        if (name.Length is 0 or > 200)
        {
            throw new RuleException("Give the approved provider's name as the state knows it (at most 200 characters).", "Provider.Name");
        }

        if (number.Length > 40 || Csv.LooksLikeFormula(number) || Csv.LooksLikeFormula(name))
        {
            throw new RuleException("The provider's name and number cannot start with =, +, -, @ or a tab, and the number is at most 40 characters.", "Provider.Number");
        }

        var identity = await db.Set<ProviderIdentity>().FirstOrDefaultAsync(p => p.OrganizationId == organizationId && p.ProfileId == profileId, cancellationToken);
        if (identity == null)
        {
            db.Add(identity = new ProviderIdentity { OrganizationId = organizationId, ProfileId = profileId, ProviderName = name });
        }

        identity.ProviderName = name;
        identity.ProviderNumber = number;
        identity.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        identity.UpdatedBy = access.PersonId;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The district's micro-credentials with the conversion each takes for the profile (the district's choice, or the profile's default).</summary>
    internal async Task<IReadOnlyList<CreditChoiceRow>> ChoicesAsync(Guid districtId, ProfileView profile, CancellationToken cancellationToken)
    {
        var definition = profile.InEffect(profiles.Today)?.Definition ?? profile.Latest.Definition;
        var chosen = await db.Set<CreditChoice>().AsNoTracking().Where(c => c.DistrictId == districtId && c.ProfileId == profile.Profile.Id)
            .ToDictionaryAsync(c => c.MicroCredentialId, c => c.Basis, cancellationToken);
        var rows = new List<CreditChoiceRow>();
        foreach (var mc in await catalog.AvailableToAsync(districtId, cancellationToken))
        {
            var hours = (await catalog.PublishedAsync(mc.Slug, cancellationToken))?.Content.EstimatedHours ?? 0;
            var basis = chosen.TryGetValue(mc.MicroCredentialId, out var b) && (b == CreditBasis.Hours || definition.Credit.PerMicroCredential.Value != null) ? b : Conversion.DefaultBasis(definition.Credit);
            rows.Add(new CreditChoiceRow(mc.MicroCredentialId, mc.Title, mc.PathwayTitle, basis, Conversion.Units(definition.Credit, basis, hours), hours));
        }

        return rows.OrderBy(r => r.PathwayTitle).ThenBy(r => r.Title).ToList();
    }

    /// <summary>The district decides, per micro-credential, whether the profile's fixed figure or its hours apply.</summary>
    internal async Task SaveChoiceAsync(Guid districtId, Guid profileId, Guid microCredentialId, CreditBasis basis, CancellationToken cancellationToken)
    {
        await MaySetUpAsync(districtId, cancellationToken);
        var profile = (await ProvidersAsync(districtId, cancellationToken)).FirstOrDefault(p => p.Profile.Profile.Id == profileId)?.Profile
            ?? throw new RuleException("Set the district up for this profile first.");
        if (basis == CreditBasis.Fixed && (profile.InEffect(profiles.Today)?.Definition ?? profile.Latest.Definition).Credit.PerMicroCredential.Value == null)
        {
            throw new RuleException($"{profile.Profile.Name} has no fixed figure per micro-credential: it counts hours.");
        }

        if (!(await catalog.AvailableToAsync(districtId, cancellationToken)).Any(m => m.MicroCredentialId == microCredentialId))
        {
            throw new RuleException("That micro-credential is not offered in the district.");
        }

        var choice = await db.Set<CreditChoice>().FirstOrDefaultAsync(c => c.DistrictId == districtId && c.ProfileId == profileId && c.MicroCredentialId == microCredentialId, cancellationToken);
        if (choice == null)
        {
            db.Add(new CreditChoice { DistrictId = districtId, ProfileId = profileId, MicroCredentialId = microCredentialId, Basis = basis });
        }
        else
        {
            choice.Basis = basis;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The conversions a district chose for a profile, by micro-credential.</summary>
    internal async Task<IReadOnlyDictionary<Guid, CreditBasis>> BasesAsync(Guid districtId, Guid profileId, CancellationToken cancellationToken) =>
        await db.Set<CreditChoice>().AsNoTracking().Where(c => c.DistrictId == districtId && c.ProfileId == profileId).ToDictionaryAsync(c => c.MicroCredentialId, c => c.Basis, cancellationToken);

    public async Task<IReadOnlyList<DelegateRow>> DelegatesAsync(Guid districtId, CancellationToken cancellationToken)
    {
        var delegates = await db.Set<SignOffDelegate>().AsNoTracking().Where(d => d.DistrictId == districtId).ToListAsync(cancellationToken);
        var names = (await people.GetAsync(delegates.Select(d => d.PersonId).Distinct(), cancellationToken)).ToDictionary(p => p.Id);
        var schools = (await organizations.ListAsync(delegates.Select(d => d.SchoolId).Distinct(), cancellationToken)).ToDictionary(o => o.Id, o => o.Name);
        return delegates.Where(d => names.ContainsKey(d.PersonId))
            .Select(d => new DelegateRow(d.SchoolId, schools.GetValueOrDefault(d.SchoolId) ?? "", d.PersonId, names[d.PersonId].DisplayName, names[d.PersonId].Email))
            .OrderBy(d => d.SchoolName).ThenBy(d => d.Name).ToList();
    }

    /// <summary>Names a school leader of one of the district's schools to sign off that school's educators.</summary>
    public async Task AddDelegateAsync(Guid districtId, string? email, CancellationToken cancellationToken)
    {
        await MaySetUpAsync(districtId, cancellationToken);
        var person = string.IsNullOrWhiteSpace(email) ? null : await people.FindByEmailAsync(email.Trim(), cancellationToken);
        var schools = person == null ? [] : await LedSchoolsAsync(person.Id, districtId, cancellationToken);
        if (person == null || schools.Count == 0)
        {
            throw new RuleException("Give the email of a school leader of one of the district's schools.", "DelegateEmail");
        }

        foreach (var school in schools)
        {
            if (!await db.Set<SignOffDelegate>().AnyAsync(d => d.SchoolId == school && d.PersonId == person.Id, cancellationToken))
            {
                db.Add(new SignOffDelegate { SchoolId = school, PersonId = person.Id, DistrictId = districtId, AddedAt = clock.GetUtcNow().UtcDateTime, AddedBy = access.PersonId ?? Guid.Empty });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RemoveDelegateAsync(Guid districtId, Guid personId, CancellationToken cancellationToken)
    {
        await MaySetUpAsync(districtId, cancellationToken);
        await db.Set<SignOffDelegate>().Where(d => d.DistrictId == districtId && d.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The district's schools where the person is a school leader.</summary>
    private async Task<IReadOnlyList<Guid>> LedSchoolsAsync(Guid personId, Guid districtId, CancellationToken cancellationToken)
    {
        var led = (await people.RolesOfAsync(personId, cancellationToken)).Where(r => r.Role == Role.SchoolLeader && r.OrganizationId != null).Select(r => r.OrganizationId!.Value).ToList();
        return (await organizations.ListAsync(led, cancellationToken)).Where(o => o.Kind == OrganizationKind.School && o.DistrictId == districtId).Select(o => o.Id).ToList();
    }

    /// <summary>Refuses unless the signed-in person sets up this organization (its district admins; a platform admin anywhere).</summary>
    internal async Task MaySetUpAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        if (await organizations.GetAsync(organizationId, cancellationToken) is not { Kind: OrganizationKind.District or OrganizationKind.State }
            || !await access.HasAsync(RecognitionPermissions.StateCredit, organizationId, cancellationToken))
        {
            throw new RuleException("Only the district's admins set it up for states.");
        }
    }
}
