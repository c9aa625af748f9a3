using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Calendar;
using PLBadges.Abstractions.Hosting;
using PLBadges.Data;

namespace PLBadges.Cohorts.Academy;

/// <summary>Academy sessions on the calendar feed of each team member and of the facilitator.</summary>
internal sealed class AcademyCalendarSource(PLBadgesDbContext db, SiteOrigin origin) : ICalendarSource
{
    public async Task<IReadOnlyList<CalendarEntry>> EntriesAsync(Guid personId, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var memberOf = db.Set<TeamMember>().Where(m => m.PersonId == personId).Select(m => m.CohortId);
        var rows = await (from s in db.Set<CohortSession>().AsNoTracking()
                          join c in db.Set<Cohort>() on s.CohortId equals c.Id
                          where (memberOf.Contains(c.Id) || c.FacilitatorId == personId) && s.EndUtc > fromUtc && s.StartUtc < toUtc
                          orderby s.StartUtc
                          select new { s.Id, s.Title, s.StartUtc, s.EndUtc, s.Place, s.OnlineLink, s.AgendaMarkdown, Cohort = c.Name }).Take(500).ToListAsync(cancellationToken);
        return rows.Select(r => new CalendarEntry($"academy-session-{r.Id}@plbadges", $"{r.Title} ({r.Cohort})", r.StartUtc, r.EndUtc, 0,
            r.Place ?? r.OnlineLink, r.AgendaMarkdown, r.OnlineLink ?? origin.Value + "/me/academy")).ToList();
    }
}
