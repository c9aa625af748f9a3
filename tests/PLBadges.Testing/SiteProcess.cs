using System.Diagnostics;
using System.Net;

namespace PLBadges.Testing;

/// <summary>
/// The built site as its own OS process (<c>dotnet PLBadges.Web.dll</c>, from its folder, as a published
/// site runs), configured by environment variables. Each process has its own static caches, so two of
/// them are two nodes, as two machines would be. Its output is kept line by line for the test to read.
/// </summary>
public sealed class SiteProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> lines = [];
    private readonly TaskCompletionSource exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiteProcess(Process process, Uri address, string name)
    {
        this.process = process;
        Address = address;
        Name = name;
    }

    public Uri Address { get; }

    public string Name { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (lines)
            {
                return lines.ToList();
            }
        }
    }

    /// <summary>Starts the site (or, with <paramref name="arguments"/>, one of its commands) with these settings.</summary>
    public static SiteProcess Start(IDictionary<string, string?> settings, string name = "site", params string[] arguments)
    {
        var port = LocalServers.FreePort();
        var dll = Repository.WebDll;
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution first.");
        }

        var start = new ProcessStartInfo("dotnet", [dll, .. arguments])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var site = new SiteProcess(process, new Uri($"http://127.0.0.1:{port}"), name);
        process.OutputDataReceived += (_, e) => site.Add(e.Data);
        process.ErrorDataReceived += (_, e) => site.Add(e.Data);
        process.Exited += (_, _) => site.exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return site;
    }

    private void Add(string? line)
    {
        if (line != null)
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }
    }

    public HttpClient Client(HttpMessageHandler? handler = null) =>
        new(handler ?? new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(100) };

    /// <summary>Waits until /health answers 200; fails with the process's output if it exits or takes too long.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan? timeout = null)
    {
        using var client = Client();
        client.Timeout = TimeSpan.FromSeconds(10);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode}:\n{string.Join('\n', Output.TakeLast(40))}");
            }

            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name} did not become healthy:\n{string.Join('\n', Output.TakeLast(40))}");
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await exited.Task.WaitAsync(timeout);
        await process.WaitForExitAsync(); // the output is read to its end
        return process.ExitCode;
    }

    /// <summary>Waits for a line of output that matches.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Output.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"{Name} wrote no such line:\n{string.Join('\n', Output.TakeLast(40))}");
    }

    /// <summary><c>kill -9</c>: the process ends at once, mid-request and mid-transaction.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(); // SIGKILL on Unix
            process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await Task.CompletedTask;
        process.Dispose();
    }
}
