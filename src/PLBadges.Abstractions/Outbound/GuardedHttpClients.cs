using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PLBadges.Abstractions.Outbound;

/// <summary>The limits of one guarded client: how long a request may take and how much of an answer is read.</summary>
public sealed class GuardedClientLimits
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest answer read; a longer one fails the request (an <see cref="HttpRequestException"/>).</summary>
    public long MaxResponseBytes { get; set; } = 1024 * 1024;
}

/// <summary>
/// The only way modules reach addresses they did not choose: HttpClients whose every connection goes
/// through <see cref="OutboundAddressPolicy"/>, registered by name with <see cref="OutboundServiceCollectionExtensions.AddGuardedHttpClient"/>.
/// (An architecture rule keeps modules from making clients, handlers or sockets of their own.)
/// </summary>
public sealed class GuardedHttpClients(IHttpClientFactory factory, IEnumerable<GuardedClientRegistration> registered)
{
    /// <summary>
    /// A client for one request or a few (do not keep it). Answers are buffered up to the client's
    /// limit: read them with the default completion option, not <see cref="HttpCompletionOption.ResponseHeadersRead"/>, so the limit applies.
    /// </summary>
    public HttpClient Create(string name) => registered.Any(r => r.Name == name)
        ? factory.CreateClient(name)
        : throw new InvalidOperationException($"No guarded client named '{name}' is registered: add it with services.AddGuardedHttpClient(\"{name}\").");
}

/// <summary>A guarded client's name and limits, as registered.</summary>
public sealed record GuardedClientRegistration(string Name, GuardedClientLimits Limits);

public static class OutboundServiceCollectionExtensions
{
    /// <summary>
    /// Registers a named client that connects only where <see cref="OutboundAddressPolicy"/> allows,
    /// never follows redirects, and reads at most the limits' bytes within their time. Ask for it
    /// through <see cref="GuardedHttpClients.Create"/>.
    /// </summary>
    public static IServiceCollection AddGuardedHttpClient(this IServiceCollection services, string name, Action<GuardedClientLimits>? limits = null)
    {
        var chosen = new GuardedClientLimits();
        limits?.Invoke(chosen);
        services.AddOutboundPolicy();
        services.AddSingleton(new GuardedClientRegistration(name, chosen));
        services.AddHttpClient(name, client =>
            {
                client.Timeout = chosen.Timeout;
                client.MaxResponseContentBufferSize = chosen.MaxResponseBytes;
            })
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<OutboundAddressPolicy>().CreateHandler());
        return services;
    }

    /// <summary>The address policy alone (for raw sockets, or a library's own HttpClient through <see cref="OutboundAddressPolicy.CreateHandler"/>).</summary>
    public static IServiceCollection AddOutboundPolicy(this IServiceCollection services)
    {
        services.AddOptions<OutboundOptions>().BindConfiguration(OutboundOptions.Section)
            .Validate(o => o.Valid(), "Outbound:AllowPrivateHosts takes host names and networks (such as localhost, 127.0.0.1 or 10.0.0.0/8).")
            .ValidateOnStart();
        services.TryAddSingleton<OutboundTrust>();
        services.TryAddSingleton<OutboundAddressPolicy>();
        services.TryAddSingleton<GuardedHttpClients>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PrivateHostsWarning>());
        return services;
    }
}

/// <summary>Says loudly, once at start-up, that the site may connect to private hosts: right for tests and private networks, a risk anywhere else.</summary>
internal sealed class PrivateHostsWarning(IOptions<OutboundOptions> options, IHostEnvironment environment, ILogger<PrivateHostsWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.AllowPrivateHosts.Count > 0 && !environment.IsDevelopment())
        {
            logger.LogWarning(
                "Outbound:AllowPrivateHosts is set outside Development: the site will connect to {Hosts} (over http too) when a credential, a key or a webhook names them. Meant for tests and private networks only.",
                string.Join(", ", options.Value.AllowPrivateHosts));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
