using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Abstractions.Values;
using PLBadges.Coaching.Cycles;
using PLBadges.Data;

namespace PLBadges.Coaching.Api;

public sealed record MeetingResponse(Guid Id, Guid CycleId, string Kind, string Title, DateTime StartUtc, DateTime EndUtc, string State, int Sequence, string Role, bool OutsideUsualTime, string CalendarUrl);

internal static class CoachingApi
{
    public static void MapCoachingApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/me/coaching").WithTags("Coaching").RequireScope(ApiScopes.CoachingRead);
        api.MapGet("/meetings", MeetingsAsync).WithName("ListMyCoachingMeetings")
            .WithSummary("The signed-in person's coaching meetings (as coach or teacher) from a time (default: now) for up to 90 days, earliest first.");
    }

    private static async Task<Results<Ok<List<MeetingResponse>>, BadRequest<string>>> MeetingsAsync(DateTime? from, int? days, CoachingAccess access, PLBadgesDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (days is < 1 or > 90)
        {
            return TypedResults.BadRequest("days must be between 1 and 90.");
        }

        if (FieldRanges.Check(DateField.CoachingMeeting, from, "from") is { } outside)
        {
            return TypedResults.BadRequest(outside);
        }

        var me = access.PersonId ?? Guid.Empty;
        var start = (from ?? clock.GetUtcNow().UtcDateTime).ToUniversalTime();
        var end = start.AddDays(days ?? 30);
        var rows = await (from a in db.Set<MeetingAttendee>().AsNoTracking()
                          join m in db.Set<Meeting>() on a.MeetingId equals m.Id
                          join c in db.Set<CoachingCycle>() on m.CycleId equals c.Id
                          where a.PersonId == me && m.EndUtc > start && m.StartUtc < end
                          orderby m.StartUtc
                          select new { Meeting = m, c.CoachId }).Take(1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => new MeetingResponse(r.Meeting.Id, r.Meeting.CycleId, r.Meeting.Kind.ToString(), CoachingService.Describe(r.Meeting.Kind, r.Meeting.Style),
            r.Meeting.StartUtc, r.Meeting.EndUtc, r.Meeting.State.ToString(), r.Meeting.Sequence, r.CoachId == me ? "Coach" : "Teacher", r.Meeting.OutsideUsualTime,
            $"/coaching/meetings/{r.Meeting.Id}.ics")).ToList());
    }
}
