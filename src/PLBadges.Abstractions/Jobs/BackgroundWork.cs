namespace PLBadges.Abstractions.Jobs;

/// <summary>
/// A piece of recurring work. The database holds what is due; the work finds it and does it,
/// idempotently, so a restart loses nothing and a retry repeats nothing.
/// </summary>
public interface IRecurringWork
{
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>A recurring work item and when it runs (a cron expression).</summary>
public sealed record RecurringWorkRegistration(string Id, Type WorkType, string Cron);

/// <summary>Asks for a recurring work item to run now, rather than at its next scheduled time.</summary>
public interface IWorkTrigger
{
    void RunSoon<TWork>()
        where TWork : IRecurringWork;
}
