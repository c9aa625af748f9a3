namespace PLBadges.Abstractions.Jobs;

/// <summary>
/// A piece of recurring work. The database holds what is due; the work finds it and does it,
/// idempotently, so a restart loses nothing and a retry repeats nothing.
/// </summary>
public interface IRecurringWork
{
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>Whether a recurring work item may run on several nodes (or twice on one) at the same time.</summary>
public enum WorkOverlap
{
    /// <summary>One run at a time across all nodes: a run that finds another under way leaves the due work to it.</summary>
    Never,

    /// <summary>Runs may overlap: the work takes its items with leases, so several runs share a backlog.</summary>
    Allowed,
}

/// <summary>A recurring work item, when it runs (a cron expression), and whether its runs may overlap.</summary>
public sealed record RecurringWorkRegistration(string Id, Type WorkType, string Cron, WorkOverlap Overlap = WorkOverlap.Never);

/// <summary>Asks for a recurring work item to run now, rather than at its next scheduled time.</summary>
public interface IWorkTrigger
{
    void RunSoon<TWork>()
        where TWork : IRecurringWork;
}

/// <summary>
/// How long work that leases its items (the outboxes, webhooks) holds each before another run may
/// take it: <c>Jobs:Leases:{work id}</c> (a time span such as <c>00:00:20</c>), else the work's own.
/// A node that dies holding a lease delays its items by at most this long.
/// </summary>
public sealed class WorkLeases(Microsoft.Extensions.Configuration.IConfiguration configuration)
{
    public TimeSpan For(string workId, TimeSpan standard) =>
        TimeSpan.TryParse(configuration[$"Jobs:Leases:{workId}"], System.Globalization.CultureInfo.InvariantCulture, out var configured) && configured > TimeSpan.Zero
            ? configured
            : standard;
}
