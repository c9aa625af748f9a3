using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Jobs;
using PLBadges.Credentials.Contracts;
using PLBadges.Data;

namespace PLBadges.Credentials.Issuing;

/// <summary>Micro-credentials earned by issuer, pathway and month, as last computed.</summary>
internal sealed class CredentialTally
{
    public Guid IssuerId { get; set; }

    public Guid PathwayId { get; set; }

    public DateOnly Month { get; set; }

    public int Earned { get; set; }

    public decimal Hours { get; set; }

    public DateTime ComputedAt { get; set; }
}

/// <summary>Recomputes every tally from the credentials in one pass, and swaps them in one transaction (a recurring job).</summary>
internal sealed class CredentialTallies(PLBadgesDbContext db, TimeProvider clock) : IRecurringWork
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var groups = await db.Set<IssuedCredential>().AsNoTracking()
            .Where(c => c.Kind == CredentialKind.MicroCredential && c.RevokedAt == null)
            .GroupBy(c => new { c.IssuerId, c.PathwayId, c.ValidFrom.Year, c.ValidFrom.Month })
            .Select(g => new { g.Key.IssuerId, g.Key.PathwayId, g.Key.Year, g.Key.Month, Earned = g.Count(), Hours = g.Sum(c => c.Hours) })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.InTransactionAsync(async ct =>
        {
            await db.Set<CredentialTally>().ExecuteDeleteAsync(ct);
            db.AddRange(groups.Select(g => new CredentialTally { IssuerId = g.IssuerId, PathwayId = g.PathwayId, Month = new DateOnly(g.Year, g.Month, 1), Earned = g.Earned, Hours = g.Hours, ComputedAt = now }));
            if (groups.Count == 0)
            {
                // An empty site still says when it was counted.
                db.Add(new CredentialTally { IssuerId = Guid.Empty, PathwayId = Guid.Empty, Month = DateOnly.FromDateTime(now), ComputedAt = now });
            }
        }, cancellationToken);
        db.ChangeTracker.Clear();
    }
}

internal sealed class CredentialStatistics(PLBadgesDbContext db, IWorkTrigger trigger) : ICredentialStatistics
{
    public async Task<(IReadOnlyList<EarnedTally> Tallies, DateTime? ComputedAt)> EarnedAsync(IEnumerable<Guid> issuerIds, CancellationToken cancellationToken = default)
    {
        var ids = issuerIds.Distinct().ToList();
        var computedAt = await db.Set<CredentialTally>().AsNoTracking().MaxAsync(t => (DateTime?)t.ComputedAt, cancellationToken);
        if (computedAt == null)
        {
            trigger.RunSoon<CredentialTallies>();
            return ([], null);
        }

        var rows = await db.Set<CredentialTally>().AsNoTracking().Where(t => ids.Contains(t.IssuerId))
            .Select(t => new EarnedTally(t.IssuerId, t.PathwayId, t.Month, t.Earned, t.Hours)).ToListAsync(cancellationToken);
        return (rows, computedAt);
    }
}
