using System.Net.Sockets;

namespace PLBadges.BadModule.Outbound;

/// <summary>Breaks rule 5 every way a module could reach an address it did not choose, past the guard.</summary>
public sealed class StatusPoller(IHttpClientFactory factory)
{
    public async Task<string> OwnClientAsync(Uri url)
    {
        using var client = new HttpClient();
        return await client.GetStringAsync(url);
    }

    public Task<string> FactoryClientAsync(Uri url) => factory.CreateClient("anything").GetStringAsync(url);

    public HttpClient OwnHandler() => new(new SocketsHttpHandler { AllowAutoRedirect = true });

    public static async Task RawSocketAsync(string host, int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host, port);
    }
}
