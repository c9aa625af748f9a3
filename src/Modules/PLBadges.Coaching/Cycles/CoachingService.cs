using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Calendar;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Notifications;
using PLBadges.Abstractions.Values;
using PLBadges.Coaching.Calendars;
using PLBadges.Coaching.Scheduling;
using PLBadges.Data;
using PLBadges.Data.Locks;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Coaching.Cycles;

/// <summary>A meeting to place: its kind, its time, and where.</summary>
public sealed record MeetingRequest(MeetingKind Kind, VisitStyle? Style, DateTime StartUtc, DateTime EndUtc, string? Location);

/// <summary>What scheduling did: the meeting (with a warning when it lies outside the usual time), or why nothing changed.</summary>
internal sealed record ScheduleOutcome(Meeting? Meeting, string? Error, string? Warning)
{
    public static ScheduleOutcome Refused(string error) => new(null, error, null);
}

/// <summary>
/// Runs coaching cycles: creates them, places their meetings (never double-booking anyone, and only
/// on school days), and keeps invitations and reminders in step. Each change is one transaction:
/// the meeting, its attendees, its reminders, the invitations in the mail outbox and the record of it.
/// </summary>
public sealed class CoachingService(
    PLBadgesDbContext db,
    IOrganizationDirectory organizations,
    IPeopleDirectory people,
    IEmailOutbox mail,
    SiteOrigin origin,
    IOptions<CoachingOptions> options,
    TimeProvider clock)
{

    public static readonly TimeSpan ShortestMeeting = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan LongestMeeting = TimeSpan.FromHours(4);

    public static string Describe(MeetingKind kind, VisitStyle? style = null) => kind switch
    {
        MeetingKind.Planning => "Planning conference",
        MeetingKind.Visit => style switch
        {
            VisitStyle.CoTeaching => "Classroom visit (co-teaching)",
            VisitStyle.ModelledLesson => "Classroom visit (modelled lesson)",
            _ => "Classroom visit (observation)",
        },
        MeetingKind.Debrief => "Debrief",
        _ => "Follow-up",
    };

    public static TimeZoneInfo ZoneOf(string? id)
    {
        try
        {
            return string.IsNullOrWhiteSpace(id) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    /// <summary>"Tue 8 Dec 2026, 10:05–10:50 Central Standard Time".</summary>
    public static string When(TimeZoneInfo zone, DateTime startUtc, DateTime endUtc)
    {
        var start = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc), zone);
        var end = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(endUtc, DateTimeKind.Utc), zone);
        var name = zone.IsDaylightSavingTime(start) ? zone.DaylightName : zone.StandardName;
        return start.ToString("ddd d MMM yyyy, h:mm tt", CultureInfo.InvariantCulture) + "–" + end.ToString("h:mm tt", CultureInfo.InvariantCulture) + " " + name;
    }

    /// <summary>A UTC time as the values of a date input and a time input in the zone.</summary>
    public (string Date, string Time) ToLocalInput(TimeZoneInfo zone, DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return (local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), local.ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    public async Task<SchoolCalendar> CalendarOfAsync(Guid schoolId, CancellationToken cancellationToken)
    {
        var school = await organizations.GetAsync(schoolId, cancellationToken);
        var periods = await db.Set<BellPeriod>().AsNoTracking().Where(p => p.SchoolId == schoolId)
            .Select(p => new LocalWindow(p.Weekday, p.Start, p.End, p.Name)).ToListAsync(cancellationToken);
        var since = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-400);
        var closures = await db.Set<SchoolClosure>().AsNoTracking().Where(c => c.SchoolId == schoolId && c.Date >= since)
            .Select(c => c.Date).ToListAsync(cancellationToken);
        return new SchoolCalendar(schoolId, ZoneOf(school?.TimeZone), periods.OrderBy(p => p.Weekday).ThenBy(p => p.Start).ToList(), closures.ToHashSet());
    }

    public async Task<IReadOnlyList<Guid>> TeachersOfAsync(Guid cycleId, CancellationToken cancellationToken) =>
        await db.Set<CycleTeacher>().AsNoTracking().Where(t => t.CycleId == cycleId).Select(t => t.TeacherId).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<IReadOnlyList<LocalWindow>>> FreeTimeOfAsync(IReadOnlyList<Guid> teacherIds, Guid schoolId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<FreeTime>().AsNoTracking().Where(f => teacherIds.Contains(f.PersonId) && f.SchoolId == schoolId).ToListAsync(cancellationToken);
        return teacherIds.Select(t => (IReadOnlyList<LocalWindow>)rows.Where(r => r.PersonId == t).Select(r => new LocalWindow(r.Weekday, r.Start, r.End, r.Label)).ToList()).ToList();
    }

    public async Task<IReadOnlyList<BusyTime>> BusyAsync(IReadOnlyCollection<Guid> personIds, DateTime fromUtc, DateTime toUtc, Guid? exceptMeeting, CancellationToken cancellationToken) =>
        await db.Set<MeetingAttendee>().AsNoTracking()
            .Where(a => personIds.Contains(a.PersonId) && a.Active && a.StartUtc < toUtc && a.EndUtc > fromUtc && a.MeetingId != exceptMeeting)
            .Select(a => new BusyTime(a.StartUtc, a.EndUtc, a.SchoolId)).ToListAsync(cancellationToken);

    internal async Task<IReadOnlyList<Slot>> SuggestAsync(CoachingCycle cycle, MeetingKind kind, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var teachers = await TeachersOfAsync(cycle.Id, cancellationToken);
        var school = await CalendarOfAsync(cycle.SchoolId, cancellationToken);
        var days = options.Value.SuggestDays;
        var busy = await BusyAsync([cycle.CoachId, .. teachers], now.AddDays(-1), now.AddDays(days + 2), null, cancellationToken);
        var query = new SlotQuery(school, kind, duration, now.AddMinutes(5), await FreeTimeOfAsync(teachers, cycle.SchoolId, cancellationToken), busy,
            TimeSpan.FromMinutes(options.Value.TravelGapMinutes), Days: days);
        return SlotFinder.Suggest(query);
    }

    internal async Task<CoachingCycle> StartCycleAsync(Guid coachId, OrganizationInfo school, IReadOnlyList<Guid> teacherIds, string goal, string? microCredentialSlug, string? focusArea, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cycle = new CoachingCycle
        {
            Id = Guid.NewGuid(),
            DistrictId = school.DistrictId ?? school.Id,
            SchoolId = school.Id,
            CoachId = coachId,
            Goal = goal.Trim(),
            MicroCredentialSlug = string.IsNullOrWhiteSpace(microCredentialSlug) ? null : microCredentialSlug.Trim(),
            FocusArea = string.IsNullOrWhiteSpace(focusArea) ? null : focusArea.Trim(),
            State = CycleState.Planned,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(cycle);
        foreach (var teacher in teacherIds.Distinct())
        {
            db.Add(new CycleTeacher { CycleId = cycle.Id, TeacherId = teacher });
        }

        Record(cycle.Id, null, coachId, "Cycle planned: " + cycle.Goal);
        await db.SaveChangesAsync(cancellationToken);
        return cycle;
    }

    internal async Task<string?> ChangeStateAsync(CoachingCycle cycle, CycleState to, Guid byId, CancellationToken cancellationToken)
    {
        if (cycle.State is CycleState.Completed or CycleState.Cancelled)
        {
            return "This cycle is closed.";
        }

        if (to == cycle.State)
        {
            return null;
        }

        await using var booking = await BookingAsync([cycle.CoachId], cancellationToken);
        var from = cycle.State;
        cycle.State = to;
        cycle.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        Record(cycle.Id, null, byId, $"Cycle {from.ToString().ToLowerInvariant()} → {to.ToString().ToLowerInvariant()}");
        if (to is CycleState.Completed or CycleState.Cancelled)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var upcoming = await db.Set<Meeting>().Where(m => m.CycleId == cycle.Id && m.State == MeetingState.Scheduled && m.StartUtc > now).ToListAsync(cancellationToken);
            foreach (var meeting in upcoming)
            {
                await CancelMeetingAsync(cycle, meeting, byId, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await booking.CommitAsync(cancellationToken);
        return null;
    }

    /// <param name="invite">False when a recipe seeds the meeting: setting up a site emails nobody.</param>
    internal Task<ScheduleOutcome> ScheduleAsync(CoachingCycle cycle, MeetingRequest request, Guid byId, CancellationToken cancellationToken, bool invite = true) =>
        PlaceAsync(cycle, null, request, byId, invite, cancellationToken);

    internal async Task<ScheduleOutcome> RescheduleAsync(CoachingCycle cycle, Meeting meeting, DateTime startUtc, DateTime endUtc, Guid byId, CancellationToken cancellationToken)
    {
        if (meeting.State == MeetingState.Cancelled)
        {
            return ScheduleOutcome.Refused("This meeting is cancelled; schedule a new one.");
        }

        return await PlaceAsync(cycle, meeting, new MeetingRequest(meeting.Kind, meeting.Style, startUtc, endUtc, meeting.Location), byId, true, cancellationToken);
    }

    internal async Task<string?> CancelAsync(CoachingCycle cycle, Meeting meeting, Guid byId, CancellationToken cancellationToken)
    {
        if (meeting.State == MeetingState.Cancelled)
        {
            return null;
        }

        if (meeting.EndUtc <= clock.GetUtcNow().UtcDateTime)
        {
            return "This meeting has already taken place.";
        }

        var attendees = await AttendeeIdsAsync(meeting.Id, cancellationToken);
        await using var booking = await BookingAsync(attendees, cancellationToken);
        await CancelMeetingAsync(cycle, meeting, byId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await booking.CommitAsync(cancellationToken);
        return null;
    }

    private async Task CancelMeetingAsync(CoachingCycle cycle, Meeting meeting, Guid byId, CancellationToken cancellationToken)
    {
        meeting.State = MeetingState.Cancelled;
        meeting.Sequence++;
        meeting.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.Set<MeetingAttendee>().Where(a => a.MeetingId == meeting.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Active, false), cancellationToken);
        await db.Set<Reminder>().Where(r => r.MeetingId == meeting.Id && r.SentAt == null).ExecuteDeleteAsync(cancellationToken);
        Record(cycle.Id, meeting.Id, byId, $"{Describe(meeting.Kind, meeting.Style)} cancelled");
        await SendInvitationsAsync(cycle, meeting, "Cancelled", cancellationToken);
    }

    private async Task<ScheduleOutcome> PlaceAsync(CoachingCycle cycle, Meeting? existing, MeetingRequest request, Guid byId, bool invite, CancellationToken cancellationToken)
    {
        if (cycle.State is CycleState.Completed or CycleState.Cancelled)
        {
            return ScheduleOutcome.Refused("This cycle is closed; start a new one to meet again.");
        }

        var (startUtc, endUtc) = (DateTime.SpecifyKind(request.StartUtc, DateTimeKind.Utc), DateTime.SpecifyKind(request.EndUtc, DateTimeKind.Utc));
        if (endUtc <= startUtc)
        {
            return ScheduleOutcome.Refused("The meeting ends before it starts: choose an end time after the start time.");
        }

        if (endUtc - startUtc < ShortestMeeting || endUtc - startUtc > LongestMeeting)
        {
            return ScheduleOutcome.Refused("A meeting lasts between 10 minutes and 4 hours.");
        }

        if (FieldRanges.Check(DateField.CoachingMeeting, startUtc) is { } outside)
        {
            return ScheduleOutcome.Refused(outside);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (startUtc <= now)
        {
            return ScheduleOutcome.Refused("That time has already passed: choose a time in the future.");
        }

        var school = await CalendarOfAsync(cycle.SchoolId, cancellationToken);
        var localStart = school.ToLocal(startUtc);
        if (school.ClosureReason(DateOnly.FromDateTime(localStart)) is { } reason)
        {
            return ScheduleOutcome.Refused($"{localStart:dddd d MMMM} is not a school day: {reason}. Choose another day.");
        }

        var teachers = await TeachersOfAsync(cycle.Id, cancellationToken);
        var attendees = new List<Guid> { cycle.CoachId };
        attendees.AddRange(teachers.Where(t => t != cycle.CoachId));
        await using var booking = await BookingAsync(attendees, cancellationToken);

        // Read after the lock: a booking that committed a moment ago is seen here.
        var clashes = await db.Set<MeetingAttendee>().AsNoTracking()
            .Where(a => attendees.Contains(a.PersonId) && a.Active && a.MeetingId != (existing == null ? Guid.Empty : existing.Id)
                && a.StartUtc < endUtc && a.EndUtc > startUtc)
            .Select(a => new { a.PersonId, a.StartUtc, a.EndUtc }).ToListAsync(cancellationToken);
        if (clashes.Count > 0)
        {
            var names = await people.GetAsync(clashes.Select(c => c.PersonId).Distinct(), cancellationToken);
            var first = clashes[0];
            var who = names.FirstOrDefault(p => p.Id == first.PersonId)?.DisplayName ?? "Someone";
            return ScheduleOutcome.Refused($"{who} already has a meeting then ({When(school.Zone, first.StartUtc, first.EndUtc)}). Choose another time.");
        }

        var usual = SlotFinder.IsUsualTime(school, request.Kind, await FreeTimeOfAsync(teachers, cycle.SchoolId, cancellationToken), startUtc, endUtc);
        var meeting = existing;
        string change;
        if (meeting == null)
        {
            meeting = new Meeting
            {
                Id = Guid.NewGuid(),
                CycleId = cycle.Id,
                SchoolId = cycle.SchoolId,
                Kind = request.Kind,
                Style = request.Kind == MeetingKind.Visit ? request.Style ?? VisitStyle.Observation : null,
                Location = (request.Location ?? "").Trim(),
                State = MeetingState.Scheduled,
                CreatedAt = now,
            };
            db.Add(meeting);
            foreach (var person in attendees)
            {
                db.Add(new MeetingAttendee { MeetingId = meeting.Id, PersonId = person, SchoolId = cycle.SchoolId, Active = true });
            }

            change = "New meeting";
        }
        else
        {
            meeting.Sequence++;
            await db.Set<Reminder>().Where(r => r.MeetingId == meeting.Id && r.SentAt == null).ExecuteDeleteAsync(cancellationToken);
            change = "Meeting moved";
        }

        meeting.StartUtc = startUtc;
        meeting.EndUtc = endUtc;
        meeting.OutsideUsualTime = !usual;
        meeting.UpdatedAt = now;
        if (existing != null)
        {
            await db.Set<MeetingAttendee>().Where(a => a.MeetingId == meeting.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.StartUtc, startUtc).SetProperty(a => a.EndUtc, endUtc), cancellationToken);
        }
        else
        {
            foreach (var row in db.ChangeTracker.Entries<MeetingAttendee>().Where(e => e.Entity.MeetingId == meeting.Id))
            {
                row.Entity.StartUtc = startUtc;
                row.Entity.EndUtc = endUtc;
            }
        }

        await AddRemindersAsync(meeting, attendees, now, cancellationToken);
        if (cycle.State == CycleState.Planned)
        {
            cycle.State = CycleState.Active;
            cycle.UpdatedAt = now;
            Record(cycle.Id, null, byId, "Cycle planned → active");
        }

        Record(cycle.Id, meeting.Id, byId, $"{Describe(meeting.Kind, meeting.Style)} {(existing == null ? "scheduled" : "moved")} to {When(school.Zone, startUtc, endUtc)}{(usual ? "" : " (outside the usual time)")}");
        if (invite)
        {
            await SendInvitationsAsync(cycle, meeting, change, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await booking.CommitAsync(cancellationToken);
        var warning = usual ? null : request.Kind == MeetingKind.Visit
            ? "Scheduled, but this time is not a period the teacher teaches."
            : "Scheduled, but this time is outside the teacher's planning time.";
        return new ScheduleOutcome(meeting, null, warning);
    }

    private async Task AddRemindersAsync(Meeting meeting, IReadOnlyList<Guid> attendees, DateTime now, CancellationToken cancellationToken)
    {
        var off = await db.Set<CalendarSettings>().AsNoTracking().Where(s => attendees.Contains(s.PersonId) && !s.Reminders).Select(s => s.PersonId).ToListAsync(cancellationToken);
        foreach (var person in attendees.Except(off))
        {
            foreach (var minutes in options.Value.ReminderMinutes.Where(m => m > 0).Distinct())
            {
                var due = meeting.StartUtc.AddMinutes(-minutes);
                if (due > now)
                {
                    db.Add(new Reminder { Id = Guid.NewGuid(), MeetingId = meeting.Id, PersonId = person, Sequence = meeting.Sequence, MinutesBefore = minutes, DueAt = due });
                }
            }
        }
    }

    public async Task<IReadOnlyList<Guid>> AttendeeIdsAsync(Guid meetingId, CancellationToken cancellationToken) =>
        await db.Set<MeetingAttendee>().AsNoTracking().Where(a => a.MeetingId == meetingId).Select(a => a.PersonId).ToListAsync(cancellationToken);

    /// <summary>The meeting as a calendar entry (the same Uid in the invitation, the download and the feed).</summary>
    internal CalendarEntry EntryOf(CoachingCycle cycle, Meeting meeting, string withNames, string schoolName) => new(
        $"{meeting.Id:N}@plbadges",
        $"{Describe(meeting.Kind, meeting.Style)}: {withNames}",
        meeting.StartUtc,
        meeting.EndUtc,
        meeting.Sequence,
        string.IsNullOrEmpty(meeting.Location) ? schoolName : $"{meeting.Location}, {schoolName}",
        "Coaching cycle goal: " + cycle.Goal,
        $"{origin.Value}/coaching/meetings/{meeting.Id}",
        meeting.State == MeetingState.Cancelled);

    /// <summary>Each attendee gets an email with the .ics: REQUEST for a new or moved meeting, CANCEL for a cancelled one.</summary>
    private async Task SendInvitationsAsync(CoachingCycle cycle, Meeting meeting, string change, CancellationToken cancellationToken)
    {
        var ids = db.ChangeTracker.Entries<MeetingAttendee>().Where(e => e.Entity.MeetingId == meeting.Id).Select(e => e.Entity.PersonId).ToList();
        if (ids.Count == 0)
        {
            ids = [.. await AttendeeIdsAsync(meeting.Id, cancellationToken)];
        }

        var attendees = await people.GetAsync(ids, cancellationToken);
        var coach = attendees.FirstOrDefault(p => p.Id == cycle.CoachId);
        var school = await organizations.GetAsync(cycle.SchoolId, cancellationToken);
        var zone = ZoneOf(school?.TimeZone);
        var teacherNames = string.Join(", ", attendees.Where(p => p.Id != cycle.CoachId).Select(p => p.DisplayName));
        var entry = EntryOf(cycle, meeting, teacherNames, school?.Name ?? "");
        var organizer = coach == null ? new Invitee("PLBadges", "no-reply@plbadges.invalid") : new Invitee(coach.DisplayName, coach.Email);
        var ics = ICalendarWriter.Invitation(entry, organizer, attendees.Where(p => p.Id != cycle.CoachId).Select(p => new Invitee(p.DisplayName, p.Email)).ToList(), clock.GetUtcNow().UtcDateTime);
        var cancelled = meeting.State == MeetingState.Cancelled;
        var attachment = new EmailAttachment(cancelled ? "cancel.ics" : "invite.ics", $"text/calendar; method={(cancelled ? "CANCEL" : "REQUEST")}; charset=utf-8", ics);
        foreach (var person in attendees.Where(p => p.IsActive))
        {
            var with = person.Id == cycle.CoachId ? teacherNames : coach?.DisplayName ?? "your coach";
            var model = new Dictionary<string, object?>
            {
                ["name"] = person.DisplayName,
                ["change"] = change,
                ["meeting"] = Describe(meeting.Kind, meeting.Style),
                ["with"] = with,
                ["when"] = When(zone, meeting.StartUtc, meeting.EndUtc),
                ["school"] = school?.Name ?? "",
                ["goal"] = cycle.Goal,
                ["link"] = person.Id == cycle.CoachId ? $"{origin.Value}/coaching/meetings/{meeting.Id}" : $"{origin.Value}/me/coaching",
            };
            await mail.QueueAsync(cancelled ? CoachingEmails.Cancellation.Name : CoachingEmails.Invitation.Name, person.Email, model, cycle.SchoolId,
                $"coaching-invitation:{meeting.Id:N}:{meeting.Sequence}:{person.Id:N}", cancellationToken, [attachment]);
        }
    }

    public void Record(Guid cycleId, Guid? meetingId, Guid? byId, string what) =>
        db.Add(new CycleChange { Id = Guid.NewGuid(), CycleId = cycleId, MeetingId = meetingId, ById = byId, At = clock.GetUtcNow().UtcDateTime, What = what.Length > 300 ? what[..300] : what });

    /// <summary>
    /// A transaction in which these people's calendars are held (the kit's transaction-scoped lock, one
    /// key per person, taken in one order so two bookings cannot deadlock). Inside a caller's
    /// transaction (a recipe), the booking is part of it and commits with it.
    /// </summary>
    private async Task<Booking> BookingAsync(IEnumerable<Guid> personIds, CancellationToken cancellationToken)
    {
        var transaction = db.InTransaction() ? null : await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockInTransactionAsync(personIds.Select(id => new LockKey("calendar", id)), cancellationToken);
        return new Booking(transaction);
    }

    private sealed class Booking(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? transaction) : IAsyncDisposable
    {
        public Task CommitAsync(CancellationToken cancellationToken) => transaction?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

        public ValueTask DisposeAsync() => transaction?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
