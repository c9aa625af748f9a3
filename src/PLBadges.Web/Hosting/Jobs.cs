using Hangfire;
using Hangfire.PostgreSql;
using PLBadges.Abstractions.Jobs;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Data.Locks;
using Hangfire.Dashboard;

namespace PLBadges.Web.Hosting;

/// <summary>
/// Hangfire runs the modules' recurring work. Its storage is PostgreSQL when the site is; with the
/// SQLite default it is in memory, which loses nothing because the database holds what is due.
/// </summary>
internal static class Jobs
{
    public static void AddPLBadgesJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();

        // The storage is this host's own instance (not only Hangfire's global one), so that the client,
        // the server and the dashboard of this host all use it, even with several hosts in one process.
        services.AddSingleton<JobStorage>(_ =>
        {
            if (database.IsPostgres)
            {
                var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true };
                return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(configuration.GetConnectionString("Default")!, options), options);
            }

            return new Hangfire.InMemory.InMemoryStorage();
        });
        services.AddHangfire((provider, hangfire) => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogs(provider.GetRequiredService<ILoggerFactory>()))
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        if (configuration.GetValue("Jobs:RunServer", true))
        {
            services.AddHangfireServer(server =>
            {
                server.WorkerCount = configuration.GetValue("Jobs:Workers", 4);
                server.SchedulePollingInterval = TimeSpan.FromSeconds(5);
            });
        }

        services.AddSingleton<IWorkTrigger, HangfireWorkTrigger>();
        services.AddScoped<RecurringWorkRunner>();
    }

    /// <summary>
    /// Registers each module's recurring work with Hangfire (an upsert, safe on every start of every
    /// node), on its own schedule or on <c>Jobs:Schedules:{work id}</c> (a cron expression; six fields
    /// give seconds). Every node must be given the same schedules: the last to start sets them.
    /// </summary>
    public static void ScheduleRecurringWork(IServiceProvider services)
    {
        var manager = services.GetRequiredService<IRecurringJobManager>();
        var configuration = services.GetRequiredService<IConfiguration>();
        foreach (var work in services.GetServices<RecurringWorkRegistration>())
        {
            var typeName = work.WorkType.AssemblyQualifiedName!;
            var cron = configuration[$"Jobs:Schedules:{work.Id}"] is { Length: > 0 } configured ? configured : work.Cron;
            manager.AddOrUpdate<RecurringWorkRunner>(work.Id, runner => runner.RunAsync(typeName, CancellationToken.None), cron);
        }
    }
}

/// <summary>
/// The one job type Hangfire knows: it runs a module's work in a fresh scope. Work whose runs must not
/// overlap runs under the kit's lock, held for the run on a unit of work of its own; a run that finds
/// the lock taken (another node is running it) leaves the due work to that run.
/// </summary>
public sealed class RecurringWorkRunner(IServiceProvider services, IEnumerable<RecurringWorkRegistration> registrations, ILogger<RecurringWorkRunner> logger)
{
    [AutomaticRetry(Attempts = 0)] // the work itself retries what is due on its next run
    public async Task RunAsync(string workType, CancellationToken cancellationToken)
    {
        var type = Type.GetType(workType) ?? throw new InvalidOperationException($"Unknown work type {workType}.");
        var registration = registrations.FirstOrDefault(r => r.WorkType == type);
        var work = (IRecurringWork)services.GetRequiredService(type);
        if (registration is not { Overlap: WorkOverlap.Never })
        {
            await work.RunAsync(cancellationToken);
            return;
        }

        using var lockScope = services.CreateScope();
        var db = lockScope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
        await using var held = await db.TryHoldAsync(new LockKey($"recurring-work:{registration.Id}"), cancellationToken);
        if (held == null)
        {
            logger.LogInformation("Recurring work {Work} is already running elsewhere; this run leaves it to that one", registration.Id);
            return;
        }

        await work.RunAsync(cancellationToken);
    }
}

/// <summary>
/// Asks Hangfire to run a work item now. Best effort: the change that asked is already saved, and
/// the recurring sweep finds the work anyway, so a failure here is logged and never reaches the request.
/// </summary>
internal sealed class HangfireWorkTrigger(IServiceProvider services, ILogger<HangfireWorkTrigger> logger) : IWorkTrigger
{
    public void RunSoon<TWork>()
        where TWork : IRecurringWork
    {
        var typeName = typeof(TWork).AssemblyQualifiedName!;
        try
        {
            services.GetService<IBackgroundJobClient>()?.Enqueue<RecurringWorkRunner>(runner => runner.RunAsync(typeName, CancellationToken.None));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not queue {Work} to run now; its next scheduled run will do it", typeof(TWork).Name);
        }
    }
}

/// <summary>The job dashboard at /admin/jobs is for platform admins only.</summary>
internal sealed class PlatformAdminDashboardFilter : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        var access = http.RequestServices.GetRequiredService<IAccessControl>();
        var roles = await access.RolesAsync(http.RequestAborted);
        return roles.Any(r => r.Role == Role.PlatformAdmin);
    }
}
