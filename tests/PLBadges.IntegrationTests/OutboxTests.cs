using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Events;
using PLBadges.Abstractions.Modules;
using PLBadges.Data;
using PLBadges.Data.Outbox;
using PLBadges.Data.Settings;

namespace PLBadges.IntegrationTests;

public sealed record SomethingHappened(string Key) : IDomainEvent;

/// <summary>A handler that writes a setting (in its own transaction) and can be told to fail first.</summary>
public sealed class RecordingHandler(SiteSettings settings) : IEventHandler<SomethingHappened>
{
    public static readonly ConcurrentDictionary<string, int> Calls = new();
    public static readonly ConcurrentDictionary<string, int> FailuresLeft = new();

    public async Task HandleAsync(SomethingHappened domainEvent, CancellationToken cancellationToken)
    {
        Calls.AddOrUpdate(domainEvent.Key, 1, (_, n) => n + 1);
        await settings.SetAsync("handled:" + domainEvent.Key, Calls[domainEvent.Key], cancellationToken);
        if (FailuresLeft.TryGetValue(domainEvent.Key, out var left) && left > 0)
        {
            FailuresLeft[domainEvent.Key] = left - 1;
            throw new InvalidOperationException("The handler failed on purpose.");
        }
    }
}

public sealed record SomethingBatched(string Key) : IDomainEvent;

/// <summary>A handler that takes batches: it records each call's size, and refuses any event whose key starts with "poison".</summary>
public sealed class BatchRecordingHandler(SiteSettings settings) : IBatchEventHandler<SomethingBatched>
{
    public static readonly ConcurrentDictionary<string, int> Calls = new();
    public static readonly ConcurrentQueue<(string First, int Size)> Batches = new();

    public Task HandleAsync(SomethingBatched domainEvent, CancellationToken cancellationToken) => HandleAsync([domainEvent], cancellationToken);

    public async Task HandleAsync(IReadOnlyList<SomethingBatched> domainEvents, CancellationToken cancellationToken)
    {
        Batches.Enqueue((domainEvents[0].Key, domainEvents.Count));
        foreach (var domainEvent in domainEvents)
        {
            Calls.AddOrUpdate(domainEvent.Key, 1, (_, n) => n + 1);
            await settings.SetAsync("batched:" + domainEvent.Key, 1, cancellationToken);
            if (domainEvent.Key.StartsWith("poison", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("This event is refused on purpose.");
            }
        }
    }
}

public abstract class OutboxTests(string provider) : IAsyncLifetime
{
    private TestDatabase database = null!;
    private TestSite site = null!;
    private WebApplicationFactory<Program> withHandler = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(provider);
        site = new TestSite(database);
        withHandler = site.WithWebHostBuilder(builder => builder.ConfigureServices(services => services
            .AddEventHandler<SomethingHappened, RecordingHandler>()
            .AddEventHandler<SomethingBatched, BatchRecordingHandler>()));
    }

    public async Task DisposeAsync()
    {
        await withHandler.DisposeAsync();
        await site.DisposeAsync();
        await database.DisposeAsync();
    }

    /// <summary>This test's events (the demo recipe publishes its own, such as the demo teacher's pass).</summary>
    private static IQueryable<OutboxMessage> Ours(PLBadgesDbContext db) => db.Set<OutboxMessage>().Where(m => m.Type.Contains(nameof(SomethingHappened)));

    [Fact]
    public async Task An_event_is_handled_exactly_once_however_often_the_dispatcher_runs()
    {
        var key = Guid.NewGuid().ToString("N");
        await PublishAsync(key);
        await Task.WhenAll(DispatchAsync(), DispatchAsync(), DispatchAsync());
        await DispatchAsync();
        Assert.Equal(1, RecordingHandler.Calls[key]);
        Assert.Equal(1, await SettingAsync(key));
        await InScopeAsync(async db => Assert.NotNull((await Ours(db).SingleAsync()).DispatchedAt));
    }

