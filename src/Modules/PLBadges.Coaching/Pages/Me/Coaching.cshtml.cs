using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Coaching.Cycles;
using PLBadges.Coaching.Scheduling;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Coaching.Pages.Me;

/// <summary>A teacher's coaching: their cycles, meetings, next steps and shared notes, and their planning periods.</summary>
[RequirePermission(CoachingPermissions.Names.Participate)]
public sealed class CoachingModel(PLBadgesDbContext db, CoachingAccess access, IAccessControl control, IPeopleDirectory people, IOrganizationDirectory organizations, TimeProvider clock) : PageModel, IRefusablePage
{
    public IReadOnlyList<CycleRow> Cycles { get; private set; } = [];

    public IReadOnlyList<MeetingRow> Meetings { get; private set; } = [];

    public IReadOnlyList<StepRow> Steps { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyDictionary<Guid, OrganizationInfo> Schools { get; private set; } = new Dictionary<Guid, OrganizationInfo>();

    /// <summary>The teacher's school, whose bell schedule their planning periods come from.</summary>
    public OrganizationInfo? School { get; private set; }

    internal IReadOnlyList<BellPeriod> Periods { get; private set; } = [];

    public IReadOnlySet<Guid> Planning { get; private set; } = new HashSet<Guid>();

    /// <summary>Free time the teacher added besides their planning periods (before school, say).</summary>
    internal IReadOnlyList<FreeTime> OtherFreeTime { get; private set; } = [];

    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return true;
    }

    /// <summary>Saves the teacher's planning periods: the chosen periods of their school's bell schedule.</summary>
    public async Task<IActionResult> OnPostPlanningAsync(List<Guid> periods, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (School == null)
        {
            return NotFound();
        }

        var me = access.PersonId!.Value;
        var chosen = Periods.Where(p => periods.Contains(p.Id)).ToList();
        var school = School.Id;
        await db.InTransactionAsync(async ct =>
        {
            await db.Set<FreeTime>().Where(f => f.PersonId == me && f.SchoolId == school && f.IsPlanningPeriod).ExecuteDeleteAsync(ct);
            db.AddRange(chosen.Select(period => new FreeTime { Id = Guid.NewGuid(), PersonId = me, SchoolId = school, Weekday = period.Weekday, Start = period.Start, End = period.End, Label = period.Name, IsPlanningPeriod = true }));
        }, cancellationToken);
        TempData["Status"] = chosen.Count == 0 ? "You have no planning periods set." : $"Saved {chosen.Count} planning period(s). Your coach's suggestions use them.";
        return Redirect("/me/coaching#planning-heading");
    }

    /// <summary>Adds another free slot (a weekday, a start and an end in school time), used like a planning period.</summary>
    public async Task<IActionResult> OnPostFreeAsync(DayOfWeek? weekday, string? start, string? end, string? label, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (School == null)
        {
            return NotFound();
        }

        string[] formats = ["HH:mm", "HH:mm:ss"];
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (weekday is not { } day || !Enum.IsDefined(day)
            || !TimeOnly.TryParseExact(start, formats, culture, System.Globalization.DateTimeStyles.None, out var from)
            || !TimeOnly.TryParseExact(end, formats, culture, System.Globalization.DateTimeStyles.None, out var to))
        {
            throw new RuleException("Give the day, the start time and the end time of your free time.", "weekday");
        }

        if (to <= from)
        {
            throw new RuleException("The free time ends before it starts: choose an end time after the start time.", "end");
        }

        if (to - from < TimeSpan.FromMinutes(10))
        {
            throw new RuleException("Free time of less than 10 minutes is too short for a meeting.", "end");
        }

        var name = string.IsNullOrWhiteSpace(label) ? "Free time" : label.Trim();
        if (name.Length > 60)
        {
            throw new RuleException("Describe the free time in at most 60 characters.", "label");
        }

        db.Add(new FreeTime { Id = Guid.NewGuid(), PersonId = access.PersonId!.Value, SchoolId = School.Id, Weekday = day, Start = from, End = to, Label = name, IsPlanningPeriod = false });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = $"Added {name} on {day}s. Your coach's suggestions use it.";
        return Redirect("/me/coaching#free-heading");
    }

