using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PLBadges.Data;

namespace PLBadges.IntegrationTests;

/// <summary>
/// The built site run as a process, as an operator runs it: <c>storage migrate</c>, and a first start
/// on a PostgreSQL database that does not exist yet, or with settings that are wrong.
/// </summary>
public sealed class StartupCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    private static Dictionary<string, string?> SiteSettings(TestDatabase database) => new()
    {
        ["Database:Provider"] = database.Provider,
        ["Database:DataFolder"] = database.DataFolder,
        ["ConnectionStrings:Default"] = database.ConnectionString,
    };

    [Fact]
    public async Task Storage_migrate_copies_every_file_to_the_bucket_verifies_each_resumes_and_can_run_twice()
    {
        await using var database = await TestDatabase.CreateAsync("Postgres");
        var files = new List<(string Key, byte[] Bytes)>();
        await using (var site = new TestSite(database))
        {
            for (var i = 0; i < 3; i++)
            {
                var bytes = RandomNumberGenerator.GetBytes(20_000 + i);
                files.Add(((await S3StorageTests.KeepAsync(site, bytes)).Key, bytes));
            }
        }

        await using var s3 = await S3Server.StartAsync();
        var settings = SiteSettings(database);
        foreach (var (key, value) in s3.Settings())
        {
            settings[key] = value;
        }

        async Task<(int Exit, IReadOnlyList<string> Output)> MigrateAsync()
        {
            await using var command = SiteProcess.Start(settings, "storage migrate", "storage", "migrate");
            var exit = await command.WaitForExitAsync(Patience);
            return (exit, command.Output);
        }

        var (exit, output) = await MigrateAsync();
        Assert.True(exit == 0, string.Join('\n', output));
        Assert.Contains("storage migrate: 3 files; 3 copied and verified, 0 already in the bucket and verified, 0 failed.", output);
        Assert.DoesNotContain(output, line => line.Contains("is running at", StringComparison.Ordinal) || line.Contains("Now listening", StringComparison.Ordinal));
        using var client = s3.Client();
        foreach (var (key, bytes) in files)
        {
            using var response = await client.GetObjectAsync(s3.Bucket, key);
            using var copy = new MemoryStream();
            await response.ResponseStream.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
        }

        // A run that stopped part-way (one object never arrived, one arrived damaged) is finished by running it again.
        await client.DeleteObjectAsync(s3.Bucket, files[0].Key);
        await client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = s3.Bucket, Key = files[1].Key, InputStream = new MemoryStream(new byte[5]), UseChunkEncoding = false });
        (exit, output) = await MigrateAsync();
        Assert.True(exit == 0, string.Join('\n', output));
        Assert.Contains("storage migrate: 3 files; 2 copied and verified, 1 already in the bucket and verified, 0 failed.", output);

        // And a run after a complete one copies nothing.
        (exit, output) = await MigrateAsync();
        Assert.True(exit == 0, string.Join('\n', output));
        Assert.Contains("storage migrate: 3 files; 0 copied and verified, 3 already in the bucket and verified, 0 failed.", output);

        // A file the folder has lost is named, and the command says it failed.
        File.Delete(Path.Combine(database.DataFolder, "files", files[2].Key.Split('/')[0], files[2].Key.Split('/')[1][..2], files[2].Key.Split('/')[1]));
        await client.DeleteObjectAsync(s3.Bucket, files[2].Key);
        (exit, output) = await MigrateAsync();
        Assert.Equal(1, exit);
        Assert.Contains(output, line => line.StartsWith($"storage migrate: {files[2].Key}: not in the folder", StringComparison.Ordinal));
        Assert.Contains("storage migrate: 3 files; 0 copied and verified, 2 already in the bucket and verified, 1 failed.", output);
    }

    [Fact]
    public async Task A_first_start_creates_its_PostgreSQL_database_when_its_account_may()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresDatabase.EnvironmentVariable)
            ?? throw new InvalidOperationException($"{PostgresDatabase.EnvironmentVariable} is not set.");
        var name = "plb_new_" + Guid.NewGuid().ToString("N")[..12];
        var data = Directory.CreateTempSubdirectory("plbadges-newcomer-").FullName;
        try
        {
            await using var site = SiteProcess.Start(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["Database:DataFolder"] = data,
                ["ConnectionStrings:Default"] = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString,
                ["Jobs:RunServer"] = "false",
            });
            await site.WaitUntilHealthyAsync(Patience);
            Assert.Contains(site.Output, line => line.Contains($"Created the PostgreSQL database {name}", StringComparison.Ordinal));
        }
        finally
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_database_the_account_may_not_create_stops_the_site_with_one_line_saying_what_to_create()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresDatabase.EnvironmentVariable)
            ?? throw new InvalidOperationException($"{PostgresDatabase.EnvironmentVariable} is not set.");
        var role = "plb_role_" + Guid.NewGuid().ToString("N")[..12];
        var name = "plb_absent_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(admin, $"CREATE ROLE {role} LOGIN PASSWORD 'not-a-real-secret' NOCREATEDB");
        try
        {
            await using var site = SiteProcess.Start(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Default"] = new NpgsqlConnectionStringBuilder(admin) { Database = name, Username = role, Password = "not-a-real-secret" }.ConnectionString,
                ["Jobs:RunServer"] = "false",
            });
            Assert.Equal(1, await site.WaitForExitAsync(Patience));
            var said = site.Output.Where(line => line.StartsWith("PLBadges cannot start:", StringComparison.Ordinal)).ToList();
            var line = Assert.Single(said);
            Assert.Contains($"\"{name}\" does not exist", line);
            Assert.Contains($"CREATE DATABASE \"{name}\" OWNER \"{role}\"", line);
            Assert.Contains($"ALTER ROLE \"{role}\" CREATEDB", line);
            Assert.DoesNotContain(site.Output, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
        }
        finally
        {
            await ExecuteAsync(admin, $"DROP ROLE IF EXISTS {role}");
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_database_made_by_the_migrations_before_the_squash_stops_the_site_with_one_line_saying_to_delete_it(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var site = new TestSite(database))
        {
            // What a database from before the squash has: a migration this build no longer carries.
            await site.InScopeAsync(async services => await services.GetRequiredService<PLBadgesDbContext>().Database.ExecuteSqlRawAsync(
                "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('20261101000000_BeforeTheSquash', '10.0.0')"));
        }

        await using var again = SiteProcess.Start(SiteSettings(database));
        Assert.Equal(1, await again.WaitForExitAsync(Patience));
        var line = Assert.Single(again.Output, line => line.StartsWith("PLBadges cannot start:", StringComparison.Ordinal));
        Assert.Contains("20261101000000_BeforeTheSquash", line);
        Assert.Contains(provider == "Sqlite" ? "delete the database file" : "drop the PostgreSQL database", line);
        Assert.DoesNotContain(again.Output, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrong_storage_settings_stop_the_site_with_one_line_per_problem()
    {
        var data = Directory.CreateTempSubdirectory("plbadges-settings-").FullName;
        try
        {
            await using var site = SiteProcess.Start(new Dictionary<string, string?>
            {
                ["Database:DataFolder"] = data,
                ["Storage:Provider"] = "S3",
                ["Storage:S3:ServiceUrl"] = "ftp://store",
                ["Storage:S3:ChecksumMode"] = "Sometimes",
            });
            Assert.Equal(1, await site.WaitForExitAsync(Patience));
            var said = site.Output.Where(line => line.StartsWith("PLBadges cannot start:", StringComparison.Ordinal)).ToList();
            Assert.Equal(4, said.Count);
            Assert.Contains(said, l => l.Contains("Storage:S3:ServiceUrl", StringComparison.Ordinal));
            Assert.Contains(said, l => l.Contains("Storage:S3:Bucket", StringComparison.Ordinal));
            Assert.Contains(said, l => l.Contains("Storage:S3:AccessKey", StringComparison.Ordinal));
            Assert.Contains(said, l => l.Contains("Storage:S3:ChecksumMode", StringComparison.Ordinal));
            Assert.DoesNotContain(site.Output, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
