using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PLBadges.IntegrationTests;

/// <summary>
/// Debian's OpenSSH server (openssh-server, installed by scripts/test-deps.sh) on 127.0.0.1, on a free
/// port, run as the current user (root or not) with its own config, host key and authorized key in a
/// temporary folder; SFTP through <c>internal-sftp</c>. PAM is on: without it sshd refuses an account
/// whose password is locked, as a CI user's often is (with it, a non-root sshd serves its own user,
/// as tried by hand with the locked "nobody"). A real server, so the host key check, the key
/// exchange and the file transfer are SSH.NET's against OpenSSH's.
/// </summary>
internal sealed class SshServer : IAsyncDisposable
{
    public const string Sshd = "/usr/sbin/sshd";

    private readonly Process process;
    private readonly StringBuilder errors;

    private SshServer(string folder, int port, Process process, StringBuilder errors, string fingerprint, string clientKey)
    {
        Folder = folder;
        Port = port;
        this.process = process;
        this.errors = errors;
        HostKeyFingerprint = fingerprint;
        ClientPrivateKey = clientKey;
    }

    /// <summary>The temporary folder: files put here are what SFTP serves (by their full path).</summary>
    public string Folder { get; }

    public int Port { get; }

    public static string User => Environment.UserName;

    /// <summary>The server's host key as ssh-keygen prints it ("SHA256:…").</summary>
    public string HostKeyFingerprint { get; }

    /// <summary>An OpenSSH private key (no passphrase) the server accepts for <see cref="User"/>.</summary>
    public string ClientPrivateKey { get; }

    public static async Task<SshServer> StartAsync()
    {
        if (!File.Exists(Sshd))
        {
            throw new InvalidOperationException($"{Sshd} is missing: install Debian's openssh-server (scripts/test-deps.sh does).");
        }

        var folder = Directory.CreateTempSubdirectory("plbadges-sshd-").FullName;
        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "plbadges-test-host", "-f", Path.Combine(folder, "host_key"));
        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "plbadges-test-client", "-f", Path.Combine(folder, "client_key"));
        File.Copy(Path.Combine(folder, "client_key.pub"), Path.Combine(folder, "authorized_keys"));
        // "256 SHA256:… comment (ED25519)"
        var fingerprint = (await RunAsync("ssh-keygen", "-l", "-E", "sha256", "-f", Path.Combine(folder, "host_key.pub"))).Split(' ')[1];

        if (Environment.UserName == "root")
        {
            Directory.CreateDirectory("/run/sshd"); // sshd's privilege separation folder, needed when it starts as root
        }

        var port = LocalServers.FreePort();
        var config = Path.Combine(folder, "sshd_config");
        await File.WriteAllTextAsync(config, $"""
            Port {port}
            ListenAddress 127.0.0.1
            HostKey {Path.Combine(folder, "host_key")}
            PidFile {Path.Combine(folder, "sshd.pid")}
            AuthorizedKeysFile {Path.Combine(folder, "authorized_keys")}
            StrictModes no
            UsePAM yes
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            AllowUsers {User}
            Subsystem sftp internal-sftp
            LogLevel ERROR

            """);
        var start = new ProcessStartInfo(Sshd) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-D", "-e", "-f", config })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("sshd did not start.");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new SshServer(folder, port, process, errors, fingerprint, await File.ReadAllTextAsync(Path.Combine(folder, "client_key")));
        await server.WaitUntilListeningAsync();
        return server;
    }

    /// <summary>Puts a file where SFTP serves it; answers its path on the server.</summary>
    public string Put(string name, byte[] bytes)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public async ValueTask DisposeAsync() => await LocalServers.StopAsync(process, Folder);

    private async Task WaitUntilListeningAsync()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"sshd stopped at once (exit {process.ExitCode}): {Errors()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"sshd did not listen on 127.0.0.1:{Port}: {Errors()}");
    }

    private string Errors()
    {
        lock (errors)
        {
            return errors.ToString();
        }
    }

    private static async Task<string> RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{command} failed: {error}");
    }
}
