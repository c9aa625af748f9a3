using Hangfire.Logging;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace PLBadges.Web.Hosting;

/// <summary>
/// Hangfire's log goes to the host's logging. Hangfire keeps its log provider in a static, so when
/// several hosts share a process (the tests do) a stopped host's logger factory may still be asked
/// for loggers: that is answered with silence, never an exception.
/// </summary>
internal sealed class HangfireLogs(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name)
    {
        try
        {
            return new ForwardingLog(factory.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class ForwardingLog(Microsoft.Extensions.Logging.ILogger logger) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var level = logLevel switch
            {
                Hangfire.Logging.LogLevel.Trace => MsLogLevel.Trace,
                Hangfire.Logging.LogLevel.Debug => MsLogLevel.Debug,
                Hangfire.Logging.LogLevel.Info => MsLogLevel.Information,
                Hangfire.Logging.LogLevel.Warn => MsLogLevel.Warning,
                Hangfire.Logging.LogLevel.Error => MsLogLevel.Error,
                _ => MsLogLevel.Critical,
            };
            try
            {
                if (messageFunc == null)
                {
                    return logger.IsEnabled(level);
                }

                if (logger.IsEnabled(level))
                {
                    logger.Log(level, exception, "{Message}", messageFunc());
                }

                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
