using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace PLBadges.Testing;

/// <summary>
/// A real SMTP server on 127.0.0.1 (Python's aiosmtpd, from Debian's python3-aiosmtpd) that files
/// each message in a Maildir, where the test reads it back.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string maildir;

    private SmtpServer(Process process, string maildir, int port)
    {
        this.process = process;
        this.maildir = maildir;
        Port = port;
    }

    public int Port { get; }

    public static async Task<SmtpServer> StartAsync()
    {
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var port = LocalServers.FreePort();
        // aiosmtpd's Maildir makes its cur/new/tmp folders only when it creates the folder itself.
        var maildir = Path.Combine(Directory.CreateTempSubdirectory("plbadges-mail-").FullName, "maildir");
        var start = new ProcessStartInfo(python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the SMTP server.");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The SMTP server (aiosmtpd) exited: {await process.StandardError.ReadToEndAsync()} Install Debian's python3-aiosmtpd.");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return new SmtpServer(process, maildir, port);
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        process.Kill();
        throw new InvalidOperationException("The SMTP server did not start listening within 20 seconds.");
    }

    /// <summary>Every message the server has received so far.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(maildir, "new");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.GetFiles(folder).Order().Select(path => MimeMessage.Load(path)).ToList();
    }

    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        Messages().Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Directory.Delete(Path.GetDirectoryName(maildir)!, recursive: true);
    }
}
