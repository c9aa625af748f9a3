using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Files;
using PLBadges.Data;
using PLBadges.Data.Files;

namespace PLBadges.IntegrationTests;

/// <summary>
/// The file store's contract, the same for every backend: the folder on SQLite and on PostgreSQL,
/// and an S3-compatible store (s3rver, started by the fixture) on PostgreSQL, as several nodes run.
/// </summary>
public abstract class FileStoreTests(SiteFixture fixture)
{
    protected TestSite Site => fixture.Site;

    /// <summary>Changes a kept file's bytes behind the store's back, as damage in storage would.</summary>
    protected abstract Task ChangeStoredBytesAsync(IFileStore store, string key, byte[] bytes);

    protected async Task<T> WithStoreAsync<T>(Func<IFileStore, PLBadgesDbContext, Task<T>> work) =>
        await Site.InScopeAsync(services => work(services.GetRequiredService<IFileStore>(), services.GetRequiredService<PLBadgesDbContext>()));

    protected async Task<StoredFile> KeepAsync(byte[] bytes, string area = "kit-tests")
    {
        return await WithStoreAsync(async (store, db) =>
        {
            await using var incoming = await store.ReceiveAsync(new MemoryStream(bytes), bytes.Length, CancellationToken.None);
            var kept = await store.KeepAsync(incoming, area, CancellationToken.None);
            await db.SaveChangesAsync();
            return kept;
        });
    }

    protected static async Task<byte[]> ReadAllAsync(FileContent content)
    {
        await using var _ = content;
        using var copy = new MemoryStream();
        await content.Stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task A_file_is_kept_read_whole_and_in_ranges_and_deleted()
    {
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var kept = await KeepAsync(bytes);
        Assert.Matches("^kit-tests/[0-9a-f]{32}$", kept.Key);
        Assert.Equal(bytes.Length, kept.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), kept.Sha256);

        await WithStoreAsync(async (store, _) =>
        {
            Assert.Equal(bytes, await ReadAllAsync((await store.OpenAsync(kept.Key, null, CancellationToken.None))!));

            var middle = (await store.OpenAsync(kept.Key, new ByteRange(1000, 1999), CancellationToken.None))!;
            Assert.Equal(new ByteRange(1000, 1999), middle.Range);
            Assert.Equal(1000, middle.Length);
            Assert.Equal(bytes.Length, middle.TotalLength);
            Assert.Equal(bytes[1000..2000], await ReadAllAsync(middle));

            var last = (await store.OpenAsync(kept.Key, new ByteRange(bytes.Length - 1, bytes.Length - 1), CancellationToken.None))!;
            Assert.Equal(bytes[^1..], await ReadAllAsync(last));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.OpenAsync(kept.Key, new ByteRange(0, bytes.Length), CancellationToken.None));

            await store.DeleteAsync(kept.Key, CancellationToken.None);
            Assert.Null(await store.FindAsync(kept.Key, CancellationToken.None));
            Assert.Null(await store.OpenAsync(kept.Key, null, CancellationToken.None));
            await store.DeleteAsync(kept.Key, CancellationToken.None); // twice is harmless
            return true;
        });
    }

    [Fact]
    public async Task A_kept_file_whose_bytes_changed_fails_its_checksum_when_read_whole()
    {
        var bytes = RandomNumberGenerator.GetBytes(50_000);
        var kept = await KeepAsync(bytes);
        await WithStoreAsync(async (store, _) =>
        {
            var changed = (byte[])bytes.Clone();
            changed[25_000] ^= 0xFF;
            await ChangeStoredBytesAsync(store, kept.Key, changed);

            var problem = await Assert.ThrowsAsync<FileChecksumException>(async () => await ReadAllAsync((await store.OpenAsync(kept.Key, null, CancellationToken.None))!));
            Assert.Equal(kept.Key, problem.Key);

            // A range is not checked (only a whole read can be): it reads what is there.
            Assert.Equal(changed[24_990..25_010], await ReadAllAsync((await store.OpenAsync(kept.Key, new ByteRange(24_990, 25_009), CancellationToken.None))!));
            return true;
        });
    }

    [Fact]
    public async Task An_upload_past_its_limit_is_refused_and_leaves_nothing_behind()
    {
        var incoming = Path.Combine(fixture.Database.DataFolder, "incoming");
        await WithStoreAsync(async (store, _) =>
        {
            var problem = await Assert.ThrowsAsync<FileTooLargeException>(() => store.ReceiveAsync(new MemoryStream(new byte[10_001]), 10_000, CancellationToken.None));
            Assert.Equal(10_000, problem.MaxBytes);
            Assert.Empty(Directory.GetFiles(incoming));

            var received = await store.ReceiveAsync(new MemoryStream(new byte[10_000]), 10_000, CancellationToken.None);
            Assert.True(File.Exists(received.Path));
            await received.DisposeAsync();
            Assert.Empty(Directory.GetFiles(incoming));
            return true;
        });
    }

    [Fact]
    public async Task A_file_kept_in_a_unit_of_work_that_is_not_saved_has_no_record()
    {
        var key = await WithStoreAsync(async (store, _) =>
        {
            await using var incoming = await store.ReceiveAsync(new MemoryStream([1, 2, 3]), 10, CancellationToken.None);
            return (await store.KeepAsync(incoming, "kit-tests", CancellationToken.None)).Key; // and no SaveChanges
        });
        Assert.Null(await WithStoreAsync((store, _) => store.FindAsync(key, CancellationToken.None)));
        Assert.Null(await WithStoreAsync((store, _) => store.FindAsync("../../etc/passwd", CancellationToken.None)));
        await Assert.ThrowsAsync<ArgumentException>(() => WithStoreAsync(async (store, _) =>
        {
            await using var incoming = await store.ReceiveAsync(new MemoryStream([1]), 10, CancellationToken.None);
            return await store.KeepAsync(incoming, "../up", CancellationToken.None);
        }));
    }
}

public sealed class FileStoreOnSqliteFolder(SqliteSite fixture) : FileStoreTests(fixture), IClassFixture<SqliteSite>
{
    protected override Task ChangeStoredBytesAsync(IFileStore store, string key, byte[] bytes) => File.WriteAllBytesAsync(((FolderFileStore)store).PathOf(key), bytes);
}

public sealed class FileStoreOnPostgresFolder(PostgresSite fixture) : FileStoreTests(fixture), IClassFixture<PostgresSite>
{
    protected override Task ChangeStoredBytesAsync(IFileStore store, string key, byte[] bytes) => File.WriteAllBytesAsync(((FolderFileStore)store).PathOf(key), bytes);
}

/// <summary>A demo site on PostgreSQL whose files are kept in s3rver.</summary>
public sealed class S3Site() : SiteFixture("Postgres")
{
    public S3Server S3 { get; private set; } = null!;

    protected override async Task<IDictionary<string, string?>> SettingsAsync()
    {
        S3 = await S3Server.StartAsync();
        return S3.Settings();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await S3.DisposeAsync();
    }
}

public sealed class FileStoreOnS3(S3Site fixture) : FileStoreTests(fixture), IClassFixture<S3Site>
{
    protected override async Task ChangeStoredBytesAsync(IFileStore store, string key, byte[] bytes)
    {
        Assert.IsType<S3FileStore>(store);
        using var client = fixture.S3.Client();
        await client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = fixture.S3.Bucket, Key = key, InputStream = new MemoryStream(bytes), UseChunkEncoding = false });
    }
}
