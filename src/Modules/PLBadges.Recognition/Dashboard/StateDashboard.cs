using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Security;
using PLBadges.Credentials.Contracts;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;
using PLBadges.Recognition.Applications;
using PLBadges.Recognition.Licensure;

namespace PLBadges.Recognition.Dashboard;

/// <summary>One figure of the dashboard: a count (or a sum) and how many records it rests on.</summary>
/// <param name="Withheld">Not shown although large enough, so that a small figure beside it cannot be worked out from the total.</param>
public sealed record Figure(string Group, decimal Value, int Basis, bool Withheld = false)
{
    /// <summary>Below this many records, a figure is not shown: it could point at a person.</summary>
    public const int Smallest = 10;

    public bool Suppressed => Basis < Smallest;

    public string Shown => Suppressed ? "fewer than 10" : Withheld ? "withheld" : Value.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// Figures that add up to a total shown elsewhere: when exactly one is suppressed, the total minus
    /// the others would give it away, so the smallest shown one is withheld too.
    /// </summary>
    public static IReadOnlyList<Figure> Protect(IReadOnlyList<Figure> parts)
    {
        if (parts.Count(f => f.Suppressed) != 1 || parts.Count < 2)
        {
            return parts;
        }

        var next = parts.Where(f => !f.Suppressed).MinBy(f => f.Basis)!;
        return parts.Select(f => ReferenceEquals(f, next) ? f with { Withheld = true } : f).ToList();
    }
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
/// module's monthly tallies), and, for the last twelve months, decisions, units recognised and the
/// median whole days to a reviewer's decision (from the feed's tallies); applications waiting now.
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

        // Decisions of the last twelve months, from the feed's monthly tallies (kept by its one writer).
        var tallies12 = await db.Set<DecisionTally>().AsNoTracking().Where(t => t.StateId == stateId && t.Month >= firstMonth).ToListAsync(cancellationToken);
        var days = await db.Set<DecisionDays>().AsNoTracking().Where(d => d.StateId == stateId && d.Month >= firstMonth).ToListAsync(cancellationToken);
        var waiting = await db.Set<RecognitionApplication>().CountAsync(a => a.StateId == stateId && (a.Status == ApplicationStatus.Waiting || a.Status == ApplicationStatus.MoreAsked), cancellationToken);
        var reviewed = days.Sum(d => d.Count);
        return new StateFigures(countedAt, Figure.Protect(byDistrict), Figure.Protect(byPathway), Figure.Protect(byMonth), Count("All districts", tallies.Sum(t => t.Earned)),
            tallies12.Where(t => t.UnitName.Length > 0).GroupBy(t => t.UnitName).Select(g => new Figure(g.Key, g.Sum(t => t.Units), g.Sum(t => t.Approved))).ToList(),
            Count("Waiting for a decision", waiting),
            new Figure("Median days from application to a reviewer's decision", Median(days), reviewed),
            Count("Approved", tallies12.Sum(t => t.Approved)),
            Count("Declined", tallies12.Sum(t => t.Declined)));
    }

    /// <summary>The median of whole days to a decision, from the counts per number of days (the mean of the two middle ones when the count is even).</summary>
    internal static decimal Median(IReadOnlyList<DecisionDays> days)
    {
        var total = days.Sum(d => d.Count);
        if (total == 0)
        {
            return 0;
        }

        var byDays = days.GroupBy(d => d.Days).Select(g => (Days: g.Key, Count: g.Sum(d => d.Count))).OrderBy(g => g.Days).ToList();
        decimal At(long position)
        {
            var seen = 0L;
            foreach (var (d, count) in byDays)
            {
                seen += count;
                if (seen > position)
                {
                    return d;
                }
            }

            return byDays[^1].Days;
        }

        return total % 2 == 1 ? At(total / 2) : (At(total / 2 - 1) + At(total / 2)) / 2;
    }

    private static Figure Count(string group, int count) => new(group, count, count);

    /// <summary>The figures as CSV, suppressed exactly as on the page.</summary>
    public static string ToCsv(string state, StateFigures f) => Csv.Write(
        ["State", "Measure", "Group", "Value"],
        f.EarnedByDistrict.Select(x => Row("Micro-credentials earned, by district", x))
            .Concat(f.EarnedByPathway.Select(x => Row("Micro-credentials earned, by pathway", x)))
            .Concat(f.EarnedByMonth.Select(x => Row("Micro-credentials earned, by month", x)))
            .Append(Row("Micro-credentials earned", f.EarnedTotal))
            .Concat(f.UnitsRecognised.Select(x => Row("Units recognized for renewal", x)))
            .Append(Row("Applications", f.Waiting))
            .Append(Row("Applications", f.Approved))
            .Append(Row("Applications", f.Declined))
            .Append(Row("Time to decision", f.MedianDaysToDecision))
            .Select(r => (IReadOnlyList<object?>)[state, .. r]));

    private static object?[] Row(string measure, Figure figure) => [measure, figure.Group, figure.Shown];
}
