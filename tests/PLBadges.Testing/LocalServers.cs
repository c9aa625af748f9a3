using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PLBadges.Testing;

/// <summary>What the tests' own servers on 127.0.0.1 (SMTP, S3, OpenID, SSH, the site's own process) share.</summary>
public static class LocalServers
{
    /// <summary>A port on 127.0.0.1 that nothing listens on right now, for a server whose address must be known before it starts.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops a server's process (and its children) and removes the folder it worked in.</summary>
    public static async Task StopAsync(Process process, string folder)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temporary-folder cleanup.
        }
    }
}
