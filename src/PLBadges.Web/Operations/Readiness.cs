namespace PLBadges.Web.Operations;

/// <summary>
/// The readiness check behind GET /health, one at a time per node: a request that arrives while a check is running
/// waits for that check's answer instead of starting its own, and the first request after it ends starts a fresh one.
/// No answer is kept once its check has ended, so /health never reports an older state than the check that was running
/// when it was asked; what it saves is the database's round trips when a load balancer, an orchestrator and a monitor
/// all ask at once (on PostgreSQL one round trip per request was most of /health's cost, bench/results/issue-26.md).
/// The check is not cancelled when one of the requests sharing it goes away.
/// </summary>
internal sealed class Readiness(Func<CancellationToken, Task> probe)
{
    private Task<bool>? running;

    public Task<bool> CheckAsync()
    {
        while (true)
        {
            var current = Volatile.Read(ref running);
            if (current is { IsCompleted: false })
            {
                return current;
            }

            var mine = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (Interlocked.CompareExchange(ref running, mine.Task, current) == current)
            {
                _ = RunAsync(mine);
                return mine.Task;
            }
        }
    }

    private async Task RunAsync(TaskCompletionSource<bool> answer)
    {
        try
        {
            await probe(CancellationToken.None);
            answer.SetResult(true);
        }
        catch (Exception)
        {
            answer.SetResult(false); // the database did not answer: /health says so (503)
        }
    }
}
