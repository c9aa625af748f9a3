using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Coaching.Cycles;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Coaching.Pages.Coaching;

/// <summary>
/// Coaching in the schools a person oversees: a school leader sees their school's cycles, a district
/// admin the district's totals (cycles, meetings held, hours of coaching per school and per focus area).
/// </summary>
[RequirePermission(CoachingPermissions.Names.Oversee)]
public sealed class ReportModel(PLBadgesDbContext db, CoachingAccess access, IPeopleDirectory people, TimeProvider clock) : PageModel
{
    public sealed record Totals(string Name, int ActiveCycles, int CompletedCycles, int MeetingsHeld, double Hours);

    public IReadOnlyList<OrganizationInfo> Schools { get; private set; } = [];

    public IReadOnlyList<Totals> BySchool { get; private set; } = [];

    public IReadOnlyList<Totals> ByFocus { get; private set; } = [];

    public IReadOnlyList<CycleRow> Cycles { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    public DateTime Since { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Since = now.AddDays(-365);
        Schools = await access.OverseenSchoolsAsync(cancellationToken);
        var schoolIds = Schools.Select(s => s.Id).ToList();
        var cycles = await db.Set<CoachingCycle>().AsNoTracking().Where(c => schoolIds.Contains(c.SchoolId))
            .Select(c => new { c.Id, c.SchoolId, c.FocusArea, c.State }).ToListAsync(cancellationToken);
        var since = Since;
        var held = await (from m in db.Set<Meeting>().AsNoTracking()
                          where schoolIds.Contains(m.SchoolId) && m.State == MeetingState.Scheduled && m.EndUtc <= now && m.StartUtc >= since
                          select new { m.CycleId, m.SchoolId, m.StartUtc, m.EndUtc }).ToListAsync(cancellationToken);
        Totals Sum(string name, IEnumerable<Guid> cycleIds)
        {
            var ids = cycleIds.ToHashSet();
            var meetings = held.Where(m => ids.Contains(m.CycleId)).ToList();
            return new Totals(name, cycles.Count(c => ids.Contains(c.Id) && c.State is CycleState.Active or CycleState.Planned),
                cycles.Count(c => ids.Contains(c.Id) && c.State == CycleState.Completed), meetings.Count, Math.Round(meetings.Sum(m => (m.EndUtc - m.StartUtc).TotalHours), 1));
        }

        BySchool = Schools.Select(s => Sum(s.Name, cycles.Where(c => c.SchoolId == s.Id).Select(c => c.Id))).ToList();
        ByFocus = cycles.GroupBy(c => c.FocusArea ?? "(no focus area)").OrderBy(g => g.Key).Select(g => Sum(g.Key, g.Select(c => c.Id))).ToList();
        Cycles = await Caseload.CyclesAsync(db, db.Set<CoachingCycle>().Where(c => schoolIds.Contains(c.SchoolId) && (c.State == CycleState.Active || c.State == CycleState.Planned)), cancellationToken);
        Names = (await people.GetAsync(Cycles.SelectMany(c => c.TeacherIds.Append(c.CoachId)).Distinct(), cancellationToken)).ToDictionary(p => p.Id, p => p.DisplayName);
    }
}
