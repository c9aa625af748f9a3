using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;
using PLBadges.Recognition.Programmes;

namespace PLBadges.Recognition.Applications;

/// <summary>Who applies, to which state, from which district, with which licence.</summary>
internal sealed record Applicant(PersonInfo Person, OrganizationInfo State, Guid DistrictId, EducatorLicence? Licence, StateSettings Settings);

/// <summary>
/// The applicant and their licence with the state: who may apply where, and the educator number
/// (in the state's form, one educator's alone, kept once an application carries it).
/// </summary>
public sealed class EducatorLicences(
    PLBadgesDbContext db,
    IAccessControl access,
    IOrganizationDirectory organizations,
    IPeopleDirectory people,
    ProgrammeService programmes,
    TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The signed-in educator, their state and district; null when they apply nowhere.</summary>
    internal async Task<Applicant?> ApplicantAsync(CancellationToken cancellationToken)
    {
        return access.PersonId is { } personId ? await ApplicantAsync(personId, await access.RolesAsync(cancellationToken), cancellationToken) : null;
    }

    /// <summary>The educator, by the first role in which they may apply.</summary>
    internal async Task<Applicant?> ApplicantAsync(Guid personId, IReadOnlyList<RoleAssignment> roles, CancellationToken cancellationToken)
    {
        if ((await people.GetAsync([personId], cancellationToken)).FirstOrDefault() is not { } person)
        {
            return null;
        }

        foreach (var role in roles)
        {
            if (role.OrganizationId is { } org && RecognitionPermissions.Apply.IsGrantedTo(role.Role) && role.Role != Role.PlatformAdmin
                && await organizations.GetAsync(org, cancellationToken) is { StateId: { } stateId, DistrictId: { } districtId }
                && await organizations.GetAsync(stateId, cancellationToken) is { } state)
            {
                var licence = await db.Set<EducatorLicence>().AsNoTracking().FirstOrDefaultAsync(l => l.StateId == stateId && l.PersonId == personId, cancellationToken);
                return new Applicant(person, state, districtId, licence, await programmes.SettingsAsync(stateId, cancellationToken));
            }
        }

        return null;
    }

    /// <summary>Saves the educator's number (in the form the state sets, used by no one else in the state) and their licence's first day.</summary>
    internal async Task SaveLicenceAsync(Applicant applicant, string? number, DateOnly? licensedOn, CancellationToken cancellationToken)
    {
        number = (number ?? "").Trim();
        bool matches;
        try
        {
            matches = number.Length is > 0 and <= 40 && Regex.IsMatch(number, applicant.Settings.EducatorNumberPattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
        }
        catch (RegexMatchTimeoutException)
        {
            matches = false;
        }

        if (!matches)
        {
            throw new RuleException($"{applicant.State.Name} educator numbers are {applicant.Settings.EducatorNumberHint}.");
        }

        if (licensedOn is not { } first || first > Today || first < Today.AddYears(-60))
        {
            throw new RuleException("Give the day your license was first issued (renewal cycles count from it).");
        }

        if (await db.Set<EducatorLicence>().AnyAsync(l => l.StateId == applicant.State.Id && l.EducatorNumber == number && l.PersonId != applicant.Person.Id, cancellationToken)
            || await db.Set<RecognitionApplication>().AnyAsync(a => a.StateId == applicant.State.Id && a.EducatorNumber == number && a.PersonId != applicant.Person.Id, cancellationToken))
        {
            throw new RuleException("Another educator has already given that number. Check it, or ask the state's licensure office.");
        }

        if (applicant.Licence is { } current && current.EducatorNumber != number
            && await db.Set<RecognitionApplication>().AnyAsync(a => a.StateId == applicant.State.Id && a.PersonId == applicant.Person.Id, cancellationToken))
        {
            throw new RuleException($"Your applications already carry the number {current.EducatorNumber} to the state; ask the state's licensure office to change it.");
        }

        var licence = await db.Set<EducatorLicence>().FirstOrDefaultAsync(l => l.StateId == applicant.State.Id && l.PersonId == applicant.Person.Id, cancellationToken);
        if (licence == null)
        {
            db.Add(new EducatorLicence { StateId = applicant.State.Id, PersonId = applicant.Person.Id, EducatorNumber = number, LicensedOn = first, UpdatedAt = clock.GetUtcNow().UtcDateTime });
        }
        else
        {
            licence.EducatorNumber = number;
            licence.LicensedOn = first;
            licence.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The programmes of the applicant's state with a version in effect today.</summary>
    internal async Task<IReadOnlyList<ProgrammeView>> OpenProgrammesAsync(Applicant applicant, CancellationToken cancellationToken) =>
        (await programmes.ProgrammesAsync(applicant.State.Id, cancellationToken)).Where(p => p.InEffect(Today) != null).ToList();
}
