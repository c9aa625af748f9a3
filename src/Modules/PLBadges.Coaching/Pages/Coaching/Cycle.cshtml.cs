using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Values;
using PLBadges.Coaching.Cycles;
using PLBadges.Coaching.Scheduling;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Coaching.Pages.Coaching;

/// <summary>One cycle: its meetings, "suggest times", scheduling by hand, next steps, and its record.</summary>
[Authorize]
public sealed class CycleModel(PLBadgesDbContext db, CoachingAccess access, CoachingService coaching, IPeopleDirectory people, IOrganizationDirectory organizations, TimeProvider clock)
    : CyclePageModel(db, access, coaching, people, organizations)
{
    public static readonly int[] Durations = [20, 30, 45, 60];

    public IReadOnlyList<MeetingRow> Meetings { get; private set; } = [];

    internal IReadOnlyList<NextStep> Steps { get; private set; } = [];

    internal IReadOnlyList<CycleChange> History { get; private set; } = [];

    public IReadOnlyList<Slot>? Suggestions { get; private set; }

    public MeetingKind Kind { get; private set; } = MeetingKind.Planning;

    public int Minutes { get; private set; } = 30;

    public DateTime Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(MeetingKind? kind, int? minutes, CancellationToken cancellationToken)
    {
        if (!await ReloadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (kind != null && IsCoach)
        {
            Kind = kind.Value;
            Minutes = Durations.Contains(minutes ?? 0) ? minutes!.Value : 30;
            Suggestions = await Coaching.SuggestAsync(Cycle, Kind, TimeSpan.FromMinutes(Minutes), cancellationToken);
        }

        return Page();
    }

    public override async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        if (!await LoadCycleAsync(Id, cancellationToken))
        {
            return false;
        }

        Now = clock.GetUtcNow().UtcDateTime;
        Meetings = await Caseload.MeetingsAsync(Db, Db.Set<Meeting>().Where(m => m.CycleId == Cycle.Id), cancellationToken);
        Steps = await Db.Set<NextStep>().AsNoTracking().Where(s => s.CycleId == Cycle.Id).OrderBy(s => s.DoneAt != null).ThenBy(s => s.Due).ToListAsync(cancellationToken);
        History = IsCoach || Role == CycleRole.Overseer
            ? await Db.Set<CycleChange>().AsNoTracking().Where(c => c.CycleId == Cycle.Id).OrderByDescending(c => c.At).Take(100).ToListAsync(cancellationToken)
            : [];
        return true;
    }

    /// <summary>Schedules a suggested time (its start in UTC, as the suggestion gave it).</summary>
    public async Task<IActionResult> OnPostScheduleAsync(MeetingKind kind, VisitStyle? style, string? slot, int minutes, string? location, bool anyway, CancellationToken cancellationToken)
    {
        if (!await CoachesAsync(cancellationToken))
        {
            return NotFound();
        }

        (Kind, Minutes) = (kind, Durations.Contains(minutes) ? minutes : 30); // the form as the coach left it, if refused
        if (!DateTime.TryParse(slot, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var start) || !Durations.Contains(minutes))
        {
            throw new RuleException("Choose one of the suggested times.", "slot");
        }

        if (FieldRanges.Check(DateField.CoachingMeeting, start) is { } outside)
        {
            throw new RuleException(outside, "slot");
        }

        return await ScheduleAsync(new MeetingRequest(kind, style, start, start.AddMinutes(minutes), location), anyway, cancellationToken);
    }

    /// <summary>Schedules a time the coach typed, in the school's local time.</summary>
    public async Task<IActionResult> OnPostManualAsync(MeetingKind kind, VisitStyle? style, string? date, string? start, string? end, string? location, bool anyway, CancellationToken cancellationToken)
    {
        if (!await CoachesAsync(cancellationToken))
        {
            return NotFound();
        }

        Kind = kind;
        var calendar = await Coaching.CalendarOfAsync(Cycle.SchoolId, cancellationToken);
        if (calendar.ReadLocalRange(date, start, end, out var startUtc, out var endUtc) is { } error)
        {
            throw new RuleException(error, "date");
        }

        return await ScheduleAsync(new MeetingRequest(kind, style, startUtc, endUtc, location), anyway, cancellationToken);
    }

    public async Task<IActionResult> OnPostStepAsync(string? text, Guid? owner, string? due, CancellationToken cancellationToken)
    {
        if (!await CoachesAsync(cancellationToken))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > 500)
        {
            throw new RuleException("Write the next step (up to 500 characters).", "text");
        }

        if (owner == null || !(TeacherIds.Contains(owner.Value) || owner == Cycle.CoachId))
        {
            throw new RuleException("Choose who owns the next step.", "owner");
        }

        if (!DateOnly.TryParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dueDate))
        {
            throw new RuleException("Give the date the next step is due.", "due");
        }

        if (FieldRanges.Check(DateField.CoachingMeeting, dueDate, "The due date") is { } outside)
        {
            throw new RuleException(outside, "due");
        }

        Db.Add(new NextStep { Id = Guid.NewGuid(), CycleId = Cycle.Id, Text = text.Trim(), OwnerId = owner.Value, Due = dueDate, CreatedAt = clock.GetUtcNow().UtcDateTime });
        Coaching.Record(Cycle.Id, null, Me, "Next step agreed: " + text.Trim());
        await Db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "Next step added.";
        return Redirect($"/coaching/cycles/{Cycle.Id}#steps-heading");
    }

    public async Task<IActionResult> OnPostStepDoneAsync(Guid step, CancellationToken cancellationToken)
    {
        if (!await LoadCycleAsync(Id, cancellationToken) || Role is not (CycleRole.Coach or CycleRole.Teacher))
        {
            return NotFound();
        }

        var row = await Db.Set<NextStep>().FirstOrDefaultAsync(s => s.Id == step && s.CycleId == Cycle.Id, cancellationToken);
        if (row == null || (!IsCoach && row.OwnerId != Me))
        {
            return NotFound();
        }

        row.DoneAt ??= clock.GetUtcNow().UtcDateTime;
        Coaching.Record(Cycle.Id, null, Me, "Next step done: " + row.Text);
        await Db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "Marked done.";
        return Redirect(IsCoach ? $"/coaching/cycles/{Cycle.Id}#steps-heading" : "/me/coaching");
    }

    public async Task<IActionResult> OnPostStateAsync(CycleState to, CancellationToken cancellationToken)
    {
        if (!await CoachesAsync(cancellationToken))
        {
            return NotFound();
        }

        if (to is not (CycleState.Completed or CycleState.Cancelled))
        {
            throw new RuleException("A cycle becomes active with its first meeting; here it can only be completed or cancelled.");
        }

        await Coaching.ChangeStateAsync(Cycle, to, Me, cancellationToken);
        TempData["Status"] = to switch
        {
            CycleState.Completed => "Cycle completed. Its upcoming meetings are cancelled.",
            CycleState.Cancelled => "Cycle cancelled. Its upcoming meetings are cancelled.",
            _ => "Cycle updated.",
        };
        return Redirect($"/coaching/cycles/{Cycle.Id}");
    }

    /// <summary>The cycle, for its coach only.</summary>
    private async Task<bool> CoachesAsync(CancellationToken cancellationToken) => await LoadCycleAsync(Id, cancellationToken) && IsCoach;

    private async Task<IActionResult> ScheduleAsync(MeetingRequest request, bool anyway, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(request.Kind))
        {
            throw new RuleException("Choose the kind of meeting.", "kind");
        }

        var scheduled = await Coaching.ScheduleAsync(Cycle, request, Me, cancellationToken, outsideUsualTimeAgreed: anyway);
        TempData["Status"] = (scheduled.Note ?? "Scheduled.") + " Everyone has the invitation by email.";
        return Redirect($"/coaching/meetings/{scheduled.Meeting.Id}");
    }
}
