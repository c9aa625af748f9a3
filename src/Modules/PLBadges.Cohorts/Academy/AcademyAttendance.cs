using Microsoft.EntityFrameworkCore;
using PLBadges.Cohorts.Contracts;
using PLBadges.Data;

namespace PLBadges.Cohorts.Academy;

internal sealed class AcademyAttendance(PLBadgesDbContext db) : IAcademyAttendance
{
    public async Task<IReadOnlyList<AttendedSession>> AttendedByAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        var rows = await (from a in db.Set<SessionAttendance>().AsNoTracking()
                          where a.PersonId == personId && a.Present
                          join s in db.Set<CohortSession>().AsNoTracking() on a.SessionId equals s.Id
                          join c in db.Set<Cohort>().AsNoTracking() on s.CohortId equals c.Id
                          select new { s.Id, s.CohortId, Academy = c.Name, s.Title, s.StartUtc, s.EndUtc })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.StartUtc)
            .Select(r => new AttendedSession(r.Id, r.CohortId, r.Academy, r.Title, r.StartUtc, Math.Round((decimal)(r.EndUtc - r.StartUtc).TotalHours, 2)))
            .ToList();
    }
}
