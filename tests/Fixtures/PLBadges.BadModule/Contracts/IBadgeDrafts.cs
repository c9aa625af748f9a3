namespace PLBadges.BadModule.Contracts;

// Allowed by rule 4: an interface, a record class, a record struct and an enum. The tests check that
// rule 4 reports none of them.

public interface IBadgeDrafts
{
    Task<BadgeDraftInfo?> GetAsync(Guid id, CancellationToken cancellationToken = default);
}

public sealed record BadgeDraftInfo(Guid Id, string Title, BadgeDraftState State);

public readonly record struct BadgeDraftId(Guid Value);

public enum BadgeDraftState
{
    Draft,
    Published,
}
