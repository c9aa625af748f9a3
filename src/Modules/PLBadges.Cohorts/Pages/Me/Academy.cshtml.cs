using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Cohorts.Academy;
using PLBadges.Credentials.Contracts;
using PLBadges.Data;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Cohorts.Pages.Me;

/// <summary>/me/academy: the academies the signed-in person belongs to or facilitates: the next session, their attendance, and what is left to earn.</summary>
[Authorize]
public sealed class AcademyModel(CohortService cohorts, PLBadgesDbContext db, ICredentialHoldings holdings, IResourceLibrary library, TimeProvider clock) : PageModel
{
    public sealed record SessionLine(Guid Id, string Title, DateTime Start, string? Place, string? Link, bool Held, bool? Present, string Agenda, IReadOnlyList<ResourceLink> Resources);

    public sealed record AcademyView(string Name, string ProgrammeYear, bool Facilitates, IReadOnlyList<SessionLine> Sessions, IReadOnlyList<string> LeftToEarn, int Required, double RequiredAttendance, bool Completed);

    public IReadOnlyList<AcademyView> Academies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (cohorts.PersonId is not { } me)
        {
            return;
        }

        var memberOf = await db.Set<TeamMember>().AsNoTracking().Where(m => m.PersonId == me).Select(m => m.CohortId).Distinct().ToListAsync(cancellationToken);
        var list = await db.Set<Cohort>().AsNoTracking().Where(c => memberOf.Contains(c.Id) || c.FacilitatorId == me).OrderBy(c => c.Name).ToListAsync(cancellationToken);
        var teams = await db.Set<TeamMember>().AsNoTracking().Where(m => memberOf.Contains(m.CohortId)).ToListAsync(cancellationToken);
        var held = await holdings.MicroCredentialsHeldAsync(teams.Select(t => t.PersonId).Append(me), cancellationToken);
        IReadOnlySet<Guid> Held(Guid person) => held.TryGetValue(person, out var set) ? set : new HashSet<Guid>();
        var completed = await db.Set<AcademyCompletion>().AsNoTracking().Where(c => c.PersonId == me).Select(c => c.CohortId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var views = new List<AcademyView>();
        foreach (var cohort in list)
        {
            var zone = await cohorts.ZoneAsync(cohort.DistrictId, cancellationToken);
            var sessions = await db.Set<CohortSession>().AsNoTracking().Where(s => s.CohortId == cohort.Id).OrderBy(s => s.StartUtc).ToListAsync(cancellationToken);
            var ids = sessions.Select(s => s.Id).ToList();
            var marks = await db.Set<SessionAttendance>().AsNoTracking().Where(a => ids.Contains(a.SessionId) && a.PersonId == me).ToDictionaryAsync(a => a.SessionId, a => a.Present, cancellationToken);
            var required = await db.Set<CohortRequirement>().AsNoTracking().Where(r => r.CohortId == cohort.Id).ToListAsync(cancellationToken);
            var attached = await db.Set<CohortSessionResource>().AsNoTracking().Where(r => ids.Contains(r.SessionId)).ToListAsync(cancellationToken);
            var resources = (await library.GetAsync(attached.Select(r => r.ResourceId), cancellationToken)).ToDictionary(r => r.Id);
            var member = memberOf.Contains(cohort.Id);
            var left = RequiredLearning.LeftFor(required.Select(r => (r.MicroCredentialId, r.Scope)).ToList(), Held(me),
                AcademyCompletions.TeammatesOf(teams, cohort.Id, me).Select(Held)).ToHashSet();
            views.Add(new AcademyView(cohort.Name, cohort.ProgrammeYear, cohort.FacilitatorId == me,
                sessions.Select(s => new SessionLine(s.Id, s.Title, CohortService.ToLocal(zone, s.StartUtc), s.Place, s.OnlineLink, s.StartUtc <= now,
                    member && marks.TryGetValue(s.Id, out var present) ? present : null, s.AgendaMarkdown,
                    attached.Where(r => r.SessionId == s.Id && resources.ContainsKey(r.ResourceId)).Select(r => resources[r.ResourceId]).OrderBy(r => r.Title).ToList())).ToList(),
                member ? required.Where(r => left.Contains(r.MicroCredentialId)).Select(r => r.Scope == RequirementScope.Team ? $"{r.Title} (one member of your team)" : r.Title).OrderBy(t => t).ToList() : [],
                member ? required.Count : 0, cohort.RequiredAttendance, completed.Contains(cohort.Id)));
        }

        Academies = views;
    }
}