    [Fact]
    public async Task A_failing_handler_changes_nothing_and_is_retried_later()
    {
        var key = Guid.NewGuid().ToString("N");
        RecordingHandler.FailuresLeft[key] = 1;
        await PublishAsync(key);
        await DispatchAsync();
        Assert.Equal(1, RecordingHandler.Calls[key]);
        Assert.Null(await SettingAsync(key)); // the handler's write was rolled back with its transaction
        await InScopeAsync(async db =>
        {
            var message = await Ours(db).SingleAsync();
            Assert.Null(message.DispatchedAt);
            Assert.Equal(1, message.Attempts);
            Assert.Contains("failed on purpose", message.LastError);
            Assert.True(message.NextAttemptAt > DateTime.UtcNow);
        });

        await DispatchAsync(); // not due yet: nothing runs
        Assert.Equal(1, RecordingHandler.Calls[key]);

        await InScopeAsync(db => Ours(db).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1))));
        await DispatchAsync();
        Assert.Equal(2, RecordingHandler.Calls[key]);
        Assert.Equal(2, await SettingAsync(key));
    }

    [Fact]
    public async Task An_event_added_to_a_change_that_is_rolled_back_is_never_published()
    {
        using (var scope = withHandler.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            scope.ServiceProvider.GetRequiredService<IEventOutbox>().Add(new SomethingHappened("rolled-back"));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await DispatchAsync();
        Assert.False(RecordingHandler.Calls.ContainsKey("rolled-back"));
        await InScopeAsync(async db => Assert.Equal(0, await Ours(db).CountAsync()));
    }

    [Fact]
    public async Task A_batch_handler_gets_the_waiting_events_of_its_kind_in_one_call_and_each_once()
    {
        var keys = Enumerable.Range(0, 5).Select(i => $"{Guid.NewGuid():N}-{i}").ToList();
        await PublishBatchedAsync(keys);
        await DispatchAsync();
        await Task.WhenAll(DispatchAsync(), DispatchAsync(), DispatchAsync()); // later runs find nothing left to do

        Assert.All(keys, key => Assert.Equal(1, BatchRecordingHandler.Calls[key]));
        Assert.Contains(BatchRecordingHandler.Batches, b => b.First == keys[0] && b.Size == keys.Count);
        await InScopeAsync(async db =>
        {
            var messages = await db.Set<OutboxMessage>().Where(m => m.Type.Contains(nameof(SomethingBatched))).ToListAsync();
            Assert.All(messages.Where(m => keys.Any(k => m.Payload.Contains(k))), m => Assert.NotNull(m.DispatchedAt));
            Assert.Equal(keys.Count, await db.Set<ProcessedEvent>().CountAsync(p => p.Handler == typeof(BatchRecordingHandler).FullName && messages.Select(m => m.MessageId).Contains(p.MessageId)));
        });
    }

    [Fact]
    public async Task A_batch_that_fails_is_tried_one_event_at_a_time_and_only_the_bad_event_waits()
    {
        var tag = Guid.NewGuid().ToString("N");
        var keys = new List<string> { $"good-{tag}-1", $"poison-{tag}", $"good-{tag}-2", $"good-{tag}-3" };
        await PublishBatchedAsync(keys);
        await DispatchAsync();

        Assert.Contains(BatchRecordingHandler.Batches, b => b.First == keys[0] && b.Size == 4); // the batch was tried first
        foreach (var key in keys.Where(k => k.StartsWith("good", StringComparison.Ordinal)))
        {
            Assert.NotNull(await BatchedSettingAsync(key)); // written by its own try after the batch rolled back
        }

        Assert.Null(await BatchedSettingAsync(keys[1]));
        await InScopeAsync(async db =>
        {
            var messages = await db.Set<OutboxMessage>().Where(m => m.Type.Contains(nameof(SomethingBatched)) && m.Payload.Contains(tag)).ToListAsync();
            var poison = messages.Single(m => m.Payload.Contains("poison"));
            Assert.Null(poison.DispatchedAt);
            Assert.Equal(1, poison.Attempts);
            Assert.Contains("refused on purpose", poison.LastError);
            Assert.All(messages.Where(m => m != poison), m => Assert.NotNull(m.DispatchedAt));
        });
    }

    private async Task PublishBatchedAsync(IEnumerable<string> keys)
    {
        using var scope = withHandler.Services.CreateScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IEventOutbox>();
        foreach (var key in keys)
        {
            outbox.Add(new SomethingBatched(key));
        }

        await scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>().SaveChangesAsync();
    }

    private async Task<int?> BatchedSettingAsync(string key)
    {
        using var scope = withHandler.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SiteSettings>().GetAsync<int?>("batched:" + key);
    }

    private async Task PublishAsync(string key)
    {
        using var scope = withHandler.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<IEventOutbox>().Add(new SomethingHappened(key));
        await scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>().SaveChangesAsync();
    }

    private async Task DispatchAsync()
    {
        using var scope = withHandler.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync(CancellationToken.None);
    }

    private async Task<int?> SettingAsync(string key)
    {
        using var scope = withHandler.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SiteSettings>().GetAsync<int?>("handled:" + key);
    }

    private async Task InScopeAsync(Func<PLBadgesDbContext, Task> work)
    {
        using var scope = withHandler.Services.CreateScope();
        await work(scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>());
    }
}

public sealed class OutboxOnSqlite() : OutboxTests("Sqlite");

public sealed class OutboxOnPostgres() : OutboxTests("Postgres");
