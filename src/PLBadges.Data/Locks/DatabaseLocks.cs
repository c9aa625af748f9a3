using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace PLBadges.Data.Locks;

/// <summary>
/// A lock's name: what it guards (a fixed name such as "migrations" or "recurring:outbox") and,
/// for one of many things of that kind, which (a person's calendar). Keys are 64-bit values derived
/// from the name, so every node computes the same key.
/// </summary>
public readonly record struct LockKey(string Name, Guid? Item = null)
{
    public long Value
    {
        get
        {
            var text = Item is { } item ? $"{Name}:{item:N}" : Name;
            return BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);
        }
    }

    public override string ToString() => Item is { } item ? $"{Name}:{item:N}" : Name;
}

/// <summary>
/// The one lock across nodes, in two scopes:
/// <list type="bullet">
/// <item><b>Session</b> (<see cref="HoldAsync"/>): held until disposed, whatever transactions come
/// and go meanwhile; for migrations and for recurring work that must not run twice at once. On
/// PostgreSQL a session advisory lock on a connection kept open for it; on SQLite (one node) a
/// lock inside this process.</item>
/// <item><b>Transaction</b> (<see cref="InTransactionAsync"/>): held until the current transaction
/// commits or rolls back; for a check-then-write that must not interleave (the next number in a
/// feed, a coach's calendar). Several keys are taken in one fixed order, so two holders of
/// overlapping sets cannot deadlock. On PostgreSQL transaction-scoped advisory locks; on SQLite the
/// transaction already holds the single writer's lock (transactions begin IMMEDIATE), so nothing
/// more is needed.</item>
/// </list>
/// </summary>
public static class DatabaseLocks
{
    private static readonly ConcurrentDictionary<long, SemaphoreSlim> LocalLocks = new();

    /// <summary>Holds the lock until the returned handle is disposed; waits for it when another holds it.</summary>
    public static async Task<IAsyncDisposable> HoldAsync(this PLBadgesDbContext db, LockKey key, CancellationToken cancellationToken)
    {
        if (!db.IsPostgres)
        {
            var local = LocalLocks.GetOrAdd(key.Value, _ => new SemaphoreSlim(1, 1));
            await local.WaitAsync(cancellationToken);
            return new Releaser(() =>
            {
                local.Release();
                return Task.CompletedTask;
            });
        }

        // The advisory lock belongs to the connection: keep it open until released.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var timeout = db.Database.GetCommandTimeout();
        try
        {
            // Waiting for the holder is not a slow query: wait as long as it holds the lock (a node that
            // starts while another migrates on a busy machine), however long the command timeout.
            db.Database.SetCommandTimeout(0);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({key.Value})", cancellationToken);
        }
        catch
        {
            await db.Database.CloseConnectionAsync();
            throw;
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }

        return new Releaser(async () =>
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({key.Value})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        });
    }

    /// <summary>Like <see cref="HoldAsync"/>, but gives up at once (null) when another holds the lock.</summary>
    public static async Task<IAsyncDisposable?> TryHoldAsync(this PLBadgesDbContext db, LockKey key, CancellationToken cancellationToken)
    {
        if (!db.IsPostgres)
        {
            var local = LocalLocks.GetOrAdd(key.Value, _ => new SemaphoreSlim(1, 1));
            return await local.WaitAsync(0, cancellationToken)
                ? new Releaser(() =>
                {
                    local.Release();
                    return Task.CompletedTask;
                })
                : null;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        var taken = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({key.Value}) AS \"Value\"").SingleAsync(cancellationToken);
        if (!taken)
        {
            await db.Database.CloseConnectionAsync();
            return null;
        }

        return new Releaser(async () =>
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({key.Value})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        });
    }

    /// <summary>Takes these locks for the rest of the current transaction (which must be open), in one fixed order.</summary>
    public static async Task LockInTransactionAsync(this PLBadgesDbContext db, IEnumerable<LockKey> keys, CancellationToken cancellationToken)
    {
        db.Current();
        if (!db.IsPostgres)
        {
            return;
        }

        foreach (var value in keys.Select(k => k.Value).Distinct().Order())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({value})", cancellationToken);
        }
    }

    public static Task LockInTransactionAsync(this PLBadgesDbContext db, LockKey key, CancellationToken cancellationToken) =>
        db.LockInTransactionAsync([key], cancellationToken);

    private sealed class Releaser(Func<Task> release) : IAsyncDisposable
    {
        private int released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                await release();
            }
        }
    }
}
