using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Events;
using PLBadges.Cohorts.Contracts;
using PLBadges.Credentials.Contracts;
using PLBadges.Data;

namespace PLBadges.Cohorts.Academy;

/// <summary>A member who completed an academy: the record the readiness row counts, and the award Credentials turns into a credential.</summary>
internal sealed class AcademyCompletion
{
    public Guid CohortId { get; set; }

    public Guid PersonId { get; set; }

    public int Attended { get; set; }

    public int Sessions { get; set; }

    public DateTime CompletedAt { get; set; }
}

/// <summary>
/// The completion rule: a member completes the academy once they have attended the required share
/// of all its sessions (held or still to come, so one session attended early is not enough) and
/// hold every micro-credential it requires.
/// </summary>
public static class CompletionRule
{
    /// <summary>The sessions a member must attend: the required share of the programme, rounded up.</summary>
    public static int SessionsNeeded(int sessions, double share) => (int)Math.Ceiling(sessions * share - 1e-9);

    public static bool Completes(int attended, int sessions, double share, int requiredHeld, int required) =>
        sessions > 0 && attended >= SessionsNeeded(sessions, share) && requiredHeld >= required;

    public static string Describe(double share) =>
        $"A member completes the academy once they have attended {share:P0} of its sessions and earned all its required learning; the district then issues them the academy's credential.";
}

/// <summary>
/// Looks again at academy members when their attendance or their credentials change, records those
/// who now complete, and tells Credentials to issue the academy credential (through the outbox, in
/// the same transaction). A member is recorded once (the key is academy + person); a completion
/// stands even if a later correction marks a session absent.
/// </summary>
public sealed class AcademyCompletions(PLBadgesDbContext db, ICredentialHoldings holdings, IEventOutbox events, TimeProvider clock)
{
    /// <summary>Checks the members of the academies (all of them, or only the given people) and adds the completions; the caller saves.</summary>
    public async Task<int> CheckAsync(IReadOnlyCollection<Guid> cohortIds, IReadOnlyCollection<Guid>? onlyPeople, CancellationToken cancellationToken)
    {
        var cohorts = await db.Set<Cohort>().AsNoTracking().Where(c => cohortIds.Contains(c.Id)).ToListAsync(cancellationToken);
        var teams = await db.Set<TeamMember>().AsNoTracking().Where(m => cohortIds.Contains(m.CohortId)).ToListAsync(cancellationToken);
        var members = teams.Select(m => new { m.CohortId, m.PersonId }).Distinct().ToList();
        if (onlyPeople != null)
        {
            members = members.Where(m => onlyPeople.Contains(m.PersonId)).ToList();
        }

        var done = (await db.Set<AcademyCompletion>().AsNoTracking().Where(c => cohortIds.Contains(c.CohortId)).Select(c => new { c.CohortId, c.PersonId }).ToListAsync(cancellationToken))
            .Select(c => (c.CohortId, c.PersonId)).ToHashSet();
        members = members.Where(m => !done.Contains((m.CohortId, m.PersonId))).ToList();
        if (members.Count == 0)
        {
            return 0;
        }

        var sessions = await db.Set<CohortSession>().AsNoTracking().Where(s => cohortIds.Contains(s.CohortId))
            .Select(s => new { s.Id, s.CohortId, s.StartUtc, s.EndUtc }).ToListAsync(cancellationToken);
        var sessionIds = sessions.Select(s => s.Id).ToList();
        var personIds = members.Select(m => m.PersonId).Distinct().ToList();
        var present = (await db.Set<SessionAttendance>().AsNoTracking().Where(a => sessionIds.Contains(a.SessionId) && personIds.Contains(a.PersonId) && a.Present)
            .Select(a => new { a.SessionId, a.PersonId }).ToListAsync(cancellationToken)).Select(a => (a.SessionId, a.PersonId)).ToHashSet();
        var requirements = (await db.Set<CohortRequirement>().AsNoTracking().Where(r => cohortIds.Contains(r.CohortId)).ToListAsync(cancellationToken)).ToLookup(r => r.CohortId);
        var held = await holdings.MicroCredentialsHeldAsync(teams.Select(m => m.PersonId).Distinct(), cancellationToken); // teammates too: a team's requirement may be theirs
        IReadOnlySet<Guid> Held(Guid person) => held.TryGetValue(person, out var set) ? set : new HashSet<Guid>();
        var now = clock.GetUtcNow().UtcDateTime;

        var completed = 0;
        foreach (var cohort in cohorts)
        {
            var programme = sessions.Where(s => s.CohortId == cohort.Id).ToList();
            var required = requirements[cohort.Id].ToList();
            var scoped = required.Select(r => (r.MicroCredentialId, r.Scope)).ToList();
            foreach (var member in members.Where(m => m.CohortId == cohort.Id))
            {
                var attended = programme.Where(s => present.Contains((s.Id, member.PersonId))).ToList();
                var left = RequiredLearning.LeftFor(scoped, Held(member.PersonId), TeammatesOf(teams, cohort.Id, member.PersonId).Select(Held)).Count;
                if (!CompletionRule.Completes(attended.Count, programme.Count, cohort.RequiredAttendance, required.Count - left, required.Count))
                {
                    continue;
                }

                db.Add(new AcademyCompletion { CohortId = cohort.Id, PersonId = member.PersonId, Attended = attended.Count, Sessions = programme.Count, CompletedAt = now });
                var hours = (decimal)Math.Round(attended.Sum(s => (s.EndUtc - s.StartUtc).TotalHours), 1);
                var learning = required.Count == 0 ? "" : "\n\nand earn its required micro-credentials:\n" + string.Join("\n", required.Select(r => $"- {r.Title} ({RequiredLearning.Label(r.Scope)})"));
                events.Add(new AchievementAwarded(
                    $"academy:{cohort.Id:N}",
                    cohort.DistrictId,
                    member.PersonId,
                    $"urn:uuid:{cohort.Id}",
                    "LearningProgram",
                    $"{cohort.Name} ({cohort.ProgrammeYear})",
                    "A Personalized Learning Academy: the school leadership team's professional learning, begun at least a year ahead of the school's device rollout.",
                    $"Attend at least {cohort.RequiredAttendance:P0} of the academy's sessions{learning}",
                    $"Attended {attended.Count} of the academy's {programme.Count} sessions ({hours:0.#} hours)" +
                        (required.Count == 0 ? "." : "; required learning met: " + string.Join(", ", required.Select(r => r.Title)) + "."),
                    hours,
                    now));
                completed++;
            }
        }

        return completed;
    }

