using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Abstractions.Values;
using PLBadges.Cohorts.Academy;
using PLBadges.Credentials.Contracts;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Cohorts.Waves;

/// <summary>A teacher of a district, where they teach, and what they said of themselves.</summary>
public sealed record WaveTeacher(PersonInfo Person, OrganizationInfo School, TechnologyComfort? Comfort, TeachingRole? Role, string? Goal);

/// <summary>
/// The rule for naming a peer coach: a teacher of an earlier wave of the same district who has
/// completed a pathway. Returns why not, or null when the rule is met.
/// </summary>
public static class PeerCoachRule
{
    public static string? Refusal(int? candidateWave, int targetWave, bool holdsPathway) =>
        candidateWave is not { } theirs ? "A peer coach must be a teacher of one of the district's waves."
        : theirs >= targetWave ? $"A peer coach comes from an earlier wave: they are in wave {theirs}, and this is wave {targetWave}."
        : !holdsPathway ? "A peer coach must have completed a pathway first."
        : null;
}

/// <summary>
/// Waves of professional learning: a district admin makes waves, gives each its target
/// micro-credentials, places teachers (one by one or a whole school; the self-assessment suggests,
/// the admin decides) and names peer coaches from earlier waves. Refusals throw
/// <see cref="RuleException"/>; each change is one SaveChanges.
/// </summary>
public sealed class WaveService(
    PLBadgesDbContext db,
    IAccessControl access,
    IOrganizationDirectory organizations,
    IPeopleDirectory people,
    IMicroCredentialCatalog catalog,
    ICredentialHoldings holdings,
    TimeProvider clock)
{
    public Guid? PersonId => access.PersonId;

    internal async Task<bool> ManagesAsync(Guid districtId, CancellationToken cancellationToken) =>
        await access.HasAsync(CohortPermissions.Manage, districtId, cancellationToken);

    /// <summary>The wave when the person manages its district; null (as if it did not exist) otherwise.</summary>
    internal async Task<Wave?> ManagedAsync(Guid waveId, CancellationToken cancellationToken) =>
        await db.Set<Wave>().FirstOrDefaultAsync(w => w.Id == waveId, cancellationToken) is { } wave && await ManagesAsync(wave.DistrictId, cancellationToken) ? wave : null;

    internal async Task<IReadOnlyList<Wave>> WavesAsync(Guid districtId, CancellationToken cancellationToken) =>
        await db.Set<Wave>().AsNoTracking().Where(w => w.DistrictId == districtId).OrderBy(w => w.Number).ToListAsync(cancellationToken);

    internal async Task<Wave> CreateAsync(Guid districtId, string? name, DateOnly? startsOn, DateOnly? endsOn, CancellationToken cancellationToken)
    {
        if (!await ManagesAsync(districtId, cancellationToken))
        {
            throw new RuleException("You do not run waves in that district.");
        }

        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            throw new RuleException("Give the wave a name of at most 200 characters.");
        }

        if (startsOn == null || endsOn == null || endsOn <= startsOn)
        {
            throw new RuleException("Give the wave's first and last days; it must end after it starts.");
        }

        if ((FieldRanges.Check(DateField.AcademySession, startsOn, "The wave's first day") ?? FieldRanges.Check(DateField.AcademySession, endsOn, "The wave's last day")) is { } outside)
        {
            throw new RuleException(outside);
        }

        var waves = await db.Set<Wave>().Where(w => w.DistrictId == districtId).ToListAsync(cancellationToken);
        if (waves.Any(w => w.Name == name))
        {
            throw new RuleException($"The district already has a wave called {name}.");
        }

        var wave = new Wave { DistrictId = districtId, Name = name, StartsOn = startsOn.Value, EndsOn = endsOn.Value, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Add(wave);

        Renumber(waves.Append(wave));
        await db.SaveChangesAsync(cancellationToken);
        return wave;
    }

    /// <summary>Numbers a district's waves in the order they start: "earlier" always means an earlier start.</summary>
    internal static void Renumber(IEnumerable<Wave> districtWaves)
    {
        var number = 1;
        foreach (var each in districtWaves.OrderBy(w => w.StartsOn).ThenBy(w => w.CreatedAt))
        {
            each.Number = number++;
        }
    }

    internal async Task AddTargetAsync(Wave wave, string? slug, CancellationToken cancellationToken)
    {
        var available = await catalog.AvailableToAsync(wave.DistrictId, cancellationToken);
        if (available.FirstOrDefault(m => m.Slug == slug) is not { } credential)
        {
            throw new RuleException("Choose a micro-credential the district offers.");
        }

        if (!await db.Set<WaveTarget>().AnyAsync(t => t.WaveId == wave.Id && t.MicroCredentialId == credential.MicroCredentialId, cancellationToken))
        {
            db.Add(new WaveTarget { WaveId = wave.Id, MicroCredentialId = credential.MicroCredentialId, Title = credential.Title });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Places a teacher of the district in a wave, moving them from any other; a null wave takes them out.</summary>
    internal async Task PlaceAsync(Guid districtId, Guid personId, Guid? waveId, CancellationToken cancellationToken)
    {
        if (!await ManagesAsync(districtId, cancellationToken))
        {
            throw new RuleException("You do not run waves in that district.");
        }

        if (await SchoolOfTeacherAsync(districtId, personId, cancellationToken) is not { } school)
        {
            throw new RuleException("Choose a teacher of one of the district's schools.");
        }

        if (waveId is { } id && !await db.Set<Wave>().AnyAsync(w => w.Id == id && w.DistrictId == districtId, cancellationToken))
        {
            throw new RuleException("Choose one of the district's waves.");
        }

        var existing = await db.Set<WaveMember>().FirstOrDefaultAsync(m => m.DistrictId == districtId && m.PersonId == personId, cancellationToken);
        if (existing != null && existing.WaveId == waveId)
        {
            return;
        }

        if (existing != null)
        {
            db.Remove(existing);
        }

        // A peer coach coaches only later waves than their own: moved to a later wave (or out of the waves), they stop coaching the waves not after it.
        var newNumber = waveId is { } movedTo ? await db.Set<Wave>().Where(w => w.Id == movedTo).Select(w => w.Number).FirstAsync(cancellationToken) : int.MaxValue;
        var coached = await (from c in db.Set<WavePeerCoach>()
                             join w in db.Set<Wave>() on c.WaveId equals w.Id
                             where c.PersonId == personId && w.DistrictId == districtId && w.Number <= newNumber
                             select c).ToListAsync(cancellationToken);
        db.RemoveRange(coached);

        if (waveId is { } target)
        {
            db.Add(new WaveMember { WaveId = target, DistrictId = districtId, PersonId = personId, SchoolId = school, PlacedBy = access.PersonId!.Value, PlacedAt = clock.GetUtcNow().UtcDateTime });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Places every teacher of a school who is in no wave yet; returns how many.</summary>
    internal async Task<int> PlaceSchoolAsync(Wave wave, Guid schoolId, CancellationToken cancellationToken)
    {
        if (await organizations.GetAsync(schoolId, cancellationToken) is not { Kind: OrganizationKind.School } school || school.DistrictId != wave.DistrictId)
        {
            throw new RuleException("Choose a school of the wave's district.");
        }

        var teachers = (await people.WithRoleAsync(Role.Teacher, [schoolId], cancellationToken)).Where(p => p.IsActive).Select(p => p.Id).ToList();
        var placed = await db.Set<WaveMember>().Where(m => m.DistrictId == wave.DistrictId && teachers.Contains(m.PersonId)).Select(m => m.PersonId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var teacher in teachers.Except(placed))
        {
            db.Add(new WaveMember { WaveId = wave.Id, DistrictId = wave.DistrictId, PersonId = teacher, SchoolId = schoolId, PlacedBy = access.PersonId!.Value, PlacedAt = now });
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    /// <summary>Names a teacher of an earlier wave who has completed a pathway as a peer coach of this wave's teachers at their school.</summary>
    internal async Task NamePeerCoachAsync(Wave wave, Guid personId, CancellationToken cancellationToken)
    {
        var membership = await db.Set<WaveMember>().AsNoTracking().FirstOrDefaultAsync(m => m.DistrictId == wave.DistrictId && m.PersonId == personId, cancellationToken);
        var theirWave = membership == null ? null : await db.Set<Wave>().AsNoTracking().Where(w => w.Id == membership.WaveId).Select(w => (int?)w.Number).FirstOrDefaultAsync(cancellationToken);
        var pathways = await holdings.PathwaysCompletedAsync([personId], cancellationToken);
        var held = pathways.TryGetValue(personId, out var list) ? list : [];
        if (PeerCoachRule.Refusal(theirWave, wave.Number, held.Count > 0) is { } refusal)
        {
            throw new RuleException(refusal);
        }

        if (!await db.Set<WavePeerCoach>().AnyAsync(c => c.WaveId == wave.Id && c.PersonId == personId, cancellationToken))
        {
            db.Add(new WavePeerCoach
            {
                WaveId = wave.Id,
                PersonId = personId,
                SchoolId = membership!.SchoolId,
                Pathway = Shorten(string.Join(", ", held.Select(p => p.Name).Order()), 600),
                NamedBy = access.PersonId!.Value,
                NamedAt = clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    internal async Task RemovePeerCoachAsync(Wave wave, Guid personId, CancellationToken cancellationToken) =>
        await db.Set<WavePeerCoach>().Where(c => c.WaveId == wave.Id && c.PersonId == personId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>The signed-in teacher's self-assessment, kept per district (one answer each, replaced when given again).</summary>
    internal async Task SelfAssessAsync(TechnologyComfort? comfort, TeachingRole? role, string? goal, CancellationToken cancellationToken)
    {
        if (access.PersonId is not { } me || await TeachingDistrictAsync(me, cancellationToken) is not { } district)
        {
            throw new RuleException("The self-assessment is for teachers of a district.");
        }

        goal = goal?.Trim();
        if (comfort is not { } c || !Enum.IsDefined(c) || role is not { } r || !Enum.IsDefined(r))
        {
            throw new RuleException("Choose how comfortable you are and your role.");
        }

        if (string.IsNullOrEmpty(goal) || goal.Length > 500)
        {
            throw new RuleException("Write your learning goal in at most 500 characters.");
        }

        var answer = await db.Set<SelfAssessment>().FirstOrDefaultAsync(a => a.DistrictId == district && a.PersonId == me, cancellationToken);
        if (answer == null)
        {
            answer = new SelfAssessment { DistrictId = district, PersonId = me, Goal = goal };
            db.Add(answer);
        }

        answer.Comfort = c;
        answer.Role = r;
        answer.Goal = goal;
        answer.SubmittedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The district where the person teaches (their first teaching role's school's district).</summary>
    internal async Task<Guid?> TeachingDistrictAsync(Guid personId, CancellationToken cancellationToken)
    {
        foreach (var role in (await people.RolesOfAsync(personId, cancellationToken)).Where(r => r.Role == Role.Teacher && r.OrganizationId != null))
        {
            if (await organizations.GetAsync(role.OrganizationId!.Value, cancellationToken) is { Kind: OrganizationKind.School, DistrictId: { } district })
            {
                return district;
            }
        }

        return null;
    }

    /// <summary>The school of the district where the person teaches; null when they teach in none of its schools.</summary>
    internal async Task<Guid?> SchoolOfTeacherAsync(Guid districtId, Guid personId, CancellationToken cancellationToken)
    {
        foreach (var role in (await people.RolesOfAsync(personId, cancellationToken)).Where(r => r.Role == Role.Teacher && r.OrganizationId != null))
        {
            if (await organizations.GetAsync(role.OrganizationId!.Value, cancellationToken) is { Kind: OrganizationKind.School } school && school.DistrictId == districtId)
            {
                return school.Id;
            }
        }

        return null;
    }

    /// <summary>A school's teachers with their self-assessments, for placing them.</summary>
    internal async Task<IReadOnlyList<WaveTeacher>> TeachersAsync(OrganizationInfo school, CancellationToken cancellationToken)
    {
        var teachers = (await people.WithRoleAsync(Role.Teacher, [school.Id], cancellationToken)).Where(p => p.IsActive).OrderBy(p => p.DisplayName).ToList();
        var ids = teachers.Select(t => t.Id).ToList();
        var answers = await db.Set<SelfAssessment>().AsNoTracking().Where(a => a.DistrictId == school.DistrictId && ids.Contains(a.PersonId)).ToDictionaryAsync(a => a.PersonId, cancellationToken);
        return teachers.Select(t => answers.TryGetValue(t.Id, out var a) ? new WaveTeacher(t, school, a.Comfort, a.Role, a.Goal) : new WaveTeacher(t, school, null, null, null)).ToList();
    }
}
