using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Data;
using PLBadges.Data.Locks;

namespace PLBadges.IntegrationTests;

/// <summary>The shared kit's lock at its contract, on both providers, in its three uses (the file store's contract is in FileStoreTests).</summary>
public abstract class KitTests(SiteFixture fixture)
{
    private TestSite Site => fixture.Site;

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
    public async Task Waiting_for_a_session_lock_outlasts_the_command_timeout()
    {
        // A node starting while another migrates on a busy machine waits for the migration lock longer than any query may take.
        var key = new LockKey("kit-tests:long-wait", Guid.NewGuid());
        var (first, firstScope) = Context();
        var (second, secondScope) = Context();
        using (firstScope)
        using (secondScope)
        {
            var held = await first.HoldAsync(key, CancellationToken.None);
            second.Database.SetCommandTimeout(1);
            var waiting = second.HoldAsync(key, CancellationToken.None);
            await Task.Delay(2500);
            Assert.False(waiting.IsCompleted, waiting.Exception?.InnerException?.Message);

            await held.DisposeAsync();
            await using var taken = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(1, second.Database.GetCommandTimeout());
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
