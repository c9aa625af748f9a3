using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Security;
using PLBadges.Cohorts.Readiness;

namespace PLBadges.Cohorts.Pages.District;

/// <summary>
/// /district/readiness: one row per school a person may see (a district admin their district's
/// schools, a school leader their own), with the rule that decides each state, a chart of states
/// drawn on the server with the same figures in a table, and a CSV export of the rows.
/// </summary>
[RequirePermission(CohortPermissions.Names.Readiness)]
public sealed class ReadinessModel(ReadinessBoard board) : PageModel
{
    public ReadinessBoardView Board { get; private set; } = new([], YearAhead.DefaultLeadMonths, ReadinessBoard.DefaultAttendanceShare);

    public static readonly string[] Columns =
    [
        "School", "Rollout date", "Months until rollout", "Academy", "Academy began", "Team members", "Missing team roles", "Sessions held",
        "Sessions attended (%)", "Required learning earned (%)", "Teachers", "Teachers with a micro-credential and in coaching (%)", "Readiness", "Reasons", "Team members who completed the academy",
    ];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Board = await board.BuildAsync(cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        Board = await board.BuildAsync(cancellationToken);
        var csv = Csv.Write(Columns, Board.Rows.Select(Cells));
        return File(Encoding.UTF8.GetBytes(csv), Csv.ContentType, "readiness.csv");
    }

    /// <summary>A row's figures, as the table and the CSV both show them.</summary>
    public static IReadOnlyList<object?> Cells(ReadinessRow row) =>
    [
        row.School.Name,
        row.School.DeviceRolloutDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        row.Judgement.MonthsUntilRollout,
        row.CohortName,
        row.AcademyBegan?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        row.TeamSize,
        string.Join("; ", row.Judgement.MissingRoles.Select(ReadinessRule.Label)),
        row.SessionsHeld,
        Percent(row.Judgement.AttendanceShare),
        Percent(row.Judgement.LearningShare),
        row.Teachers,
        Percent(row.Judgement.EngagedShare),
        ReadinessRule.Label(row.Judgement.State),
        string.Join(" ", row.Judgement.Reasons),
        row.TeamCompleted,
    ];

    public static string? Percent(double? share) => share is { } s ? Math.Round(s * 100).ToString(CultureInfo.InvariantCulture) : null;

    /// <summary>How many schools are in each state, in the order the chart draws them.</summary>
    public IReadOnlyList<(ReadinessState State, int Count)> Counts =>
        [.. new[] { ReadinessState.OnTrack, ReadinessState.AtRisk, ReadinessState.NotStarted, ReadinessState.NeedsFix }
            .Select(s => (s, Board.Rows.Count(r => r.Judgement.State == s))).Where(c => c.s != ReadinessState.NeedsFix || c.Item2 > 0)];
}
