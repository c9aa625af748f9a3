using Microsoft.Extensions.DependencyInjection;

namespace PLBadges.IntegrationTests;

/// <summary>One demo site per test class, on SQLite or on PostgreSQL; the same tests run on both.</summary>
public abstract class SiteFixture(string provider) : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public TestSite Site { get; private set; } = null!;

    public string Provider => provider;

    /// <summary>Extra settings for this fixture's site (an SMTP server, say).</summary>
    protected virtual Task<IDictionary<string, string?>> SettingsAsync() => Task.FromResult<IDictionary<string, string?>>(new Dictionary<string, string?>());

    /// <summary>The site's clock, for fixtures that set the time (null: the system clock).</summary>
    protected virtual TimeProvider? SiteClock => null;

    /// <summary>Changes to the site's services (null: none), for what a fixture stands in at a boundary the machine cannot reach.</summary>
    protected virtual Action<IServiceCollection>? SiteServices => null;

    /// <summary>True to serve the site from Kestrel on 127.0.0.1 (real HTTP: request size limits, connections) rather than the in-memory test server; clients reach it either way.</summary>
    protected virtual bool OnKestrel => false;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        Site = new TestSite(Database, await SettingsAsync(), SiteClock, SiteServices);
        if (OnKestrel)
        {
            Site.StartKestrel(); // start now: migrations and the demo recipe
        }
        else
        {
            _ = Site.Server; // start now: migrations and the demo recipe
        }
    }

    public virtual async Task DisposeAsync()
    {
        await Site.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class SqliteSite() : SiteFixture("Sqlite");

public sealed class PostgresSite() : SiteFixture("Postgres");
