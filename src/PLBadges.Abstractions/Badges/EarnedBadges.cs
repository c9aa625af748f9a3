namespace PLBadges.Abstractions.Badges;

/// <summary>A badge (an issued credential) as its holder's other pages show it: where to see and share it, and whether it was revoked.</summary>
/// <param name="Href">The holder's own view of it, with the share panel.</param>
/// <param name="ImageUrl">The badge image.</param>
public sealed record EarnedBadge(string CredentialId, string Name, string Href, string ImageUrl, DateTime IssuedAt, DateTime? RevokedAt, string? RevocationReason)
{
    public bool Revoked => RevokedAt != null;
}

/// <summary>A person's progress on a pathway: the micro-credentials whose badges they hold (not revoked), and the capstone when they hold it.</summary>
public sealed record PathwayProgress(IReadOnlySet<Guid> Earned, EarnedBadge? Capstone);

/// <summary>
/// The badges a person earned, for modules that issue none themselves (the submission page links to
/// the badge it earned; a pathway page counts what is earned). Answers nothing while the module
/// that issues badges is switched off.
/// </summary>
public interface IEarnedBadges
{
    /// <summary>The badge issued for a passed submission to its teacher; null when none is (yet).</summary>
    Task<EarnedBadge?> ForSubmissionAsync(Guid submissionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// What the person has earned of each of the pathways, in one read: every pathway asked for is in the answer,
    /// with nothing earned when they hold none of it.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, PathwayProgress>> PathwayProgressAsync(Guid personId, IReadOnlyCollection<Guid> pathwayIds, CancellationToken cancellationToken = default);
}
