using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PLBadges.Data;

/// <summary>
/// Each SQLite connection reads through memory-mapped I/O and keeps a larger page cache, so a
/// queue that visits thousands of rows of a large file does not pay a system call per page. In
/// WAL mode it syncs at checkpoints rather than at every commit (<c>synchronous = NORMAL</c>, the
/// setting SQLite recommends for WAL): a crash of the process loses nothing, a power cut can lose
/// the last commits but never corrupts the file. PostgreSQL is the store for production.
/// </summary>
internal sealed class SqliteTuning : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA mmap_size = 268435456; PRAGMA cache_size = -16384; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
