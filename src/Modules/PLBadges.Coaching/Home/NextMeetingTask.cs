using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Security;
using PLBadges.Coaching.Cycles;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Coaching.Home;

/// <summary>A teacher's home shows their next coaching meeting (in their school's time zone, with the coach's name) and their next steps still open.</summary>
public sealed class NextMeetingTask(IAccessControl access, PLBadgesDbContext db, IPeopleDirectory people, IOrganizationDirectory organizations, TimeProvider clock) : IZoneContributor
{
    public sealed record ViewModel(string? When, string? Kind, string? Coach, int StepsOpen);

    public string Zone => Zones.HomeTasks;

    public async Task<ZoneItem?> ContributeAsync(object? subject, CancellationToken cancellationToken)
    {
        if (access.PersonId is not { } me || !await access.HasAsync(CoachingPermissions.Participate, cancellationToken: cancellationToken))
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var cycles = db.Set<CycleTeacher>().Where(t => t.TeacherId == me).Select(t => t.CycleId);
        var next = await (from m in db.Set<Meeting>().AsNoTracking()
                          join c in db.Set<CoachingCycle>() on m.CycleId equals c.Id
                          where cycles.Contains(m.CycleId) && m.State == MeetingState.Scheduled && m.EndUtc > now
                          orderby m.StartUtc
                          select new { m.SchoolId, m.Kind, m.Style, m.StartUtc, m.EndUtc, c.CoachId }).FirstOrDefaultAsync(cancellationToken);
        var steps = await db.Set<NextStep>().CountAsync(s => cycles.Contains(s.CycleId) && s.OwnerId == me && s.DoneAt == null, cancellationToken);
        if (next == null && steps == 0)
        {
            return null;
        }

        string? when = null, coach = null, kind = null;
        if (next != null)
        {
            var school = (await organizations.ListAsync([next.SchoolId], cancellationToken)).FirstOrDefault();
            when = CoachingService.When(school?.Zone ?? TimeZoneInfo.Utc, next.StartUtc, next.EndUtc);
            coach = (await people.GetAsync([next.CoachId], cancellationToken)).FirstOrDefault()?.DisplayName;
            kind = CoachingService.Describe(next.Kind, next.Style);
        }

        return new ZoneItem("_NextMeetingTask", new ViewModel(when, kind, coach, steps), Order: 15);
    }
}
