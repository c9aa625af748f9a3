using System.Reflection;
using Microsoft.Extensions.Options;
using PLBadges.Data;

namespace PLBadges.Web.Hosting;

/// <summary>
/// A site that cannot start says why in one line on standard error (one line per problem for
/// settings) and exits with 1, with no stack trace for a newcomer to read through. Under a test host
/// the exception goes on to the test instead.
/// </summary>
internal static class StartupFailure
{
    public static async Task<int> OneLineAsync(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception problem) when (problem is not HostAbortedException && IsOwnProcess())
        {
            foreach (var line in Lines(problem))
            {
                await Console.Error.WriteLineAsync(line);
            }

            return 1;
        }
    }

    public static IEnumerable<string> Lines(Exception problem) => problem switch
    {
        AggregateException many => many.Flatten().InnerExceptions.SelectMany(Lines),
        TargetInvocationException { InnerException: { } inner } => Lines(inner),
        OptionsValidationException settings => settings.Failures.Select(f => $"PLBadges cannot start: {OneLine(f)}"),
        StartupException startup => [$"PLBadges cannot start: {OneLine(startup.Message)}"],
        _ => [$"PLBadges cannot start: {OneLine(WithCause(problem))} ({problem.GetType().Name})"],
    };

    /// <summary>The message, and the innermost cause's when there is one ("Exception while reading from stream: Timeout during reading attempt").</summary>
    private static string WithCause(Exception problem)
    {
        var cause = problem;
        while (cause.InnerException != null)
        {
            cause = cause.InnerException;
        }

        return cause == problem ? problem.Message : $"{problem.Message.TrimEnd('.')}: {cause.Message}";
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static bool IsOwnProcess() => Assembly.GetEntryAssembly() == typeof(StartupFailure).Assembly;
}
