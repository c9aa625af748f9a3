using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Security;
using PLBadges.Credentials.Contracts;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;
using PLBadges.Recognition.Applications;

namespace PLBadges.Recognition.Dashboard;

/// <summary>One figure of the dashboard: a count (or a sum) and how many records it rests on.</summary>
public sealed record Figure(string Group, decimal Value, int Basis)
{
    /// <summary>Below this many records, a figure is not shown: it could point at a person.</summary>
    public const int Smallest = 10;

    public bool Suppressed => Basis < Smallest;

    public string Shown => Suppressed ? "fewer than 10" : Value.ToString("#,0.##", CultureInfo.InvariantCulture);
}

/// <summary>The state's figures: every one an aggregate, any resting on fewer than 10 records shown as "fewer than 10".</summary>
public sealed record StateFigures(
    DateTime? CountedAt,
    IReadOnlyList<Figure> EarnedByDistrict,
    IReadOnlyList<Figure> EarnedByPathway,
    IReadOnlyList<Figure> EarnedByMonth,
    Figure EarnedTotal,
    IReadOnlyList<Figure> UnitsRecognised,
    Figure Waiting,
    Figure MedianDaysToDecision,
    Figure Approved,
    Figure Declined);

/// <summary>
/// The state dashboard: micro-credentials earned by district, pathway and month (from the credentials
/// module's monthly tallies), units recognised, applications waiting and the median time to decision.
/// No individual appears in it; small counts are suppressed in the page and its CSV alike.
/// </summary>
public sealed class StateDashboard(PLBadgesDbContext db, IOrganizationDirectory organizations, ICredentialStatistics statistics, IMicroCredentialCatalog catalog, TimeProvider clock)
{
    public const int Months = 12;

    public async Task<StateFigures> BuildAsync(Guid stateId, CancellationToken cancellationToken)
    {
        var below = await organizations.ListAsync(await organizations.WithDescendantsAsync([stateId], cancellationToken), cancellationToken);
        var districts = below.Where(o => o.Kind == OrganizationKind.District).ToDictionary(o => o.Id, o => o.Name);
        var (tallies, countedAt) = await statistics.EarnedAsync(districts.Keys, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-(Months - 1));

        var pathwayNames = new Dictionary<Guid, string>();
        foreach (var pathwayId in tallies.Select(t => t.PathwayId).Distinct())
        {
            pathwayNames[pathwayId] = (await catalog.PathwayAsync(pathwayId, cancellationToken))?.Title ?? "Other pathways";
        }

        var byDistrict = districts.OrderBy(d => d.Value).Select(d => Count(d.Value, tallies.Where(t => t.IssuerId == d.Key).Sum(t => t.Earned))).ToList();
        var byPathway = tallies.GroupBy(t => pathwayNames[t.PathwayId]).OrderBy(g => g.Key).Select(g => Count(g.Key, g.Sum(t => t.Earned))).ToList();
        var byMonth = Enumerable.Range(0, Months).Select(i => firstMonth.AddMonths(i))
            .Select(m => Count(m.ToString("MMM yyyy", CultureInfo.InvariantCulture), tallies.Where(t => t.Month == m).Sum(t => t.Earned))).ToList();

        var decided = await db.Set<RecognitionApplication>().AsNoTracking()
            .Where(a => a.StateId == stateId && (a.Status == ApplicationStatus.Approved || a.Status == ApplicationStatus.Declined))
            .GroupBy(a => new { a.Status, a.UnitName })
            .Select(g => new { g.Key.Status, g.Key.UnitName, Count = g.Count(), Units = g.Sum(a => a.UnitsGranted) })
            .ToListAsync(cancellationToken);
        var waiting = await db.Set<RecognitionApplication>().CountAsync(a => a.StateId == stateId && (a.Status == ApplicationStatus.Waiting || a.Status == ApplicationStatus.MoreAsked), cancellationToken);
        var since = clock.GetUtcNow().UtcDateTime.AddMonths(-Months);
        var durations = await db.Set<RecognitionApplication>().AsNoTracking()
            .Where(a => a.StateId == stateId && a.DecidedAt != null && a.DecidedAt >= since && !a.ByRule)
            .Select(a => new { a.SubmittedAt, DecidedAt = a.DecidedAt!.Value }).ToListAsync(cancellationToken);
        var days = durations.Select(d => (decimal)(d.DecidedAt - d.SubmittedAt).TotalDays).Order().ToList();
        var median = days.Count == 0 ? 0 : days.Count % 2 == 1 ? days[days.Count / 2] : (days[days.Count / 2 - 1] + days[days.Count / 2]) / 2;

        var approved = decided.Where(d => d.Status == ApplicationStatus.Approved).ToList();
        return new StateFigures(countedAt, byDistrict, byPathway, byMonth, Count("All districts", tallies.Sum(t => t.Earned)),
            approved.Where(a => a.UnitName.Length > 0).GroupBy(a => a.UnitName).Select(g => new Figure(g.Key, g.Sum(a => a.Units), g.Sum(a => a.Count))).ToList(),
            Count("Waiting for a decision", waiting),
            new Figure("Median days from application to a reviewer's decision", Math.Round(median, 1), days.Count),
            Count("Approved", approved.Sum(a => a.Count)),
            Count("Declined", decided.Where(d => d.Status == ApplicationStatus.Declined).Sum(a => a.Count)));
    }

    private static Figure Count(string group, int count) => new(group, count, count);

    /// <summary>The figures as CSV, suppressed exactly as on the page.</summary>
    public static string ToCsv(string state, StateFigures f) => Csv.Write(
        ["State", "Measure", "Group", "Value"],
        f.EarnedByDistrict.Select(x => Row("Micro-credentials earned, by district", x))
            .Concat(f.EarnedByPathway.Select(x => Row("Micro-credentials earned, by pathway", x)))
            .Concat(f.EarnedByMonth.Select(x => Row("Micro-credentials earned, by month", x)))
            .Append(Row("Micro-credentials earned", f.EarnedTotal))
            .Concat(f.UnitsRecognised.Select(x => Row("Units recognised for renewal", x)))
            .Append(Row("Applications", f.Waiting))
            .Append(Row("Applications", f.Approved))
            .Append(Row("Applications", f.Declined))
            .Append(Row("Time to decision", f.MedianDaysToDecision))
            .Select(r => (IReadOnlyList<object?>)[state, .. r]));

    private static object?[] Row(string measure, Figure figure) => [measure, figure.Group, figure.Shown];
}