    public async Task<IActionResult> OnPostRemoveFreeAsync(Guid slot, CancellationToken cancellationToken)
    {
        var me = access.PersonId!.Value;
        await db.Set<FreeTime>().Where(f => f.Id == slot && f.PersonId == me && !f.IsPlanningPeriod).ExecuteDeleteAsync(cancellationToken);
        TempData["Status"] = "Removed.";
        return Redirect("/me/coaching#free-heading");
    }

    public string NamesOf(IEnumerable<Guid> ids) => string.Join(", ", ids.Select(id => Names.GetValueOrDefault(id, "someone")));

    public string When(MeetingRow meeting) => CoachingService.When(Schools.GetValueOrDefault(meeting.SchoolId)?.Zone ?? TimeZoneInfo.Utc, meeting.StartUtc, meeting.EndUtc);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var me = access.PersonId ?? Guid.Empty;
        Now = clock.GetUtcNow().UtcDateTime;
        var cycleIds = db.Set<CycleTeacher>().Where(t => t.TeacherId == me).Select(t => t.CycleId);
        Cycles = await Caseload.CyclesAsync(db, db.Set<CoachingCycle>().Where(c => cycleIds.Contains(c.Id)), cancellationToken);
        var ids = Cycles.Select(c => c.Id).ToList();
        Meetings = await Caseload.MeetingsAsync(db, db.Set<Meeting>().Where(m => ids.Contains(m.CycleId) && m.EndUtc > Now.AddDays(-60)), cancellationToken);
        Steps = await db.Set<NextStep>().AsNoTracking().Where(s => ids.Contains(s.CycleId) && s.DoneAt == null).OrderBy(s => s.Due)
            .Select(s => new StepRow(s.Id, s.CycleId, s.Text, s.OwnerId, s.Due, s.DoneAt)).ToListAsync(cancellationToken);
        Names = (await people.GetAsync(Cycles.Select(c => c.CoachId).Concat(Steps.Select(s => s.OwnerId)).Distinct(), cancellationToken)).ToDictionary(p => p.Id, p => p.DisplayName);
        Schools = (await organizations.ListAsync(Cycles.Select(c => c.SchoolId).Distinct(), cancellationToken)).ToDictionary(o => o.Id);

        var schoolIds = (await control.RolesAsync(cancellationToken)).Where(r => r.Role == Role.Teacher && r.OrganizationId != null).Select(r => r.OrganizationId!.Value).ToList();
        School = (await organizations.ListAsync(schoolIds, cancellationToken)).Where(o => o.Kind == OrganizationKind.School).OrderBy(o => o.Name).FirstOrDefault();
        if (School != null)
        {
            Periods = await db.Set<BellPeriod>().AsNoTracking().Where(p => p.SchoolId == School.Id).ToListAsync(cancellationToken);
            Periods = Periods.OrderBy(p => ((int)p.Weekday + 6) % 7).ThenBy(p => p.Start).ToList();
            var mine = await db.Set<FreeTime>().AsNoTracking().Where(f => f.PersonId == me && f.SchoolId == School.Id && f.IsPlanningPeriod).ToListAsync(cancellationToken);
            Planning = Periods.Where(p => mine.Any(f => f.Weekday == p.Weekday && f.Start == p.Start && f.End == p.End)).Select(p => p.Id).ToHashSet();
            OtherFreeTime = (await db.Set<FreeTime>().AsNoTracking().Where(f => f.PersonId == me && f.SchoolId == School.Id && !f.IsPlanningPeriod).ToListAsync(cancellationToken))
                .OrderBy(f => ((int)f.Weekday + 6) % 7).ThenBy(f => f.Start).ToList();
        }
    }
}
