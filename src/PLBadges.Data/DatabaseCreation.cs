using System.Net.Sockets;
using Npgsql;

namespace PLBadges.Data;

/// <summary>A reason the site cannot start, said in one line a person can act on (no stack trace).</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A newcomer's first start on PostgreSQL: the site creates its database when its account may
/// ("already exists" counts as done: another node won the race), and otherwise says in one line
/// what to create and with which rights. Runs before the migration lock, which needs the database.
/// </summary>
public static class DatabaseCreation
{
    private const string InvalidCatalogName = "3D000";
    private const string DuplicateDatabase = "42P04";
    private const string InsufficientPrivilege = "42501";
    private const string InvalidPassword = "28P01";
    private const string InvalidAuthorization = "28000";

    /// <summary>True when it created the database; false when it was there already.</summary>
    public static async Task<bool> EnsurePostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var where = $"{target.Host}:{target.Port}";
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            return false;
        }
        catch (PostgresException problem) when (problem.SqlState == InvalidCatalogName)
        {
            // Missing: create it below, from the server's maintenance database.
        }
        catch (Exception problem) when (Explain(problem, target, where) is { } line)
        {
            throw new StartupException(line, problem);
        }

        var name = target.Database!;
        var cannotCreate = $"The PostgreSQL database \"{name}\" does not exist on {where}, and the account \"{target.Username}\" may not create it. "
            + $"Create it (CREATE DATABASE \"{name}\" OWNER \"{target.Username}\";) or let the account create databases (ALTER ROLE \"{target.Username}\" CREATEDB;), then start again.";
        foreach (var maintenance in new[] { "postgres", "template1" })
        {
            var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = maintenance, Pooling = false };
            try
            {
                await using var connection = new NpgsqlConnection(admin.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
                return true;
            }
            catch (PostgresException problem) when (problem.SqlState == DuplicateDatabase)
            {
                return false;
            }
            catch (PostgresException problem) when (problem.SqlState == InsufficientPrivilege)
            {
                throw new StartupException(cannotCreate, problem);
            }
            catch (PostgresException problem) when (problem.SqlState is InvalidCatalogName or InvalidAuthorization)
            {
                // This maintenance database is missing or closed to the account: try the next.
            }
        }

        throw new StartupException(cannotCreate);
    }

    /// <summary>One line for a connection that failed before any SQL ran, or null when it is not one of those.</summary>
    private static string? Explain(Exception problem, NpgsqlConnectionStringBuilder target, string where) => problem switch
    {
        PostgresException { SqlState: InvalidPassword or InvalidAuthorization } =>
            $"PostgreSQL on {where} refused the account \"{target.Username}\": check the user name and password in ConnectionStrings:Default.",
        NpgsqlException { InnerException: SocketException socket } =>
            $"Cannot reach PostgreSQL at {where} ({socket.Message}): is the server running, and is ConnectionStrings:Default right?",
        SocketException socket =>
            $"Cannot reach PostgreSQL at {where} ({socket.Message}): is the server running, and is ConnectionStrings:Default right?",
        NpgsqlException { InnerException: TimeoutException } =>
            $"PostgreSQL at {where} did not answer in time: is the server running, and is ConnectionStrings:Default right?",
        _ => null,
    };
}
