using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Calendar;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Notifications;
using PLBadges.Abstractions.Rules;
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

/// <summary>A meeting placed, with a note when it lies outside the usual time (as the coach chose).</summary>
internal sealed record Scheduled(Meeting Meeting, string? Note);

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

    /// <summary>"Tue 8 Dec 2026, 10:05–10:50 Central Standard Time".</summary>
    public static string When(TimeZoneInfo zone, DateTime startUtc, DateTime endUtc)
    {
        var start = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc), zone);
        var end = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(endUtc, DateTimeKind.Utc), zone);
        return start.ToString("ddd d MMM yyyy, h:mm tt", CultureInfo.InvariantCulture) + "–" + end.ToString("h:mm tt", CultureInfo.InvariantCulture) + " " + LocalTimeText.ZoneName(zone, start);
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
        return new SchoolCalendar(schoolId, school?.Zone ?? TimeZoneInfo.Utc, periods.OrderBy(p => p.Weekday).ThenBy(p => p.Start).ToList(), closures.ToHashSet());
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

    /// <exception cref="RuleException">The cycle is closed.</exception>
    internal async Task ChangeStateAsync(CoachingCycle cycle, CycleState to, Guid byId, CancellationToken cancellationToken)
    {
        if (cycle.State is CycleState.Completed or CycleState.Cancelled)
        {
            throw new RuleException("This cycle is closed.");
        }

        if (to == cycle.State)
        {
            return;
        }

        await db.InTransactionAsync(async ct =>
        {
            await HoldCalendarsAsync([cycle.CoachId], ct);
            var from = cycle.State;
            cycle.State = to;
            cycle.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            Record(cycle.Id, null, byId, $"Cycle {from.ToString().ToLowerInvariant()} → {to.ToString().ToLowerInvariant()}");
            if (to is CycleState.Completed or CycleState.Cancelled)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var upcoming = await db.Set<Meeting>().Where(m => m.CycleId == cycle.Id && m.State == MeetingState.Scheduled && m.StartUtc > now).ToListAsync(ct);
                foreach (var meeting in upcoming)
                {
                    await CancelMeetingAsync(cycle, meeting, byId, ct);
                }
            }
        }, cancellationToken);
    }

    /// <param name="invite">False when a recipe seeds the meeting: setting up a site emails nobody.</param>
    /// <param name="outsideUsualTimeAgreed">The coach has seen that the time is outside the usual time and wants it anyway; until then such a time is refused before anyone is invited.</param>
    /// <exception cref="RuleException">The time cannot be used; the message says why, at the form field it concerns.</exception>
    internal Task<Scheduled> ScheduleAsync(CoachingCycle cycle, MeetingRequest request, Guid byId, CancellationToken cancellationToken, bool invite = true, bool outsideUsualTimeAgreed = false) =>
        PlaceAsync(cycle, null, request, byId, invite, outsideUsualTimeAgreed || !invite, cancellationToken);

    /// <exception cref="RuleException">The meeting cannot move there; the message says why.</exception>
    internal async Task<Scheduled> RescheduleAsync(CoachingCycle cycle, Meeting meeting, DateTime startUtc, DateTime endUtc, Guid byId, bool outsideUsualTimeAgreed, CancellationToken cancellationToken)
    {
        if (meeting.State == MeetingState.Cancelled)
        {
            throw new RuleException("This meeting is cancelled; schedule a new one.");
        }

        return await PlaceAsync(cycle, meeting, new MeetingRequest(meeting.Kind, meeting.Style, startUtc, endUtc, meeting.Location), byId, true, outsideUsualTimeAgreed, cancellationToken);
    }

    /// <exception cref="RuleException">The meeting has already taken place.</exception>
    internal async Task CancelAsync(CoachingCycle cycle, Meeting meeting, Guid byId, CancellationToken cancellationToken)
    {
        if (meeting.State == MeetingState.Cancelled)
        {
            return;
        }

        if (meeting.EndUtc <= clock.GetUtcNow().UtcDateTime)
        {
            throw new RuleException("This meeting has already taken place.");
        }

        var attendees = await AttendeeIdsAsync(meeting.Id, cancellationToken);
        await db.InTransactionAsync(async ct =>
        {
            await HoldCalendarsAsync(attendees, ct);
            await CancelMeetingAsync(cycle, meeting, byId, ct);
        }, cancellationToken);
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

    /// <summary>
    /// Places a new meeting or moves one: the time checked, the school day checked, the usual time
    /// agreed to, then (holding everyone's calendar) no clash, and the meeting, its attendees,
    /// reminders, invitations and record written in one transaction.
    /// </summary>
    private async Task<Scheduled> PlaceAsync(CoachingCycle cycle, Meeting? existing, MeetingRequest request, Guid byId, bool invite, bool outsideUsualTimeAgreed, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (startUtc, endUtc) = CheckTime(cycle, request, now);
        var school = await CalendarOfAsync(cycle.SchoolId, cancellationToken);
        var localStart = school.ToLocal(startUtc);
        if (school.ClosureReason(DateOnly.FromDateTime(localStart)) is { } reason)
        {
            throw new RuleException($"{localStart:dddd d MMMM} is not a school day: {reason}. Choose another day.", "date");
        }

        var teachers = await TeachersOfAsync(cycle.Id, cancellationToken);
        var usual = SlotFinder.IsUsualTime(school, request.Kind, await FreeTimeOfAsync(teachers, cycle.SchoolId, cancellationToken), startUtc, endUtc);
        if (!usual && !outsideUsualTimeAgreed)
        {
            // Said before anyone is invited, so the coach can choose another time or confirm this one.
            throw new RuleException(request.Kind == MeetingKind.Visit
                ? "This time is not a period the teacher teaches, so there may be no lesson to visit. Choose another time, or schedule it anyway."
                : "This time is outside the teacher's planning time. Choose another time, or schedule it anyway.", OutsideUsualTimeField);
        }

        List<Guid> attendees = [cycle.CoachId, .. teachers.Where(t => t != cycle.CoachId)];
        var meeting = await db.InTransactionAsync(async ct =>
        {
            await HoldCalendarsAsync(attendees, ct);
            await RefuseClashesAsync(attendees, existing, startUtc, endUtc, school.Zone, ct); // after the lock: a booking committed a moment ago is seen
            var placed = existing == null ? AddMeeting(cycle, request, attendees, now) : await MoveMeetingAsync(existing, startUtc, endUtc, ct);
            placed.StartUtc = startUtc;
            placed.EndUtc = endUtc;
            placed.OutsideUsualTime = !usual;
            placed.UpdatedAt = now;
            foreach (var row in db.ChangeTracker.Entries<MeetingAttendee>().Where(e => e.Entity.MeetingId == placed.Id))
            {
                (row.Entity.StartUtc, row.Entity.EndUtc) = (startUtc, endUtc);
            }

            await AddRemindersAsync(placed, attendees, now, ct);
            if (cycle.State == CycleState.Planned)
            {
                cycle.State = CycleState.Active;
                cycle.UpdatedAt = now;
                Record(cycle.Id, null, byId, "Cycle planned → active");
            }

            Record(cycle.Id, placed.Id, byId, $"{Describe(placed.Kind, placed.Style)} {(existing == null ? "scheduled" : "moved")} to {When(school.Zone, startUtc, endUtc)}{(usual ? "" : " (outside the usual time)")}");
            if (invite)
            {
                await SendInvitationsAsync(cycle, placed, existing == null ? "New meeting" : "Meeting moved", ct);
            }

            return placed;
        }, cancellationToken);
        return new Scheduled(meeting, usual ? null : request.Kind == MeetingKind.Visit
            ? "Scheduled, as you chose, at a time that is not a period the teacher teaches."
            : "Scheduled, as you chose, outside the teacher's planning time.");
    }

    /// <summary>The form field a refusal for an unusual time belongs to: its "schedule it anyway" box.</summary>
    public const string OutsideUsualTimeField = "anyway";

    /// <summary>The request's times, if a meeting of this cycle can have them; else the reason, at its field.</summary>
    private static (DateTime StartUtc, DateTime EndUtc) CheckTime(CoachingCycle cycle, MeetingRequest request, DateTime now)
    {
        if (cycle.State is CycleState.Completed or CycleState.Cancelled)
        {
            throw new RuleException("This cycle is closed; start a new one to meet again.");
        }

        var (startUtc, endUtc) = (DateTime.SpecifyKind(request.StartUtc, DateTimeKind.Utc), DateTime.SpecifyKind(request.EndUtc, DateTimeKind.Utc));
        if (endUtc <= startUtc)
        {
            throw new RuleException("The meeting ends before it starts: choose an end time after the start time.", "end");
        }

        if (endUtc - startUtc < ShortestMeeting || endUtc - startUtc > LongestMeeting)
        {
            throw new RuleException("A meeting lasts between 10 minutes and 4 hours.", "end");
        }

        if (FieldRanges.Check(DateField.CoachingMeeting, startUtc) is { } outside)
        {
            throw new RuleException(outside, "date");
        }

        return startUtc <= now ? throw new RuleException("That time has already passed: choose a time in the future.", "date") : (startUtc, endUtc);
    }

    private async Task RefuseClashesAsync(IReadOnlyList<Guid> attendees, Meeting? existing, DateTime startUtc, DateTime endUtc, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var clash = await db.Set<MeetingAttendee>().AsNoTracking()
            .Where(a => attendees.Contains(a.PersonId) && a.Active && a.MeetingId != (existing == null ? Guid.Empty : existing.Id)
                && a.StartUtc < endUtc && a.EndUtc > startUtc)
            .OrderBy(a => a.StartUtc).Select(a => new { a.PersonId, a.StartUtc, a.EndUtc }).FirstOrDefaultAsync(cancellationToken);
        if (clash != null)
        {
            var who = (await people.GetAsync([clash.PersonId], cancellationToken)).FirstOrDefault()?.DisplayName ?? "Someone";
            throw new RuleException($"{who} already has a meeting then ({When(zone, clash.StartUtc, clash.EndUtc)}). Choose another time.", "date");
        }
    }

    private Meeting AddMeeting(CoachingCycle cycle, MeetingRequest request, IReadOnlyList<Guid> attendees, DateTime now)
    {
        var meeting = new Meeting
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

        return meeting;
    }

    /// <summary>A moved meeting: a new sequence for its invitations, its unsent reminders dropped, its attendees' times moved with it.</summary>
    private async Task<Meeting> MoveMeetingAsync(Meeting meeting, DateTime startUtc, DateTime endUtc, CancellationToken cancellationToken)
    {
        meeting.Sequence++;
        await db.Set<Reminder>().Where(r => r.MeetingId == meeting.Id && r.SentAt == null).ExecuteDeleteAsync(cancellationToken);
        await db.Set<MeetingAttendee>().Where(a => a.MeetingId == meeting.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.StartUtc, startUtc).SetProperty(a => a.EndUtc, endUtc), cancellationToken);
        return meeting;
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
        var zone = school?.Zone ?? TimeZoneInfo.Utc;
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
    /// Holds these people's calendars for the rest of the transaction (the kit's transaction-scoped
    /// lock, one key per person, taken in one order so two bookings cannot deadlock).
    /// </summary>
    private Task HoldCalendarsAsync(IEnumerable<Guid> personIds, CancellationToken cancellationToken) =>
        db.LockInTransactionAsync(personIds.Select(id => new LockKey("calendar", id)), cancellationToken);
}
