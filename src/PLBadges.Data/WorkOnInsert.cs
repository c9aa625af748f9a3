using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Jobs;
using System.Data.Common;

namespace PLBadges.Data;

/// <summary>"When a row of this entity is added, run this work soon": how outbox rows get sent in seconds, not at the next sweep.</summary>
public sealed record WorkOnInsert(Type EntityType, Type WorkType);

public static class WorkOnInsertExtensions
{
    public static IServiceCollection AddWorkOnInsert<TEntity, TWork>(this IServiceCollection services)
        where TWork : IRecurringWork
    {
        services.AddSingleton(new WorkOnInsert(typeof(TEntity), typeof(TWork)));
        return services;
    }
}

/// <summary>
/// Triggers the work after the rows are durable: at once after SaveChanges outside a transaction,
/// or when the surrounding transaction commits. The periodic sweep remains the safety net.
/// </summary>
internal sealed class WorkOnInsertInterceptor(IServiceProvider services) : SaveChangesInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, HashSet<Type>> Pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        FlushUnlessInTransaction(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        FlushUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    internal void Flush(DbContext? context)
    {
        if (context == null || !Pending.TryGetValue(context, out var works))
        {
            return;
        }

        Pending.Remove(context);
        var trigger = services.GetService<IWorkTrigger>();
        if (trigger == null)
        {
            return;
        }

        foreach (var work in works)
        {
            typeof(IWorkTrigger).GetMethod(nameof(IWorkTrigger.RunSoon))!.MakeGenericMethod(work).Invoke(trigger, null);
        }
    }

    internal static void Forget(DbContext? context)
    {
        if (context != null)
        {
            Pending.Remove(context);
        }
    }

    private void Collect(DbContext? context)
    {
        if (context == null)
        {
            return;
        }

        var rules = services.GetServices<WorkOnInsert>().ToList();
        if (rules.Count == 0)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Added)
            {
                continue;
            }

            foreach (var rule in rules)
            {
                if (rule.EntityType.IsInstanceOfType(entry.Entity))
                {
                    Pending.GetOrCreateValue(context).Add(rule.WorkType);
                }
            }
        }
    }

    private void FlushUnlessInTransaction(DbContext? context)
    {
        if (context?.Database.CurrentTransaction == null)
        {
            Flush(context);
        }
    }
}

internal sealed class WorkOnCommitInterceptor(WorkOnInsertInterceptor inserts) : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => inserts.Flush(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        inserts.Flush(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => WorkOnInsertInterceptor.Forget(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        WorkOnInsertInterceptor.Forget(eventData.Context);
        return Task.CompletedTask;
    }
}
