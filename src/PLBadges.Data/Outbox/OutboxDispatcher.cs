using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PLBadges.Abstractions.Events;
using PLBadges.Abstractions.Jobs;
using System.Text.Json;

namespace PLBadges.Data.Outbox;

/// <summary>
/// Hands each outbox event to every handler of its type, once. A dispatcher first leases the message,
/// so concurrent runs (threads or nodes) never work on it together. Each handler runs in its own scope
/// and transaction, which also records (event, handler); a later run after a crash finds the record
/// and skips that handler, and a handler that throws is retried later with a growing delay.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OutboxDispatcher> logger) : IRecurringWork
{
    private const int BatchSize = 100;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

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

        foreach (var message in batch)
        {
            await DispatchAsync(message, cancellationToken);
        }
    }

    private async Task DispatchAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (!await TryLeaseAsync(message.Id, cancellationToken))
        {
            return; // another dispatcher has it, or it was dispatched meanwhile
        }

        var eventType = Type.GetType(message.Type);
        string? error = eventType == null ? $"Unknown event type {message.Type}." : null;
        if (eventType != null)
        {
            var handlerType = typeof(IEventHandler<>).MakeGenericType(eventType);
            int handlerCount;
            using (var probe = scopes.CreateScope())
            {
                handlerCount = probe.ServiceProvider.GetServices(handlerType).Count();
            }

            for (var i = 0; i < handlerCount && error == null; i++)
            {
                error = await RunHandlerAsync(message, eventType, handlerType, i, cancellationToken);
            }
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        if (error == null)
        {
            await db.Set<OutboxMessage>().Where(m => m.Id == message.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.DispatchedAt, now).SetProperty(m => m.LeasedUntil, (DateTime?)null).SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
        }
        else
        {
            var attempts = message.Attempts + 1;
            var delay = TimeSpan.FromSeconds(Math.Min(3600, 15 * Math.Pow(2, attempts - 1)));
            await db.Set<OutboxMessage>().Where(m => m.Id == message.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.NextAttemptAt, now + delay)
                    .SetProperty(m => m.LeasedUntil, (DateTime?)null)
                    .SetProperty(m => m.LastError, error.Length > 2000 ? error[..2000] : error), CancellationToken.None);
        }
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
            db.Set<ProcessedEvent>().Add(new ProcessedEvent
            {
                MessageId = message.MessageId,
                Handler = handlerName,
                ProcessedAt = clock.GetUtcNow().UtcDateTime,
            });
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

    /// <summary>Takes the message for this dispatcher: one atomic update, which only one of several racers wins.</summary>
    private async Task<bool> TryLeaseAsync(long id, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + Lease;
        var leased = await db.Set<OutboxMessage>()
            .Where(m => m.Id == id && m.DispatchedAt == null && (m.LeasedUntil == null || m.LeasedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeasedUntil, until), cancellationToken);
        return leased == 1;
    }

    private async Task<bool> AlreadyProcessedAsync(Guid messageId, string handler, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
        return await db.Set<ProcessedEvent>().AnyAsync(p => p.MessageId == messageId && p.Handler == handler, cancellationToken);
    }
}