    /// <summary>The others on the person's school teams in an academy (a requirement of the team is met when any of them holds it).</summary>
    internal static IEnumerable<Guid> TeammatesOf(IReadOnlyCollection<TeamMember> teams, Guid cohortId, Guid personId)
    {
        var schools = teams.Where(t => t.CohortId == cohortId && t.PersonId == personId).Select(t => t.SchoolId).ToHashSet();
        return teams.Where(t => t.CohortId == cohortId && schools.Contains(t.SchoolId) && t.PersonId != personId).Select(t => t.PersonId).Distinct();
    }
}

/// <summary>Attendance recorded: the academy's members are looked at again.</summary>
internal sealed class CompleteOnAttendance(AcademyCompletions completions, PLBadgesDbContext db) : IEventHandler<AcademyAttendanceRecorded>
{
    public async Task HandleAsync(AcademyAttendanceRecorded domainEvent, CancellationToken cancellationToken)
    {
        await completions.CheckAsync([domainEvent.CohortId], null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// A credential issued: the recipient's academies are looked at again, all their members, since a
/// requirement of the team is met for everyone on it once one member holds it.
/// </summary>
internal sealed class CompleteOnCredential(AcademyCompletions completions, PLBadgesDbContext db) : IEventHandler<CredentialIssued>
{
    public async Task HandleAsync(CredentialIssued domainEvent, CancellationToken cancellationToken)
    {
        var cohorts = await db.Set<TeamMember>().Where(m => m.PersonId == domainEvent.RecipientId).Select(m => m.CohortId).Distinct().ToListAsync(cancellationToken);
        if (cohorts.Count > 0 && domainEvent.MicroCredentialId != null)
        {
            await completions.CheckAsync(cohorts, null, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
