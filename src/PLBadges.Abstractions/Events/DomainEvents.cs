namespace PLBadges.Abstractions.Events;

/// <summary>
/// A fact one module tells others. Events are records in a module's Contracts; they travel through
/// the outbox, saved in the same transaction as the change they describe.
/// </summary>
public interface IDomainEvent;

/// <summary>Adds an event to the outbox of the current unit of work (saved with the next SaveChanges).</summary>
public interface IEventOutbox
{
    void Add(IDomainEvent domainEvent);
}

/// <summary>
/// Handles one kind of event. Each handler sees each event at most once: the dispatcher records
/// (event, handler) when the handler's transaction commits.
/// </summary>
public interface IEventHandler<in TEvent>
    where TEvent : IDomainEvent
{
    Task HandleAsync(TEvent domainEvent, CancellationToken cancellationToken);
}

/// <summary>
/// A handler that can take several events of its kind in one transaction (a backlog after an
/// outage, a cohort's results at once). The dispatcher gives it up to a batch at a time; when a
/// batch fails, it falls back to one event at a time, so one bad event holds up only itself.
/// </summary>
public interface IBatchEventHandler<TEvent> : IEventHandler<TEvent>
    where TEvent : IDomainEvent
{
    Task HandleAsync(IReadOnlyList<TEvent> domainEvents, CancellationToken cancellationToken);
}
