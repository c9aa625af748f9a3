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

public abstract class OutboxTests(string provider) : IAsyncLifetime
{
    private TestDatabase database = null!;
    private TestSite site = null!;
    private WebApplicationFactory<Program> withHandler = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(provider);
        site = new TestSite(database);
        withHandler = site.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddEventHandler<SomethingHappened, RecordingHandler>()));
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
