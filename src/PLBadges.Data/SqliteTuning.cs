using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PLBadges.Data;

/// <summary>
/// Each SQLite connection reads through memory-mapped I/O and keeps a larger page cache, so a
/// queue that visits thousands of rows of a large file does not pay a system call per page. In
/// WAL mode it syncs at checkpoints rather than at every commit (<c>synchronous = NORMAL</c>, the
/// setting SQLite recommends for WAL): a crash of the process loses nothing, a power cut can lose
/// the last commits but never corrupts the file. PostgreSQL is the store for production.
/// </summary>
/// <remarks>
/// The settings belong to the physical connection (the database handle), which Microsoft.Data.Sqlite
/// pools and hands out again on every logical open: they are applied once per handle, not on every
/// open, so a request that opens a pooled connection pays no extra round of statements.
/// </remarks>
internal sealed class SqliteTuning : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA mmap_size = 268435456; PRAGMA cache_size = -16384; PRAGMA synchronous = NORMAL;";

    /// <summary>The handles already tuned; an entry goes with its handle when the pool lets the handle go.</summary>
    private static readonly ConditionalWeakTable<object, object> Tuned = new();

    private static readonly object Mark = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!NeedsTuning(connection, out var handle))
        {
            return;
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        Remember(handle);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!NeedsTuning(connection, out var handle))
        {
            return;
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        Remember(handle);
    }

    /// <summary>How many physical connections have been tuned in this process (for the tests).</summary>
    internal static int TunedHandles => Tuned.Count();

    private static bool NeedsTuning(DbConnection connection, out object? handle)
    {
        handle = (connection as SqliteConnection)?.Handle;
        return handle == null || !Tuned.TryGetValue(handle, out _);
    }

    private static void Remember(object? handle)
    {
        if (handle != null)
        {
            Tuned.AddOrUpdate(handle, Mark);
        }
    }
}
