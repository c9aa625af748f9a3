using Microsoft.EntityFrameworkCore;
using PLBadges.Coaching.Contracts;
using PLBadges.Data;

namespace PLBadges.Coaching.Cycles;

internal sealed class CoachingHours(PLBadgesDbContext db, TimeProvider clock) : ICoachingHours
{
    public async Task<decimal> HoursAsync(Guid teacherId, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var held = await db.Set<MeetingAttendee>().AsNoTracking()
            .Where(a => a.PersonId == teacherId && a.Active && a.StartUtc >= fromUtc && a.EndUtc <= toUtc && a.EndUtc <= now)
            .Select(a => new { a.StartUtc, a.EndUtc }).ToListAsync(cancellationToken);
        return Math.Round((decimal)held.Sum(h => (h.EndUtc - h.StartUtc).TotalHours), 2);
    }
}

internal sealed class CoachingParticipation(PLBadgesDbContext db) : ICoachingParticipation
{
    public async Task<IReadOnlySet<Guid>> InCyclesAsync(IEnumerable<Guid> teacherIds, CancellationToken cancellationToken = default)
    {
        var ids = teacherIds.Distinct().ToList();
        return (await (from t in db.Set<CycleTeacher>().AsNoTracking()
                       join c in db.Set<CoachingCycle>() on t.CycleId equals c.Id
                       where ids.Contains(t.TeacherId) && c.State != CycleState.Cancelled
                       select t.TeacherId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
    }
}
