using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Recipes;
using PLBadges.Abstractions.Rules;
using PLBadges.Coaching.Cycles;
using PLBadges.Coaching.Scheduling;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Coaching.Recipes;

/// <summary>
/// "Coaching": {
///   "schedules": [ { "school": code, "days": ["Mon",...], "periods": [ { "name": "Period 1", "start": "08:00", "end": "08:50" } ], "closures": [ { "date": "2026-12-24", "reason": "Winter break" } ] } ],
///   "planning": [ { "teacher": email, "school": code, "periods": [ "Period 3" ] } ],
///   "cycles": [ { "coach": email, "teachers": [email], "school": code, "goal": text, "microCredential": slug, "focusArea": text, "pastMeeting": "Planning", "upcomingMeeting": "Visit" } ]
/// }. Schedules and planning periods are replaced as given; a cycle with the same coach and goal is left alone.
/// Meetings are placed relative to the day the recipe runs: one in the last school days, one in the next.
/// </summary>
internal sealed class CoachingRecipeStep(PLBadgesDbContext db, IOrganizationDirectory organizations, IPeopleDirectory people, CoachingService coaching, TimeProvider clock) : IRecipeStep
{
    public string Name => "Coaching";

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken)
    {
        foreach (var schedule in Array(step, "schedules"))
        {
            await ScheduleAsync(schedule, cancellationToken);
        }

        foreach (var planning in Array(step, "planning"))
        {
            await PlanningAsync(planning, cancellationToken);
        }

        foreach (var cycle in Array(step, "cycles"))
        {
            await CycleAsync(cycle, cancellationToken);
        }
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new RecipeException($"A Coaching item needs \"{name}\".");

    private async Task<OrganizationInfo> SchoolAsync(string code, CancellationToken cancellationToken) =>
        await organizations.FindByCodeAsync(code, cancellationToken) is { Kind: PLBadges.Abstractions.Security.OrganizationKind.School } school
            ? school
            : throw new RecipeException($"No school has the code {code}.");

    private async Task<PersonInfo> PersonAsync(string email, CancellationToken cancellationToken) =>
        await people.FindByEmailAsync(email, cancellationToken) ?? throw new RecipeException($"No person has the email {email}.");

    private static TimeOnly Time(JsonElement element, string name) =>
        TimeOnly.TryParseExact(Text(element, name), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new RecipeException($"\"{name}\" must be a time such as 08:30.");

    private async Task ScheduleAsync(JsonElement item, CancellationToken cancellationToken)
    {
        var school = await SchoolAsync(Text(item, "school"), cancellationToken);
        var days = Array(item, "days").Select(d => d.GetString() ?? "").Select(d => Enum.GetValues<DayOfWeek>().FirstOrDefault(w => w.ToString().StartsWith(d, StringComparison.OrdinalIgnoreCase), (DayOfWeek)(-1))).ToList();
        if (days.Count == 0 || days.Any(d => (int)d < 0))
        {
            throw new RecipeException("A schedule's \"days\" must name weekdays (Mon, Tue, ...).");
        }

        var periods = Array(item, "periods").Select(p => (Name: Text(p, "name"), Start: Time(p, "start"), End: Time(p, "end"))).ToList();
        if (periods.Any(p => p.End <= p.Start))
        {
            throw new RecipeException("Each period must end after it starts.");
        }

        await db.Set<BellPeriod>().Where(p => p.SchoolId == school.Id).ExecuteDeleteAsync(cancellationToken);
        foreach (var day in days)
        {
            foreach (var period in periods)
            {
                db.Add(new BellPeriod { Id = Guid.NewGuid(), SchoolId = school.Id, Weekday = day, Name = period.Name, Start = period.Start, End = period.End });
            }
        }

        foreach (var closure in Array(item, "closures"))
        {
            var date = DateOnly.ParseExact(Text(closure, "date"), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (!await db.Set<SchoolClosure>().AnyAsync(c => c.SchoolId == school.Id && c.Date == date, cancellationToken))
            {
                db.Add(new SchoolClosure { SchoolId = school.Id, Date = date, Reason = closure.TryGetProperty("reason", out var reason) ? reason.GetString() ?? "" : "" });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task PlanningAsync(JsonElement item, CancellationToken cancellationToken)
    {
        var teacher = await PersonAsync(Text(item, "teacher"), cancellationToken);
        var school = await SchoolAsync(Text(item, "school"), cancellationToken);
        var names = Array(item, "periods").Select(p => p.GetString() ?? "").ToHashSet(StringComparer.OrdinalIgnoreCase);
        var periods = await db.Set<BellPeriod>().AsNoTracking().Where(p => p.SchoolId == school.Id).ToListAsync(cancellationToken);
        await db.Set<FreeTime>().Where(f => f.PersonId == teacher.Id && f.SchoolId == school.Id && f.IsPlanningPeriod).ExecuteDeleteAsync(cancellationToken);
        foreach (var period in periods.Where(p => names.Contains(p.Name)))
        {
            db.Add(new FreeTime { Id = Guid.NewGuid(), PersonId = teacher.Id, SchoolId = school.Id, Weekday = period.Weekday, Start = period.Start, End = period.End, Label = period.Name, IsPlanningPeriod = true });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task CycleAsync(JsonElement item, CancellationToken cancellationToken)
    {
        var coach = await PersonAsync(Text(item, "coach"), cancellationToken);
        var school = await SchoolAsync(Text(item, "school"), cancellationToken);
        var goal = Text(item, "goal");
        if (await db.Set<CoachingCycle>().AnyAsync(c => c.CoachId == coach.Id && c.Goal == goal, cancellationToken))
        {
            return;
        }

        var teachers = new List<Guid>();
        foreach (var email in Array(item, "teachers"))
        {
            teachers.Add((await PersonAsync(email.GetString() ?? "", cancellationToken)).Id);
        }

        string? Optional(string name) => item.TryGetProperty(name, out var value) ? value.GetString() : null;
        var cycle = await coaching.StartCycleAsync(coach.Id, school, teachers, goal, Optional("microCredential"), Optional("focusArea"), cancellationToken);
        var calendar = await coaching.CalendarOfAsync(school.Id, cancellationToken);
        var free = await coaching.FreeTimeOfAsync(teachers, school.Id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (Optional("pastMeeting") is { } past && Enum.TryParse<MeetingKind>(past, true, out var pastKind))
        {
            // The latest usual window in the last three weeks, written directly: scheduling refuses the past.
            var today = DateOnly.FromDateTime(calendar.ToLocal(now));
            for (var d = 1; d <= 21; d++)
            {
                var date = today.AddDays(-d);
                var window = calendar.IsSchoolDay(date) ? SlotFinder.UsualWindows(calendar, pastKind, free, date.DayOfWeek).LastOrDefault() : null;
                if (window == null)
                {
                    continue;
                }

                var start = calendar.ToUtc(date, window.Start);
                var meeting = new Meeting
                {
                    Id = Guid.NewGuid(), CycleId = cycle.Id, SchoolId = school.Id, Kind = pastKind, StartUtc = start, EndUtc = calendar.ToUtc(date, window.End),
                    State = MeetingState.Scheduled, CreatedAt = now, UpdatedAt = now, Location = "",
                    Notes = Optional("pastNotes"), NotesAt = Optional("pastNotes") == null ? null : now, NotesShared = Optional("pastNotes") != null,
                    Style = pastKind == MeetingKind.Visit ? VisitStyle.Observation : null,
                };
                db.Add(meeting);
                foreach (var person in teachers.Prepend(coach.Id))
                {
                    db.Add(new MeetingAttendee { MeetingId = meeting.Id, PersonId = person, SchoolId = school.Id, StartUtc = meeting.StartUtc, EndUtc = meeting.EndUtc, Active = true });
                }

                cycle.State = CycleState.Active;
                coaching.Record(cycle.Id, meeting.Id, coach.Id, $"{CoachingService.Describe(pastKind)} held");
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
        }

        if (Optional("upcomingMeeting") is { } upcoming && Enum.TryParse<MeetingKind>(upcoming, true, out var upcomingKind))
        {
            var slots = await coaching.SuggestAsync(cycle, upcomingKind, TimeSpan.FromMinutes(30), cancellationToken);
            if (slots.FirstOrDefault(s => s.StartUtc > now.AddHours(2)) is { } slot)
            {
                try
                {
                    await coaching.ScheduleAsync(cycle, new MeetingRequest(upcomingKind, VisitStyle.Observation, slot.StartUtc, slot.EndUtc, "Room 12"), coach.Id, cancellationToken, invite: false);
                }
                catch (RuleException refused)
                {
                    // A recipe step's failure names the step; the rule's reason says what to fix in the recipe.
                    throw new RecipeException("The demo meeting could not be scheduled: " + refused.Message, refused);
                }
            }
        }
    }
}
