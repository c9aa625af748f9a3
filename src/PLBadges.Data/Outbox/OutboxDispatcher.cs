using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PLBadges.Abstractions.Events;
using PLBadges.Abstractions.Jobs;
using System.Text.Json;

namespace PLBadges.Data.Outbox;

/// <summary>
/// Hands each outbox event to every handler of its type, once. A dispatcher first leases the messages,
/// so concurrent runs (threads or nodes) never work on one together. Each handler runs in its own scope
/// and transaction, which also records (event, handler); a later run after a crash finds the record
/// and skips that handler, and a handler that throws is retried later with a growing delay. A handler
/// that takes batches (<see cref="IBatchEventHandler{TEvent}"/>) gets the run's events of its kind in
/// one transaction; if that fails, each event is tried on its own.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, TimeProvider clock, WorkLeases leases, ILogger<OutboxDispatcher> logger) : IRecurringWork
{
    private const int BatchSize = 100;
    private readonly TimeSpan lease = leases.For("outbox", TimeSpan.FromMinutes(5));

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        List<OutboxMessage> batch;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            batch = await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.DispatchedAt == null && (m.NextAttemptAt == null || m.NextAttemptAt <= now) && (m.LeasedUntil == null || m.LeasedUntil < now))
                .OrderBy(m => m.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        foreach (var kind in batch.GroupBy(m => m.Type))
        {
            await DispatchAsync(kind.Key, kind.ToList(), cancellationToken);
        }
    }

    private async Task DispatchAsync(string type, IReadOnlyList<OutboxMessage> candidates, CancellationToken cancellationToken)
    {
        var messages = await LeaseAsync(candidates, cancellationToken); // others may have been taken by another dispatcher, or dispatched meanwhile
        if (messages.Count == 0)
        {
            return;
        }

        logger.LogInformation("Leased {Count} {Event} events for dispatch", messages.Count, type.Split(',')[0].Split('.')[^1]);
        var errors = messages.ToDictionary(m => m.Id, _ => (string?)null);
        var eventType = Type.GetType(type);
        if (eventType == null)
        {
            foreach (var message in messages)
            {
                errors[message.Id] = $"Unknown event type {type}.";
            }
        }
        else
        {
            var handlerType = typeof(IEventHandler<>).MakeGenericType(eventType);
            var batchType = typeof(IBatchEventHandler<>).MakeGenericType(eventType);
            List<bool> takesBatches;
            using (var probe = scopes.CreateScope())
            {
                takesBatches = probe.ServiceProvider.GetServices(handlerType).Select(batchType.IsInstanceOfType).ToList();
            }

            for (var i = 0; i < takesBatches.Count; i++)
            {
                var pending = messages.Where(m => errors[m.Id] == null).ToList();
                if (takesBatches[i] && pending.Count > 1 && await RunBatchAsync(pending, eventType, handlerType, batchType, i, cancellationToken))
                {
                    continue;
                }

                foreach (var message in pending)
                {
                    errors[message.Id] = await RunHandlerAsync(message, eventType, handlerType, i, cancellationToken);
                }
            }
        }

        await FinishAsync(messages, errors, cancellationToken);
    }

    private async Task<string?> RunHandlerAsync(OutboxMessage message, Type eventType, Type handlerType, int index, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var handler = scope.ServiceProvider.GetServices(handlerType).ElementAt(index)!;
        var handlerName = handler.GetType().FullName!;
        var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
        if (await db.Set<ProcessedEvent>().AnyAsync(p => p.MessageId == message.MessageId && p.Handler == handlerName, cancellationToken))
        {
            return null;
        }

        try
        {
            var domainEvent = JsonSerializer.Deserialize(message.Payload, eventType, OutboxJson.Options)!;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await (Task)handlerType.GetMethod(nameof(IEventHandler<IDomainEvent>.HandleAsync))!
                .Invoke(handler, [domainEvent, cancellationToken])!;
            db.Set<ProcessedEvent>().Add(Processed(message.MessageId, handlerName));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (ex is DbUpdateException && await AlreadyProcessedAsync(message.MessageId, handlerName, cancellationToken))
            {
                // Another node handled it first; its transaction won, ours rolled back.
                return null;
            }

            var inner = ex is System.Reflection.TargetInvocationException { InnerException: { } tie } ? tie : ex;
            logger.LogError(inner, "Handler {Handler} failed for event {MessageId} ({Type})", handlerName, message.MessageId, message.Type);
            return $"{handlerName}: {inner.Message}";
        }
    }

    /// <summary>The events a batch handler has not yet seen, in one transaction; false when the batch failed and each must be tried alone.</summary>
    private async Task<bool> RunBatchAsync(IReadOnlyList<OutboxMessage> messages, Type eventType, Type handlerType, Type batchType, int index, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var handler = scope.ServiceProvider.GetServices(handlerType).ElementAt(index)!;
        var handlerName = handler.GetType().FullName!;
        var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
        var ids = messages.Select(m => m.MessageId).ToList();
        var done = (await db.Set<ProcessedEvent>().Where(p => ids.Contains(p.MessageId) && p.Handler == handlerName).Select(p => p.MessageId).ToListAsync(cancellationToken)).ToHashSet();
        var todo = messages.Where(m => !done.Contains(m.MessageId)).ToList();
        if (todo.Count == 0)
        {
            return true;
        }

        try
        {
            var events = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(eventType))!;
            foreach (var message in todo)
            {
                events.Add(JsonSerializer.Deserialize(message.Payload, eventType, OutboxJson.Options)!);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var handle = batchType.GetMethod(nameof(IBatchEventHandler<IDomainEvent>.HandleAsync), [typeof(IReadOnlyList<>).MakeGenericType(eventType), typeof(CancellationToken)])!;
            await (Task)handle.Invoke(handler, [events, cancellationToken])!;
            db.Set<ProcessedEvent>().AddRange(todo.Select(m => Processed(m.MessageId, handlerName)));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var inner = ex is System.Reflection.TargetInvocationException { InnerException: { } tie } ? tie : ex;
            logger.LogWarning(inner, "Handler {Handler} failed for a batch of {Count} events ({Type}); trying each on its own", handlerName, todo.Count, eventType.Name);
            return false;
        }
    }

    private ProcessedEvent Processed(Guid messageId, string handler) =>
        new() { MessageId = messageId, Handler = handler, ProcessedAt = clock.GetUtcNow().UtcDateTime };

    /// <summary>
    /// Takes the messages for this run: one atomic update, which only one of several racers wins for
    /// each message; the run's token then says which it won.
    /// </summary>
    private async Task<IReadOnlyList<OutboxMessage>> LeaseAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + lease;
        var token = Guid.NewGuid();
        var ids = messages.Select(m => m.Id).ToList();
        var leased = await db.Set<OutboxMessage>()
            .Where(m => ids.Contains(m.Id) && m.DispatchedAt == null && (m.LeasedUntil == null || m.LeasedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeasedUntil, until).SetProperty(m => m.LeaseToken, token), cancellationToken);
        if (leased == messages.Count)
        {
            return messages;
        }

        var won = leased == 0 ? [] : (await db.Set<OutboxMessage>().Where(m => ids.Contains(m.Id) && m.LeaseToken == token).Select(m => m.Id).ToListAsync(cancellationToken)).ToHashSet();
        return messages.Where(m => won.Contains(m.Id)).ToList();
    }

    private async Task FinishAsync(IReadOnlyList<OutboxMessage> messages, Dictionary<long, string?> errors, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var dispatched = messages.Where(m => errors[m.Id] == null).Select(m => m.Id).ToList();
        if (dispatched.Count > 0)
        {
            await db.Set<OutboxMessage>().Where(m => dispatched.Contains(m.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.DispatchedAt, now).SetProperty(m => m.LeasedUntil, (DateTime?)null)
                    .SetProperty(m => m.LeaseToken, (Guid?)null).SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
        }

        foreach (var message in messages.Where(m => errors[m.Id] != null))
        {
            var error = errors[message.Id]!;
            var attempts = message.Attempts + 1;
            var delay = TimeSpan.FromSeconds(Math.Min(3600, 15 * Math.Pow(2, attempts - 1)));
            await db.Set<OutboxMessage>().Where(m => m.Id == message.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.NextAttemptAt, now + delay)
                    .SetProperty(m => m.LeasedUntil, (DateTime?)null)
                    .SetProperty(m => m.LeaseToken, (Guid?)null)
                    .SetProperty(m => m.LastError, error.Length > 2000 ? error[..2000] : error), CancellationToken.None);
        }
    }

    private async Task<bool> AlreadyProcessedAsync(Guid messageId, string handler, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
        return await db.Set<ProcessedEvent>().AnyAsync(p => p.MessageId == messageId && p.Handler == handler, cancellationToken);
    }
}
