using System.Diagnostics;

namespace PLBadges.Benchmarks;

/// <summary>Times a piece of work after warming it up, and writes a Markdown row: label, median ms, 95th percentile ms.</summary>
internal static class Timing
{
    public static async Task TimeAsync(string label, int warmUps, int timed, Func<Task> work)
    {
        for (var i = 0; i < warmUps; i++)
        {
            await work();
        }

        var times = new List<double>();
        for (var i = 0; i < timed; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await work();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"| {label} | {times[times.Count / 2]:0.0} | {times[(int)(times.Count * 0.95)]:0.0} |");
    }
}
