namespace PLBadges.Credentials.Contracts;

/// <summary>Micro-credentials earned (and not revoked) from one issuer, in one pathway, in one month, with their hours.</summary>
public sealed record EarnedTally(Guid IssuerId, Guid PathwayId, DateOnly Month, int Earned, decimal Hours);

/// <summary>
/// Counts of credentials earned, for dashboards: kept as monthly tallies a recurring job recomputes
/// (every ten minutes), so reading them costs the same at a million credentials as at a hundred.
/// </summary>
public interface ICredentialStatistics
{
    /// <summary>The issuers' tallies, and when they were computed (null: not yet; a computation is asked for).</summary>
    Task<(IReadOnlyList<EarnedTally> Tallies, DateTime? ComputedAt)> EarnedAsync(IEnumerable<Guid> issuerIds, CancellationToken cancellationToken = default);
}
