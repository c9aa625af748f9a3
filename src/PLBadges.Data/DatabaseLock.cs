using Microsoft.EntityFrameworkCore;

namespace PLBadges.Data;

/// <summary>
/// A lock held across nodes while the database is migrated and the first recipe applied. On
/// PostgreSQL it is a session advisory lock; a SQLite file has one node, so a process lock suffices.
/// </summary>
public static class DatabaseLock
{
    private static readonly SemaphoreSlim LocalLock = new(1, 1);

    public static async Task<IAsyncDisposable> AcquireAsync(PLBadgesDbContext db, long key, CancellationToken cancellationToken)
    {
        if (!db.IsPostgres)
        {
            await LocalLock.WaitAsync(cancellationToken);
            return new Releaser(() =>
            {
                LocalLock.Release();
                return Task.CompletedTask;
            });
        }

        // Keep one connection open for the whole migration: the advisory lock belongs to it.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({key})", cancellationToken);
        return new Releaser(async () =>
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({key})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        });
    }

    private sealed class Releaser(Func<Task> release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await release();
    }
}
