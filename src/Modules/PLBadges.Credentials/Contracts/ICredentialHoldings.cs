namespace PLBadges.Credentials.Contracts;

/// <summary>Which micro-credentials people hold (issued and not revoked), for modules that count earned learning.</summary>
public interface ICredentialHoldings
{
    /// <summary>Each person's held micro-credential ids; a person holding none is absent.</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlySet<Guid>>> MicroCredentialsHeldAsync(IEnumerable<Guid> personIds, CancellationToken cancellationToken = default);

    /// <summary>Each person's completed pathways (a capstone credential held, not revoked) with the capstone's name; a person with none is absent.</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<(Guid PathwayId, string Name)>>> PathwaysCompletedAsync(IEnumerable<Guid> personIds, CancellationToken cancellationToken = default);

    /// <summary>Every credential issued to the person, revoked ones included (marked), oldest first.</summary>
    Task<IReadOnlyList<HeldCredential>> HeldByAsync(Guid personId, CancellationToken cancellationToken = default);
}
