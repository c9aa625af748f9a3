using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Coaching.Contracts;
using PLBadges.Cohorts.Academy;
using PLBadges.Credentials.Contracts;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Cohorts.Readiness;

/// <summary>One school's row of the readiness dashboard.</summary>
public sealed record ReadinessRow(
    OrganizationInfo School,
    ReadinessJudgement Judgement,
    string? CohortName,
    DateOnly? AcademyBegan,
    int TeamSize,
    int SessionsHeld,
    int Teachers,
    int TeachersEngaged,
    int LearningRequired,
    int LearningEarned,
    int TeamCompleted)
{
    /// <summary>Every member of the school's team has completed the academy (and holds its credential).</summary>
    public bool TeamComplete => TeamSize > 0 && TeamCompleted == TeamSize;
}

/// <summary>The dashboard: the schools the person may see (a district admin their district's, a school leader their own), with the rule's settings.</summary>
public sealed record ReadinessBoardView(IReadOnlyList<ReadinessRow> Rows, int LeadMonths, double AttendanceShare);

/// <summary>
/// Builds readiness rows from the academy's records, the schools' rollout dates, credentials held
/// (through Credentials' contract) and coaching cycles (through Coaching's), judged by <see cref="ReadinessRule"/>.
/// </summary>
public sealed class ReadinessBoard(
    PLBadgesDbContext db,
    IReachedOrganizations reached,
    IPeopleDirectory people,
    ICredentialHoldings holdings,
    ICoachingParticipation coaching,
    TimeProvider clock)
{
    public const double DefaultAttendanceShare = 0.8;

    public async Task<ReadinessBoardView> BuildAsync(CancellationToken cancellationToken)
    {
        var schools = await reached.ReachedAsync(CohortPermissions.Readiness, OrganizationKind.School, cancellationToken);
        if (schools.Count == 0)
        {
            return new([], YearAhead.DefaultLeadMonths, DefaultAttendanceShare);
        }

        var schoolIds = schools.Select(s => s.Id).ToList();
        var districtIds = schools.Select(s => s.DistrictId).OfType<Guid>().Distinct().ToList();
        var leads = await db.Set<ReadinessSettings>().AsNoTracking().Where(s => districtIds.Contains(s.DistrictId)).ToDictionaryAsync(s => s.DistrictId, s => s.LeadMonths, cancellationToken);
        var placements = await db.Set<CohortSchool>().AsNoTracking().Where(s => schoolIds.Contains(s.SchoolId)).ToListAsync(cancellationToken);
        var cohortIds = placements.Select(p => p.CohortId).Distinct().ToList();
        var cohorts = await db.Set<Cohort>().AsNoTracking().Where(c => cohortIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var team = await db.Set<TeamMember>().AsNoTracking().Where(m => cohortIds.Contains(m.CohortId) && schoolIds.Contains(m.SchoolId)).ToListAsync(cancellationToken);
        var sessions = await db.Set<CohortSession>().AsNoTracking().Where(s => cohortIds.Contains(s.CohortId))
            .Select(s => new { s.Id, s.CohortId, s.StartUtc, s.EndUtc }).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var heldIds = sessions.Where(s => s.EndUtc <= now).Select(s => s.Id).ToList();
        var present = (await db.Set<SessionAttendance>().AsNoTracking().Where(a => heldIds.Contains(a.SessionId) && a.Present)
            .Select(a => new { a.SessionId, a.PersonId }).ToListAsync(cancellationToken)).Select(a => (a.SessionId, a.PersonId)).ToHashSet();
        var completions = (await db.Set<AcademyCompletion>().AsNoTracking().Where(c => cohortIds.Contains(c.CohortId)).Select(c => new { c.CohortId, c.PersonId }).ToListAsync(cancellationToken))
            .Select(c => (c.CohortId, c.PersonId)).ToHashSet();
        var requirements = (await db.Set<CohortRequirement>().AsNoTracking().Where(r => cohortIds.Contains(r.CohortId)).ToListAsync(cancellationToken))
            .ToLookup(r => r.CohortId, r => (r.MicroCredentialId, r.Scope));

        var bySchool = await people.ActiveWithRoleByOrganizationAsync(Role.Teacher, schoolIds, cancellationToken);
        var teachers = schools.ToDictionary(s => s.Id, s => bySchool.TryGetValue(s.Id, out var ids) ? ids : []);

        // A teacher counts as engaged when coached and holding a micro-credential: only coached teachers' holdings matter.
        var coached = await coaching.InCyclesAsync(teachers.Values.SelectMany(t => t), cancellationToken);
        var held = await holdings.MicroCredentialsHeldAsync(team.Select(m => m.PersonId).Concat(coached), cancellationToken);

        var rows = new List<ReadinessRow>();
        foreach (var school in schools)
        {
            var lead = school.DistrictId is { } d && leads.TryGetValue(d, out var months) ? months : YearAhead.DefaultLeadMonths;
            var today = Today(school.TimeZone, now);
            var cohort = placements.Where(p => p.SchoolId == school.Id).Select(p => cohorts[p.CohortId]).OrderByDescending(c => c.CreatedAt).FirstOrDefault();
            var members = cohort == null ? [] : team.Where(m => m.CohortId == cohort.Id && m.SchoolId == school.Id).ToList();
            var ofCohort = cohort == null ? [] : sessions.Where(s => s.CohortId == cohort.Id).OrderBy(s => s.StartUtc).ToList();
            var heldHere = ofCohort.Where(s => s.EndUtc <= now).ToList();
            var required = cohort == null ? [] : requirements[cohort.Id].ToList();
            var schoolTeachers = teachers[school.Id];
            var learning = RequiredLearning.OfTeam(required, members.Select(m => held.TryGetValue(m.PersonId, out var mine) ? mine : new HashSet<Guid>()).ToList());
            var facts = new SchoolFacts(
                today,
                school.DeviceRolloutDate,
                cohort != null,
                ofCohort.Count > 0 ? DateOnly.FromDateTime(Local(school.TimeZone, ofCohort[0].StartUtc)) : null,
                members.Select(m => m.Role).ToHashSet(),
                heldHere.Count,
                heldHere.Count * members.Count,
                heldHere.Sum(s => members.Count(m => present.Contains((s.Id, m.PersonId)))),
                learning.Required,
                learning.Earned,
                schoolTeachers.Count,
                schoolTeachers.Count(t => coached.Contains(t) && held.ContainsKey(t)));
            rows.Add(new ReadinessRow(school, ReadinessRule.Judge(facts, lead, cohort?.RequiredAttendance ?? DefaultAttendanceShare), cohort?.Name, facts.AcademyBegan,
                members.Count, heldHere.Count, facts.Teachers, facts.TeachersEngaged, facts.LearningRequired, facts.LearningEarned,
                members.Count(m => completions.Contains((m.CohortId, m.PersonId)))));
        }

        var leadShown = districtIds.Count == 1 && leads.TryGetValue(districtIds[0], out var one) ? one : YearAhead.DefaultLeadMonths;
        return new(rows, leadShown, DefaultAttendanceShare);
    }

    private static DateTime Local(string timeZone, DateTime utc) =>
        CohortService.ToLocal(OrganizationInfo.ZoneOf(timeZone), utc);

    private static DateOnly Today(string timeZone, DateTime utc) => DateOnly.FromDateTime(Local(timeZone, utc));
}
