using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Calendar;
using PLBadges.Coaching.Cycles;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Coaching.Calendars;

/// <summary>The coaching meetings on a person's feed: those they attend, cancelled ones kept (as CANCELLED) for a month so calendars drop them.</summary>
internal sealed class CoachingCalendarSource(PLBadgesDbContext db, CoachingService coaching, IPeopleDirectory people, IOrganizationDirectory organizations) : ICalendarSource
{
    public async Task<IReadOnlyList<CalendarEntry>> EntriesAsync(Guid personId, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var rows = await (from a in db.Set<MeetingAttendee>().AsNoTracking()
                          join m in db.Set<Meeting>() on a.MeetingId equals m.Id
                          join c in db.Set<CoachingCycle>() on m.CycleId equals c.Id
                          where a.PersonId == personId && m.StartUtc < toUtc && m.EndUtc > fromUtc
                          orderby m.StartUtc
                          select new { Meeting = m, Cycle = c }).Take(2000).ToListAsync(cancellationToken);
        var cycleIds = rows.Select(r => r.Cycle.Id).Distinct().ToList();
        var teachers = await db.Set<CycleTeacher>().AsNoTracking().Where(t => cycleIds.Contains(t.CycleId)).ToListAsync(cancellationToken);
        var named = (await people.GetAsync(teachers.Select(t => t.TeacherId).Concat(rows.Select(r => r.Cycle.CoachId)).Distinct(), cancellationToken)).ToDictionary(p => p.Id);
        var schools = (await organizations.ListAsync(rows.Select(r => r.Meeting.SchoolId).Distinct(), cancellationToken)).ToDictionary(o => o.Id);
        return rows.Select(r =>
        {
            var with = r.Cycle.CoachId == personId
                ? string.Join(", ", teachers.Where(t => t.CycleId == r.Cycle.Id).Select(t => named.GetValueOrDefault(t.TeacherId)?.DisplayName ?? "a teacher"))
                : named.GetValueOrDefault(r.Cycle.CoachId)?.DisplayName ?? "your coach";
            return coaching.EntryOf(r.Cycle, r.Meeting, with, schools.GetValueOrDefault(r.Meeting.SchoolId)?.Name ?? "");
        }).ToList();
    }
}

/// <summary>
/// A person's private feed: /calendar/{token}.ics, subscribed to as webcal:. Only a hash of the token
/// is kept; resetting it makes the old address answer 404 at once.
/// </summary>
public sealed class CalendarFeeds(PLBadgesDbContext db, TimeProvider clock)
{
    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    /// <summary>A new secret for the person's feed (the old one stops working). Returned once: only its hash is stored.</summary>
    public async Task<string> ResetTokenAsync(Guid personId, CancellationToken cancellationToken)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var settings = await SettingsAsync(personId, cancellationToken);
        settings.FeedTokenHash = Hash(token);
        settings.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public async Task TurnOffAsync(Guid personId, CancellationToken cancellationToken)
    {
        var settings = await SettingsAsync(personId, cancellationToken);
        settings.FeedTokenHash = null;
        settings.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }

    internal async Task<CalendarSettings> SettingsAsync(Guid personId, CancellationToken cancellationToken)
    {
        var settings = await db.Set<CalendarSettings>().FirstOrDefaultAsync(s => s.PersonId == personId, cancellationToken);
        if (settings == null)
        {
            settings = new CalendarSettings { PersonId = personId, Reminders = true, UpdatedAt = clock.GetUtcNow().UtcDateTime };
            db.Add(settings);
        }

        return settings;
    }

    internal static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/calendar/{token}.ics", FeedAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/coaching/meetings/{id:guid}.ics", MeetingAsync).RequireAuthorization().ExcludeFromDescription();
    }

    private static async Task<IResult> FeedAsync(string token, PLBadgesDbContext db, IEnumerable<ICalendarSource> sources, IPeopleDirectory people, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (token.Length is < 20 or > 100)
        {
            return Results.NotFound();
        }

        var hash = Hash(token);
        var personId = await db.Set<CalendarSettings>().AsNoTracking().Where(s => s.FeedTokenHash == hash).Select(s => (Guid?)s.PersonId).FirstOrDefaultAsync(cancellationToken);
        if (personId == null || (await people.GetAsync([personId.Value], cancellationToken)).FirstOrDefault() is not { IsActive: true } person)
        {
            return Results.NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var entries = new List<CalendarEntry>();
        foreach (var source in sources)
        {
            entries.AddRange(await source.EntriesAsync(person.Id, now.AddDays(-60), now.AddDays(400), cancellationToken));
        }

        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        return Results.Text(ICalendarWriter.Feed($"PLBadges: {person.DisplayName}", entries.OrderBy(e => e.StartUtc), now), "text/calendar; charset=utf-8");
    }

    private static async Task<IResult> MeetingAsync(Guid id, PLBadgesDbContext db, CoachingAccess access, CoachingService coaching, IPeopleDirectory people, IOrganizationDirectory organizations, TimeProvider clock, CancellationToken cancellationToken)
    {
        var meeting = await db.Set<Meeting>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        var cycle = meeting == null ? null : await db.Set<CoachingCycle>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == meeting.CycleId, cancellationToken);
        if (meeting == null || cycle == null || await access.RoleInAsync(cycle, cancellationToken) is not (CycleRole.Coach or CycleRole.Teacher))
        {
            return Results.NotFound();
        }

        var attendees = await people.GetAsync(await coaching.AttendeeIdsAsync(meeting.Id, cancellationToken), cancellationToken);
        var coach = attendees.FirstOrDefault(p => p.Id == cycle.CoachId);
        var school = await organizations.GetAsync(meeting.SchoolId, cancellationToken);
        var entry = coaching.EntryOf(cycle, meeting, string.Join(", ", attendees.Where(p => p.Id != cycle.CoachId).Select(p => p.DisplayName)), school?.Name ?? "");
        var ics = ICalendarWriter.Invitation(entry, coach == null ? new Invitee("PLBadges", "no-reply@plbadges.invalid") : new Invitee(coach.DisplayName, coach.Email),
            attendees.Where(p => p.Id != cycle.CoachId).Select(p => new Invitee(p.DisplayName, p.Email)).ToList(), clock.GetUtcNow().UtcDateTime);
        return Results.File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", $"coaching-{meeting.StartUtc:yyyy-MM-dd}.ics");
    }
}
