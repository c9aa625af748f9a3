using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Cohorts.Academy;
using PLBadges.Credentials.Contracts;
using PLBadges.Data;

namespace PLBadges.Cohorts.Pages.Me;

/// <summary>/me/academy: the academies the signed-in person belongs to or facilitates: the next session, their attendance, and what is left to earn.</summary>
[Authorize]
public sealed class AcademyModel(CohortService cohorts, PLBadgesDbContext db, ICredentialHoldings holdings, TimeProvider clock) : PageModel
{
    public sealed record SessionLine(Guid Id, string Title, DateTime Start, string? Place, string? Link, bool Held, bool? Present);

    public sealed record AcademyView(string Name, string ProgrammeYear, bool Facilitates, IReadOnlyList<SessionLine> Sessions, IReadOnlyList<string> LeftToEarn, int Required, double RequiredAttendance);

    public IReadOnlyList<AcademyView> Academies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (cohorts.PersonId is not { } me)
        {
            return;
        }

        var memberOf = await db.Set<TeamMember>().AsNoTracking().Where(m => m.PersonId == me).Select(m => m.CohortId).Distinct().ToListAsync(cancellationToken);
        var list = await db.Set<Cohort>().AsNoTracking().Where(c => memberOf.Contains(c.Id) || c.FacilitatorId == me).OrderBy(c => c.Name).ToListAsync(cancellationToken);
        var held = await holdings.MicroCredentialsHeldAsync([me], cancellationToken);
        var mine = held.TryGetValue(me, out var set) ? set : new HashSet<Guid>();
        var now = clock.GetUtcNow().UtcDateTime;
        var views = new List<AcademyView>();
        foreach (var cohort in list)
        {
            var zone = await cohorts.ZoneAsync(cohort.DistrictId, cancellationToken);
            var sessions = await db.Set<CohortSession>().AsNoTracking().Where(s => s.CohortId == cohort.Id).OrderBy(s => s.StartUtc).ToListAsync(cancellationToken);
            var ids = sessions.Select(s => s.Id).ToList();
            var marks = await db.Set<SessionAttendance>().AsNoTracking().Where(a => ids.Contains(a.SessionId) && a.PersonId == me).ToDictionaryAsync(a => a.SessionId, a => a.Present, cancellationToken);
            var required = await db.Set<CohortRequirement>().AsNoTracking().Where(r => r.CohortId == cohort.Id).ToListAsync(cancellationToken);
            var member = memberOf.Contains(cohort.Id);
            views.Add(new AcademyView(cohort.Name, cohort.ProgrammeYear, cohort.FacilitatorId == me,
                sessions.Select(s => new SessionLine(s.Id, s.Title, CohortService.ToLocal(zone, s.StartUtc), s.Place, s.OnlineLink, s.StartUtc <= now,
                    member && marks.TryGetValue(s.Id, out var present) ? present : null)).ToList(),
                member ? required.Where(r => !mine.Contains(r.MicroCredentialId)).Select(r => r.Title).OrderBy(t => t).ToList() : [],
                member ? required.Count : 0, cohort.RequiredAttendance));
        }

        Academies = views;
    }
}
