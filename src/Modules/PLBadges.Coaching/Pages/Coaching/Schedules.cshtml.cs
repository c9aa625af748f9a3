using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Abstractions.Values;
using PLBadges.Coaching.Cycles;
using PLBadges.Coaching.Scheduling;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Coaching.Pages.Coaching;

/// <summary>A school's bell schedule (periods per weekday) and its days without school.</summary>
[RequirePermission(CoachingPermissions.Names.Schedules)]
public sealed class SchedulesModel(PLBadgesDbContext db, CoachingAccess access) : PageModel
{
    public IReadOnlyList<OrganizationInfo> Schools { get; private set; } = [];

    public OrganizationInfo? School { get; private set; }

    internal IReadOnlyList<BellPeriod> Periods { get; private set; } = [];

    internal IReadOnlyList<SchoolClosure> Closures { get; private set; } = [];

    public string? Error { get; private set; }

    public static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public async Task<IActionResult> OnGetAsync(Guid? school, CancellationToken cancellationToken) =>
        await LoadAsync(school, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPeriodAsync(Guid school, string? name, string? start, string? end, List<DayOfWeek> days, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(school, cancellationToken) || School == null)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 60)
        {
            return Fail("Name the period (up to 60 characters), for example “Period 3”.");
        }

        if (!TimeOnly.TryParseExact(start, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !TimeOnly.TryParseExact(end, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
        {
            return Fail("Give the period's start and end times.");
        }

        if (to <= from)
        {
            return Fail("The period ends before it starts: choose an end time after the start time.");
        }

        if (days.Count == 0 || days.Any(d => !Enum.IsDefined(d)))
        {
            return Fail("Choose the weekdays the period runs.");
        }

        var clash = Periods.FirstOrDefault(p => days.Contains(p.Weekday) && p.Start < to && from < p.End);
        if (clash != null)
        {
            return Fail($"It overlaps {clash.Name} on {clash.Weekday}.");
        }

        foreach (var day in days.Distinct())
        {
            db.Add(new BellPeriod { Id = Guid.NewGuid(), SchoolId = School.Id, Weekday = day, Name = name.Trim(), Start = from, End = to });
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = $"Added {name.Trim()}.";
        return Redirect($"/coaching/schedules?school={School.Id}");
    }

    public async Task<IActionResult> OnPostRemovePeriodAsync(Guid school, Guid period, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(school, cancellationToken) || School == null)
        {
            return NotFound();
        }

        await db.Set<BellPeriod>().Where(p => p.Id == period && p.SchoolId == School.Id).ExecuteDeleteAsync(cancellationToken);
        TempData["Status"] = "Period removed. Teachers' planning periods at that time stay until they change them.";
        return Redirect($"/coaching/schedules?school={School.Id}");
    }

    public async Task<IActionResult> OnPostClosureAsync(Guid school, string? date, string? reason, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(school, cancellationToken) || School == null)
        {
            return NotFound();
        }

        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return Fail("Give the date without school.");
        }

        if (FieldRanges.Check(DateField.CoachingMeeting, day, "The date without school") is { } outside)
        {
            return Fail(outside);
        }

        if (Closures.All(c => c.Date != day))
        {
            db.Add(new SchoolClosure { SchoolId = School.Id, Date = day, Reason = (reason ?? "").Trim() is var r && r.Length > 200 ? r[..200] : (reason ?? "").Trim() });
            await db.SaveChangesAsync(cancellationToken);
        }

        TempData["Status"] = $"{day:dddd d MMMM yyyy} is a day without school.";
        return Redirect($"/coaching/schedules?school={School.Id}");
    }

    public async Task<IActionResult> OnPostRemoveClosureAsync(Guid school, string? date, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(school, cancellationToken) || School == null)
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

    private IActionResult Fail(string error)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
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
