using Npgsql;

namespace PLBadges.Testing;

/// <summary>Where a test site keeps its data: a fresh SQLite file, or a fresh database on a real PostgreSQL server.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract string Provider { get; }

    public string DataFolder { get; } = Directory.CreateTempSubdirectory("plbadges-test-").FullName;

    public abstract string? ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string provider) =>
        provider == "Postgres" ? await PostgresDatabase.CreateAsync() : new SqliteDatabase();

    public virtual ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a stopping host; the temp folder is cleaned by the OS.
        }

        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

public sealed class SqliteDatabase : TestDatabase
{
    public override string Provider => "Sqlite";

    public override string? ConnectionString => null; // the site's default: a file in its data folder
}

/// <summary>
/// A database of its own on the PostgreSQL server named by PLBADGES_TEST_POSTGRES (scripts/test.sh
/// starts one). Missing configuration fails the test with a message; it never skips.
/// </summary>
public sealed class PostgresDatabase : TestDatabase
{
    public const string EnvironmentVariable = "PLBADGES_TEST_POSTGRES";
    private readonly string adminConnectionString;
    private readonly string name;

    private PostgresDatabase(string adminConnectionString, string name, string connectionString)
    {
        this.adminConnectionString = adminConnectionString;
        this.name = name;
        ConnectionString = connectionString;
    }

    public override string Provider => "Postgres";

    public override string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException($"{EnvironmentVariable} is not set. Run the suite with scripts/test.sh, which starts a throwaway PostgreSQL, or point {EnvironmentVariable} at a server (an admin connection string).");
        }

        var name = "plb_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new PostgresDatabase(admin, name, builder.ConnectionString);
    }

    /// <summary>Drops the database while a site still uses it: from then on it cannot connect, as when its server is down.</summary>
    public async Task TakeDownAsync()
    {
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        NpgsqlConnection.ClearAllPools();
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        await base.DisposeAsync();
    }
}
