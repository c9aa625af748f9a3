using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Abstractions.Values;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Recognition.StateCredit;

/// <summary>A profile the educator's district is set up for, with the educator's identifier for its state (if given).</summary>
internal sealed record EducatorProfile(OrganizationInfo District, ProviderSetup Provider, ProfileDefinition Definition, StateEducatorId? Id);

/// <summary>
/// Educators' identifiers with the states their districts report to (PPID, TEA ID…), each in the form its profile
/// checks; the educator changes one until an export carries it, then it is frozen.
/// </summary>
public sealed class EducatorStateIds(PLBadgesDbContext db, IPeopleDirectory people, IOrganizationDirectory organizations, DistrictSetup setup, ProfileCatalog profiles, TimeProvider clock)
{
    /// <summary>The districts where the person learns (as teacher, coach or school leader).</summary>
    internal async Task<IReadOnlyList<OrganizationInfo>> DistrictsOfAsync(Guid personId, CancellationToken cancellationToken)
    {
        var orgs = (await people.RolesOfAsync(personId, cancellationToken))
            .Where(r => r.OrganizationId != null && r.Role is Role.Teacher or Role.Coach or Role.SchoolLeader).Select(r => r.OrganizationId!.Value).Distinct().ToList();
        var districts = new Dictionary<Guid, OrganizationInfo>();
        foreach (var org in orgs)
        {
            if (await organizations.DistrictOfAsync(org, cancellationToken) is { } district)
            {
                districts[district.Id] = district;
            }
        }

        return districts.Values.OrderBy(d => d.Name).ToList();
    }

    /// <summary>Every profile the person's districts are set up for, with the person's identifier for its state.</summary>
    internal async Task<IReadOnlyList<EducatorProfile>> ProfilesOfAsync(Guid personId, CancellationToken cancellationToken)
    {
        var ids = await IdsAsync(personId, cancellationToken);
        var list = new List<EducatorProfile>();
        foreach (var district in await DistrictsOfAsync(personId, cancellationToken))
        {
            foreach (var provider in await setup.ProvidersAsync(district.Id, cancellationToken))
            {
                var definition = provider.Profile.InEffect(profiles.Today)?.Definition ?? provider.Profile.Latest.Definition;
                list.Add(new EducatorProfile(district, provider, definition, ids.GetValueOrDefault(definition.Jurisdiction)));
            }
        }

        return list;
    }

    internal async Task<IReadOnlyDictionary<string, StateEducatorId>> IdsAsync(Guid personId, CancellationToken cancellationToken) =>
        await db.Set<StateEducatorId>().AsNoTracking().Where(i => i.PersonId == personId).ToDictionaryAsync(i => i.Jurisdiction, StringComparer.Ordinal, cancellationToken);

    /// <summary>
    /// Saves the educator's identifier for the profile's state, in the form the profile (as in effect today) checks, with
    /// the license area and expiry date where the profile's categories need them. Refused once an export carried it,
    /// and when another educator already gave the same identifier for that state.
    /// </summary>
    internal async Task SaveAsync(Guid personId, Guid profileId, string? value, string? area, DateOnly? licenseExpiresOn, CancellationToken cancellationToken)
    {
        var mine = (await ProfilesOfAsync(personId, cancellationToken)).FirstOrDefault(p => p.Provider.Profile.Profile.Id == profileId)
            ?? throw new RuleException("Your district does not report to that state.");
        var definition = mine.Definition;
        value = (value ?? "").Trim();
        if (!definition.IdMatches(value))
        {
            throw new RuleException($"{definition.StateName} {definition.EducatorId.Name}s are {definition.EducatorId.Hint}.", "Input.Value");
        }

        if (definition.Categories is { } categories)
        {
            if (area == null || !categories.Areas.Any(a => a.Code == area))
            {
                throw new RuleException($"Choose your license area: {definition.StateName}'s categories depend on it.", "Input.Area");
            }

            var problem = licenseExpiresOn == null ? "Give the day your license expires: the categories depend on it."
                : FieldRanges.Check(DateField.LicenseDate, licenseExpiresOn, "The day your license expires");
            if (problem != null)
            {
                throw new RuleException(problem, "Input.LicenseExpiresOn");
            }
        }
        else
        {
            (area, licenseExpiresOn) = (null, null);
        }

        var jurisdiction = definition.Jurisdiction;
        if (await db.Set<StateEducatorId>().AnyAsync(i => i.Jurisdiction == jurisdiction && i.Value == value && i.PersonId != personId, cancellationToken))
        {
            throw new RuleException($"Another educator has already given that {definition.EducatorId.Name}. Check it, or ask your district.", "Input.Value");
        }

        var id = await db.Set<StateEducatorId>().FirstOrDefaultAsync(i => i.PersonId == personId && i.Jurisdiction == jurisdiction, cancellationToken);
        if (id is { FrozenAt: { } frozen } && (id.Value != value || id.LicenseArea != area || id.LicenseExpiresOn != licenseExpiresOn))
        {
            throw new RuleException($"Your {definition.EducatorId.Name} {id.Value} has gone to {definition.StateName} in an export ({frozen:d MMMM yyyy}); ask your district to have the state change it.", "Input.Value");
        }

        if (id == null)
        {
            db.Add(id = new StateEducatorId { PersonId = personId, Jurisdiction = jurisdiction, Value = value });
        }

        id.Value = value;
        id.LicenseArea = area;
        id.LicenseExpiresOn = licenseExpiresOn;
        id.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }
}
