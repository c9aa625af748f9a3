using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Security;
using PLBadges.Coaching.Cycles;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Coaching.Home;

/// <summary>A coach's home: meetings today (in each school's own time zone) and in the next seven days, the next one, and the next steps due.</summary>
public sealed class CoachingWeekTask(IAccessControl access, PLBadgesDbContext db, IOrganizationDirectory organizations, TimeProvider clock) : IZoneContributor
{
    public sealed record ViewModel(int Today, int ThisWeek, string? Next, int StepsDue);

    public string Zone => Zones.HomeTasks;

    public async Task<ZoneItem?> ContributeAsync(object? subject, CancellationToken cancellationToken)
    {
        if (access.PersonId is not { } me || !await access.HasAsync(CoachingPermissions.Coach, cancellationToken: cancellationToken))
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var caseload = await Caseload.ForCoachAsync(db, me, now, cancellationToken);
        var schools = (await organizations.ListAsync(caseload.Week.Select(m => m.SchoolId).Distinct(), cancellationToken)).ToDictionary(o => o.Id);
        TimeZoneInfo ZoneOf(Guid school) => schools.GetValueOrDefault(school)?.Zone ?? TimeZoneInfo.Utc;
        DateOnly LocalDay(DateTime utc, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));
        var today = caseload.Week.Count(m => LocalDay(m.StartUtc, ZoneOf(m.SchoolId)) == LocalDay(now, ZoneOf(m.SchoolId)));
        var next = caseload.Week.FirstOrDefault(m => m.StartUtc >= now) ?? caseload.Week.FirstOrDefault();
        return new ZoneItem("_CoachingWeekTask", new ViewModel(today, caseload.Week.Count,
            next == null ? null : CoachingService.When(ZoneOf(next.SchoolId), next.StartUtc, next.EndUtc), caseload.StepsDue.Count), Order: 15);
    }
}
