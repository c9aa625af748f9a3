using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Abstractions.Values;
using PLBadges.Coaching.Cycles;
using PLBadges.Coaching.Scheduling;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Coaching.Pages.Coaching;

/// <summary>A school's bell schedule (periods per weekday) and its days without school.</summary>
[RequirePermission(CoachingPermissions.Names.Schedules)]
public sealed class SchedulesModel(PLBadgesDbContext db, CoachingAccess access) : PageModel, IRefusablePage
{
    /// <summary>The school the page shows (query or form), kept for showing it again after a refusal.</summary>
    [BindProperty(SupportsGet = true, Name = "school")]
    public Guid? SchoolId { get; set; }

    public IReadOnlyList<OrganizationInfo> Schools { get; private set; } = [];

    public OrganizationInfo? School { get; private set; }

    internal IReadOnlyList<BellPeriod> Periods { get; private set; } = [];

    internal IReadOnlyList<SchoolClosure> Closures { get; private set; } = [];

    public static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await ReloadAsync(cancellationToken) ? Page() : NotFound();

    public Task<bool> ReloadAsync(CancellationToken cancellationToken) => LoadAsync(SchoolId, cancellationToken);

    public async Task<IActionResult> OnPostPeriodAsync(string? name, string? start, string? end, List<DayOfWeek> days, CancellationToken cancellationToken)
    {
        if (!await ReloadAsync(cancellationToken) || School == null)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 60)
        {
            throw new RuleException("Name the period (up to 60 characters), for example “Period 3”.", "name");
        }

        if (!TimeOnly.TryParseExact(start, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !TimeOnly.TryParseExact(end, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
        {
            throw new RuleException("Give the period's start and end times.", "start");
        }

        if (to <= from)
        {
            throw new RuleException("The period ends before it starts: choose an end time after the start time.", "end");
        }

        if (days.Count == 0 || days.Any(d => !Enum.IsDefined(d)))
        {
            throw new RuleException("Choose the weekdays the period runs.", "days");
        }

        var clash = Periods.FirstOrDefault(p => days.Contains(p.Weekday) && p.Start < to && from < p.End);
        if (clash != null)
        {
            throw new RuleException($"It overlaps {clash.Name} on {clash.Weekday}.", "start");
        }

        foreach (var day in days.Distinct())
        {
            db.Add(new BellPeriod { Id = Guid.NewGuid(), SchoolId = School.Id, Weekday = day, Name = name.Trim(), Start = from, End = to });
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = $"Added {name.Trim()}.";
        return Redirect($"/coaching/schedules?school={School.Id}");
    }

    public async Task<IActionResult> OnPostRemovePeriodAsync(Guid period, CancellationToken cancellationToken)
    {
        if (!await ReloadAsync(cancellationToken) || School == null)
        {
            return NotFound();
        }

        await db.Set<BellPeriod>().Where(p => p.Id == period && p.SchoolId == School.Id).ExecuteDeleteAsync(cancellationToken);
        TempData["Status"] = "Period removed. Teachers' planning periods at that time stay until they change them.";
        return Redirect($"/coaching/schedules?school={School.Id}");
    }

    public async Task<IActionResult> OnPostClosureAsync(string? date, string? reason, CancellationToken cancellationToken)
    {
        if (!await ReloadAsync(cancellationToken) || School == null)
        {
            return NotFound();
        }

        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw new RuleException("Give the date without school.", "date");
        }

        if (FieldRanges.Check(DateField.CoachingMeeting, day, "The date without school") is { } outside)
        {
            throw new RuleException(outside, "date");
        }

        if (Closures.All(c => c.Date != day))
        {
            db.Add(new SchoolClosure { SchoolId = School.Id, Date = day, Reason = (reason ?? "").Trim() is var r && r.Length > 200 ? r[..200] : (reason ?? "").Trim() });
            await db.SaveChangesAsync(cancellationToken);
        }

        TempData["Status"] = $"{day:dddd d MMMM yyyy} is a day without school.";
        return Redirect($"/coaching/schedules?school={School.Id}");
    }

    public async Task<IActionResult> OnPostRemoveClosureAsync(string? date, CancellationToken cancellationToken)
    {
        if (!await ReloadAsync(cancellationToken) || School == null)
        {
            return NotFound();
        }

        if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            await db.Set<SchoolClosure>().Where(c => c.SchoolId == School.Id && c.Date == day).ExecuteDeleteAsync(cancellationToken);
        }

        TempData["Status"] = "Removed.";
        return Redirect($"/coaching/schedules?school={School.Id}");
    }

    private async Task<bool> LoadAsync(Guid? school, CancellationToken cancellationToken)
    {
        Schools = await access.ScheduleSchoolsAsync(cancellationToken);
        if (school != null && Schools.All(s => s.Id != school))
        {
            return false;
        }

        School = school == null ? Schools.FirstOrDefault() : Schools.First(s => s.Id == school);
        if (School != null)
        {
            Periods = (await db.Set<BellPeriod>().AsNoTracking().Where(p => p.SchoolId == School.Id).ToListAsync(cancellationToken))
                .OrderBy(p => Array.IndexOf(Weekdays, p.Weekday)).ThenBy(p => p.Start).ToList();
            Closures = await db.Set<SchoolClosure>().AsNoTracking().Where(c => c.SchoolId == School.Id).OrderBy(c => c.Date).ToListAsync(cancellationToken);
        }

        return true;
    }
}
