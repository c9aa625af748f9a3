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
                          select new { Session = s, Cohort = c.Name }).Take(500).ToListAsync(cancellationToken);
        return rows.Select(r => Entry(r.Session, r.Cohort, origin.Value)).ToList();
    }

    /// <summary>A session as a calendar event: the same Uid in the feed and in its invitation, so calendars hold it once.</summary>
    public static CalendarEntry Entry(CohortSession session, string cohortName, string origin) =>
        new($"academy-session-{session.Id}@plbadges", $"{session.Title} ({cohortName})", session.StartUtc, session.EndUtc, 0,
            session.Place ?? session.OnlineLink, session.AgendaMarkdown, session.OnlineLink ?? origin + "/me/academy");
}
