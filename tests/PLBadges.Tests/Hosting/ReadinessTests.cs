using PLBadges.Web.Operations;

namespace PLBadges.Tests.Hosting;

/// <summary>/health's readiness check: requests asking at once share one check, and no answer outlives its check.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Requests_arriving_while_a_check_runs_share_it_and_the_next_request_after_it_starts_a_fresh_one()
    {
        var probes = 0;
        var database = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readiness = new Readiness(_ =>
        {
            Interlocked.Increment(ref probes);
            return database.Task;
        });

        var asking = Enumerable.Range(0, 16).Select(_ => Task.Run(readiness.CheckAsync)).ToArray();
        await Task.Delay(50);
        Assert.Equal(1, probes);
        Assert.All(asking, task => Assert.False(task.IsCompleted)); // nobody is told anything before the database answers
        database.SetResult();
        Assert.All(await Task.WhenAll(asking), Assert.True);

        // The check ended: the next request asks the database again, and sees it down.
        database = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var next = readiness.CheckAsync();
        Assert.Equal(2, probes);
        database.SetException(new InvalidOperationException("the database is gone"));
        Assert.False(await next);

        // And a request after that asks again, and sees it back.
        database = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        database.SetResult();
        Assert.True(await readiness.CheckAsync());
        Assert.Equal(3, probes);
    }
}
