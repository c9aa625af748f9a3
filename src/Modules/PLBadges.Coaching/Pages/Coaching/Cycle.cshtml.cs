using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
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

    public string? Error { get; private set; }

    public DateTime Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, MeetingKind? kind, int? minutes, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
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

    /// <summary>Schedules a suggested time (its start in UTC, as the suggestion gave it).</summary>
    public async Task<IActionResult> OnPostScheduleAsync(Guid id, MeetingKind kind, VisitStyle? style, string? slot, int minutes, string? location, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !IsCoach)
        {
            return NotFound();
        }

        if (!DateTime.TryParse(slot, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var start) || !Durations.Contains(minutes))
        {
            return await FailAsync("Choose one of the suggested times.", kind, minutes, cancellationToken);
        }

        if (FieldRanges.Check(DateField.CoachingMeeting, start) is { } outside)
        {
            return await FailAsync(outside, kind, minutes, cancellationToken);
        }

        return await ScheduleAsync(new MeetingRequest(kind, style, start, start.AddMinutes(minutes), location), cancellationToken);
    }

    /// <summary>Schedules a time the coach typed, in the school's local time.</summary>
    public async Task<IActionResult> OnPostManualAsync(Guid id, MeetingKind kind, VisitStyle? style, string? date, string? start, string? end, string? location, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !IsCoach)
        {
            return NotFound();
        }

        var calendar = await Coaching.CalendarOfAsync(Cycle.SchoolId, cancellationToken);
        if (calendar.ReadLocalRange(date, start, end, out var startUtc, out var endUtc) is { } error)
        {
            return await FailAsync(error, kind, 30, cancellationToken);
        }

        return await ScheduleAsync(new MeetingRequest(kind, style, startUtc, endUtc, location), cancellationToken);
    }

    public async Task<IActionResult> OnPostStepAsync(Guid id, string? text, Guid? owner, string? due, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !IsCoach)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > 500)
        {
            return await FailAsync("Write the next step (up to 500 characters).", null, 30, cancellationToken);
        }

        if (owner == null || !(TeacherIds.Contains(owner.Value) || owner == Cycle.CoachId))
        {
            return await FailAsync("Choose who owns the next step.", null, 30, cancellationToken);
        }

        if (!DateOnly.TryParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dueDate))
        {
            return await FailAsync("Give the date the next step is due.", null, 30, cancellationToken);
        }

        if (FieldRanges.Check(DateField.CoachingMeeting, dueDate, "The due date") is { } outside)
        {
            return await FailAsync(outside, null, 30, cancellationToken);
        }

        Db.Add(new NextStep { Id = Guid.NewGuid(), CycleId = Cycle.Id, Text = text.Trim(), OwnerId = owner.Value, Due = dueDate, CreatedAt = clock.GetUtcNow().UtcDateTime });
        Coaching.Record(Cycle.Id, null, Me, "Next step agreed: " + text.Trim());
        await Db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "Next step added.";
        return Redirect($"/coaching/cycles/{Cycle.Id}#steps-heading");
    }

    public async Task<IActionResult> OnPostStepDoneAsync(Guid id, Guid step, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || Role is not (CycleRole.Coach or CycleRole.Teacher))
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

    public async Task<IActionResult> OnPostStateAsync(Guid id, CycleState to, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !IsCoach)
        {
            return NotFound();
        }

        if (to is not (CycleState.Completed or CycleState.Cancelled))
        {
            return await FailAsync("A cycle becomes active with its first meeting; here it can only be completed or cancelled.", null, 30, cancellationToken);
        }

        if (await Coaching.ChangeStateAsync(Cycle, to, Me, cancellationToken) is { } error)
        {
            return await FailAsync(error, null, 30, cancellationToken);
        }

        TempData["Status"] = to switch
        {
            CycleState.Completed => "Cycle completed. Its upcoming meetings are cancelled.",
            CycleState.Cancelled => "Cycle cancelled. Its upcoming meetings are cancelled.",
            _ => "Cycle updated.",
        };
        return Redirect($"/coaching/cycles/{Cycle.Id}");
    }

    private async Task<IActionResult> ScheduleAsync(MeetingRequest request, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(request.Kind))
        {
            return await FailAsync("Choose the kind of meeting.", null, 30, cancellationToken);
        }

        var outcome = await Coaching.ScheduleAsync(Cycle, request, Me, cancellationToken);
        if (outcome.Error is { } error)
        {
            return await FailAsync(error, request.Kind, (int)(request.EndUtc - request.StartUtc).TotalMinutes, cancellationToken);
        }

        TempData["Status"] = (outcome.Warning ?? "Scheduled.") + " Everyone has the invitation by email.";
        return Redirect($"/coaching/meetings/{outcome.Meeting!.Id}");
    }

    private async Task<IActionResult> FailAsync(string error, MeetingKind? kind, int minutes, CancellationToken cancellationToken)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadListsAsync(cancellationToken);
        if (kind != null)
        {
            Kind = kind.Value;
            Minutes = Durations.Contains(minutes) ? minutes : 30;
        }

        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadCycleAsync(id, cancellationToken))
        {
            return false;
        }

        if (HttpMethods.IsGet(Request.Method))
        {
            await LoadListsAsync(cancellationToken);
        }

        return true;
    }

    private async Task LoadListsAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Meetings = await Caseload.MeetingsAsync(Db, Db.Set<Meeting>().Where(m => m.CycleId == Cycle.Id), cancellationToken);
        Steps = await Db.Set<NextStep>().AsNoTracking().Where(s => s.CycleId == Cycle.Id).OrderBy(s => s.DoneAt != null).ThenBy(s => s.Due).ToListAsync(cancellationToken);
        History = IsCoach || Role == CycleRole.Overseer
            ? await Db.Set<CycleChange>().AsNoTracking().Where(c => c.CycleId == Cycle.Id).OrderByDescending(c => c.At).Take(100).ToListAsync(cancellationToken)
            : [];
    }
}
