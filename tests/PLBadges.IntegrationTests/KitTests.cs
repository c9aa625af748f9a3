using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Files;
using PLBadges.Data;
using PLBadges.Data.Files;
using PLBadges.Data.Locks;

namespace PLBadges.IntegrationTests;

/// <summary>
/// The shared kit at its contracts, on both providers: the file store (against the folder; the same
/// contract serves any backend), and the one lock in its three uses.
/// </summary>
public abstract class KitTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    private async Task<T> WithStoreAsync<T>(Func<IFileStore, PLBadgesDbContext, Task<T>> work) =>
        await Site.InScopeAsync(services => work(services.GetRequiredService<IFileStore>(), services.GetRequiredService<PLBadgesDbContext>()));

    private async Task<StoredFile> KeepAsync(byte[] bytes, string area = "kit-tests")
    {
        return await WithStoreAsync(async (store, db) =>
        {
            await using var incoming = await store.ReceiveAsync(new MemoryStream(bytes), bytes.Length, CancellationToken.None);
            var kept = await store.KeepAsync(incoming, area, CancellationToken.None);
            await db.SaveChangesAsync();
            return kept;
        });
    }

    private static async Task<byte[]> ReadAllAsync(FileContent content)
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
            var path = ((FolderFileStore)store).PathOf(kept.Key);
            var changed = (byte[])bytes.Clone();
            changed[25_000] ^= 0xFF;
            await File.WriteAllBytesAsync(path, changed);

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

    private (PLBadgesDbContext Db, IServiceScope Scope) Context()
    {
        var scope = Site.Services.CreateScope();
        return (scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>(), scope);
    }

    [Fact]
    public async Task A_session_lock_is_held_until_released_whatever_transactions_pass()
    {
        var key = new LockKey("kit-tests:session", Guid.NewGuid());
        var (first, firstScope) = Context();
        var (second, secondScope) = Context();
        using (firstScope)
        using (secondScope)
        {
            var held = await first.HoldAsync(key, CancellationToken.None);
            await first.InTransactionAsync(_ => Task.CompletedTask, CancellationToken.None); // a transaction comes and goes
            Assert.Null(await second.TryHoldAsync(key, CancellationToken.None));

            var waiting = second.HoldAsync(key, CancellationToken.None);
            await Task.Delay(300);
            Assert.False(waiting.IsCompleted);

            await held.DisposeAsync();
            await using var secondHeld = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Null(await first.TryHoldAsync(key, CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_transaction_lock_lasts_until_commit_so_a_check_then_write_never_interleaves()
    {
        var key = new LockKey("kit-tests:transaction", Guid.NewGuid());
        var (first, firstScope) = Context();
        var (second, secondScope) = Context();
        using (firstScope)
        using (secondScope)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => first.LockInTransactionAsync(key, CancellationToken.None));

            var firstInside = new TaskCompletionSource();
            var release = new TaskCompletionSource();
            var order = new List<string>();
            var one = first.InTransactionAsync(async ct =>
            {
                await first.LockInTransactionAsync(key, ct);
                firstInside.SetResult();
                await release.Task;
                lock (order)
                {
                    order.Add("first");
                }
            }, CancellationToken.None);
            await firstInside.Task;

            // On its own thread: SQLite's driver waits for the writer's lock synchronously.
            var two = Task.Run(() => second.InTransactionAsync(async ct =>
            {
                await second.LockInTransactionAsync(key, ct);
                lock (order)
                {
                    order.Add("second");
                }
            }, CancellationToken.None));
            await Task.Delay(300);
            Assert.False(two.IsCompleted);

            release.SetResult();
            await one;
            await two.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(["first", "second"], order);
        }
    }

    [Fact]
    public async Task Several_keys_are_taken_in_one_order_so_overlapping_holders_do_not_deadlock()
    {
        var keys = Enumerable.Range(0, 5).Select(_ => new LockKey("kit-tests:calendar", Guid.NewGuid())).ToArray();
        var done = 0;
        async Task BookAsync(IEnumerable<LockKey> mine)
        {
            var (db, scope) = Context();
            using (scope)
            {
                await db.InTransactionAsync(async ct =>
                {
                    await db.LockInTransactionAsync(mine, ct);
                    await Task.Delay(20, ct);
                    Interlocked.Increment(ref done);
                }, CancellationToken.None);
            }
        }

        // Each booking names the same people in another order; taken as named, two of them would deadlock.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => BookAsync(i % 2 == 0 ? keys : keys.Reverse()))))
            .WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(8, done);
    }
}

public sealed class KitOnSqlite(SqliteSite fixture) : KitTests(fixture), IClassFixture<SqliteSite>;

public sealed class KitOnPostgres(PostgresSite fixture) : KitTests(fixture), IClassFixture<PostgresSite>;
