using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Outbound;

namespace PLBadges.Tests.Abstractions;

/// <summary>The guarded outbound client and its address policy, over real sockets on this machine.</summary>
public class OutboundTests
{
    private static (GuardedHttpClients Clients, OutboundAddressPolicy Policy) Guard(params string[] allowPrivateHosts)
    {
        var settings = allowPrivateHosts.Select((host, i) => new KeyValuePair<string, string?>($"Outbound:AllowPrivateHosts:{i}", host));
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddGuardedHttpClient("test", limits => limits.Timeout = TimeSpan.FromSeconds(5))
            .BuildServiceProvider();
        return (services.GetRequiredService<GuardedHttpClients>(), services.GetRequiredService<OutboundAddressPolicy>());
    }

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.8.9.10", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("2130706433", "loopback")] // 127.0.0.1 written as one decimal number
    [InlineData("0x7f.1", "loopback")] // and in hex, with the last part filling 24 bits
    [InlineData("::ffff:127.0.0.1", "IPv4-mapped form of a loopback")]
    [InlineData("64:ff9b::7f00:1", "NAT64 form of a loopback")]
    [InlineData("2002:7f00:1::", "6to4")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("198.19.255.254", "benchmarking")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.20.0.5", "private")]
    [InlineData("192.168.1.9", "private")]
    [InlineData("169.254.169.254", "link-local")] // a cloud's metadata service
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("0.0.0.0", "this network")]
    [InlineData("192.0.0.8", "IETF protocol assignment")]
    [InlineData("192.0.2.1", "documentation")]
    [InlineData("198.51.100.7", "documentation")]
    [InlineData("203.0.113.7", "documentation")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("::", "unspecified")]
    [InlineData("::ffff:10.0.0.1", "IPv4-mapped form of a private")]
    [InlineData("64:ff9b:1::1", "local-use NAT64")]
    [InlineData("100::1", "discard-only")]
    [InlineData("2001::1", "IETF protocol assignment")]
    [InlineData("2001:db8::1", "documentation")]
    [InlineData("fd00::1", "unique local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fec0::1", "site-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::2", "outside the IPv6 global unicast range")]
    public void Special_purpose_addresses_are_refused_by_their_parsed_value(string written, string what)
    {
        var address = IPAddress.Parse(written);

        var reason = OutboundAddressPolicy.SpecialPurpose(address);

        Assert.NotNull(reason);
        Assert.Contains(what, reason);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.216.34")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")] // NAT64 of a public address, as an IPv6-only network reaches it
    public void Public_addresses_are_allowed(string written) =>
        Assert.Null(OutboundAddressPolicy.SpecialPurpose(IPAddress.Parse(written)));

    [Fact]
    public void Private_hosts_are_let_through_by_name_or_network_and_only_they_may_use_http()
    {
        var (_, policy) = Guard("receiver.district.internal", "10.20.0.0/16", "127.0.0.1");

        Assert.Null(policy.CheckUrl(new Uri("http://receiver.district.internal/hooks")));
        Assert.Null(policy.CheckUrl(new Uri("https://10.20.3.4/hooks")));
        Assert.Null(policy.CheckUrl(new Uri("http://127.0.0.1:8080/hooks")));
        Assert.Contains("https only", policy.CheckUrl(new Uri("http://example.org/hooks")));
        Assert.Contains("private", policy.CheckUrl(new Uri("https://10.21.0.1/hooks")));
        Assert.Contains("loopback", policy.CheckUrl(new Uri("https://127.0.0.2/hooks")));
        Assert.Contains("this machine", policy.CheckUrl(new Uri("https://localhost/hooks")));
        Assert.Contains("https only", policy.CheckUrl(new Uri("ftp://example.org/x")));
        Assert.Null(policy.CheckUrl(new Uri("https://example.org/hooks")));
    }

    [Fact]
    public async Task A_name_is_refused_when_any_address_it_resolves_to_is_private()
    {
        var (_, policy) = Guard();

        // "localhost" resolves to loopback addresses only; the check is on what it resolves to, not on its spelling.
        var refused = await Assert.ThrowsAsync<OutboundRefusedException>(() => policy.ResolveAsync("localhost", CancellationToken.None));
        Assert.Contains("loopback", refused.Message);
        await Assert.ThrowsAsync<OutboundRefusedException>(() => policy.ConnectAsync("localhost", 9, CancellationToken.None));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("2130706433")]
    [InlineData("0x7f.1")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("[64:ff9b::7f00:1]")]
    [InlineData("[2002:7f00:1::]")]
    [InlineData("198.18.0.1")]
    public async Task Each_form_of_a_private_address_is_refused_without_a_connection(string host)
    {
        using var listener = new Listener();
        var (clients, _) = Guard();

        var problem = await Assert.ThrowsAnyAsync<HttpRequestException>(() => clients.Create("test").GetAsync($"https://{host}:{listener.Port}/keys/1"));

        Assert.IsType<OutboundRefusedException>(problem.InnerException ?? problem);
        Assert.Contains("does not connect to its own network", (problem.InnerException ?? problem).Message);
        Assert.Equal(0, listener.Connections); // nothing reached the machine's own listener
    }

    [Fact]
    public async Task A_redirect_from_an_allowed_host_is_not_followed()
    {
        // Both hosts are allowed, so only the refusal to follow redirects keeps the second from being reached.
        using var target = new Listener();
        using var redirecting = new Listener($"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:{target.Port}/internal\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        var (clients, _) = Guard("localhost", "127.0.0.1");

        using var response = await clients.Create("test").GetAsync($"http://localhost:{redirecting.Port}/keys/1");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(1, redirecting.Connections);
        Assert.Equal(0, target.Connections);
    }

    [Fact]
    public async Task An_answer_larger_than_the_clients_limit_is_not_read()
    {
        using var big = new Listener($"HTTP/1.1 200 OK\r\nContent-Length: {2 * 1024 * 1024}\r\nConnection: close\r\n\r\n" + new string('x', 2 * 1024 * 1024));
        var (clients, _) = Guard("127.0.0.1");

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => clients.Create("test").GetStringAsync($"http://127.0.0.1:{big.Port}/"));
    }

    [Fact]
    public void A_client_that_was_not_registered_as_guarded_is_not_handed_out()
    {
        var (clients, _) = Guard();

        Assert.Throws<InvalidOperationException>(() => clients.Create("some-other-client"));
    }

    /// <summary>A TCP listener on 127.0.0.1 that counts the connections it accepts and answers each with a fixed reply (or nothing).</summary>
    private sealed class Listener : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stop = new();
        private int connections;

        public Listener(string? reply = null)
        {
            listener.Start();
            _ = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    using var client = await listener.AcceptTcpClientAsync(stop.Token);
                    Interlocked.Increment(ref connections);
                    if (reply != null)
                    {
                        var stream = client.GetStream();
                        var buffer = new byte[4096];
                        _ = await stream.ReadAsync(buffer, stop.Token); // the request line and headers
                        await stream.WriteAsync(Encoding.ASCII.GetBytes(reply), stop.Token);
                    }
                }
            });
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        /// <summary>Connections accepted, and any waiting to be (a refused client leaves none).</summary>
        public int Connections => Volatile.Read(ref connections) + (listener.Pending() ? 1 : 0);

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
        }
    }
}
