using Microsoft.Extensions.DependencyInjection;
using PLBadges.Data;
using PLBadges.Data.Outbox;
using Xunit;

namespace PLBadges.Testing;

/// <summary>
/// Test sites run no job server, so tests hand the outbox's events to their handlers themselves, as the
/// site's recurring job would; the site's own dispatcher (or another node's) may be at it too.
/// </summary>
public static class Outbox
{
    public static Task RunOutboxAsync(this TestSite site) =>
        site.InScopeAsync(s => s.GetRequiredService<OutboxDispatcher>().RunAsync(CancellationToken.None));

    /// <summary>Runs the outbox until the probe finds what it looks for; fails, naming it, after about ten seconds.</summary>
    public static async Task<T> RunOutboxUntilAsync<T>(this TestSite site, Func<PLBadgesDbContext, Task<T?>> probe, string what)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await site.RunOutboxAsync();
            if (await site.InScopeAsync(s => probe(s.GetRequiredService<PLBadgesDbContext>())) is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The outbox never led to " + what);
        return default!;
    }

    /// <summary>Runs the outbox until the condition holds; fails, naming it, after about ten seconds.</summary>
    public static Task RunOutboxUntilAsync(this TestSite site, Func<PLBadgesDbContext, Task<bool>> condition, string what) =>
        site.RunOutboxUntilAsync<object>(async db => await condition(db) ? true : null, what);
}
