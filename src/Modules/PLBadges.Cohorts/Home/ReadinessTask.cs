using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Security;
using PLBadges.Cohorts.Academy;
using PLBadges.Cohorts.Readiness;
using PLBadges.Data;

namespace PLBadges.Cohorts.Home;

/// <summary>
/// A school leader's or district admin's home: the schools whose readiness needs attention (at risk, or a setting to
/// fix), each with its first reason, the count of schools on track, and the academy sessions this month.
/// </summary>
public sealed class ReadinessTask(IAccessControl access, ReadinessBoard board, PLBadgesDbContext db, TimeProvider clock) : IZoneContributor
{
    public sealed record School(string Name, string Code, string Verdict, string? Reason);

    public sealed record Session(string Title, string Cohort, DateTime StartUtc);

    public sealed record ViewModel(IReadOnlyList<School> NeedAttention, int OnTrack, int Schools, IReadOnlyList<Session> SessionsThisMonth);

    public string Zone => Zones.HomeTasks;

    public async Task<ZoneItem?> ContributeAsync(object? subject, CancellationToken cancellationToken)
    {
        if (access.PersonId == null || !await access.HasAsync(CohortPermissions.Readiness, cancellationToken: cancellationToken))
        {
            return null;
        }

        var view = await board.BuildAsync(cancellationToken);
        if (view.Rows.Count == 0)
        {
            return null;
        }

        var attention = view.Rows.Where(r => r.Judgement.State is ReadinessState.AtRisk or ReadinessState.NeedsFix)
            .OrderBy(r => r.Judgement.State == ReadinessState.NeedsFix ? 0 : 1).ThenBy(r => r.School.Name)
            .Select(r => new School(r.School.Name, r.School.Code, ReadinessRule.Label(r.Judgement.State), r.Judgement.Reasons.FirstOrDefault())).ToList();

        var now = clock.GetUtcNow().UtcDateTime;
        var monthStart = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var schoolIds = view.Rows.Select(r => r.School.Id).ToList();
        var sessions = await (from s in db.Set<CohortSession>().AsNoTracking()
                              join c in db.Set<Cohort>() on s.CohortId equals c.Id
                              where db.Set<CohortSchool>().Any(p => p.CohortId == c.Id && schoolIds.Contains(p.SchoolId))
                                  && s.StartUtc >= monthStart && s.StartUtc < monthStart.AddMonths(1)
                              orderby s.StartUtc
                              select new Session(s.Title, c.Name, s.StartUtc)).Take(10).ToListAsync(cancellationToken);
        return new ZoneItem("_ReadinessTask", new ViewModel(attention, view.Rows.Count(r => r.Judgement.State == ReadinessState.OnTrack), view.Rows.Count, sessions), Order: 10);
    }
}
