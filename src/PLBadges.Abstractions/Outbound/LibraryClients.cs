using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace PLBadges.Abstractions.Outbound;

/// <summary>
/// An <see cref="HttpClientHandler"/> (which some libraries insist on: OpenIddict's client checks for
/// one) that sends every request through a handler of <see cref="OutboundAddressPolicy"/>.
/// </summary>
public sealed class PolicyClientHandler(OutboundAddressPolicy policy) : HttpClientHandler
{
    private readonly HttpMessageInvoker inner = new(policy.CreateHandler(), disposeHandler: true);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        inner.SendAsync(request, cancellationToken);

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        inner.Send(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

public static class LibraryClientsServiceCollectionExtensions
{
    /// <summary>
    /// For a library that makes its own named clients through IHttpClientFactory (OpenIddict's client
    /// names them "OpenIddict.Client.SystemNetHttp:{registration}"): every client whose name passes
    /// <paramref name="names"/> gets a <see cref="PolicyClientHandler"/> as its primary handler, set
    /// after the library's own configuration, so its connections go where the policy allows and nowhere else.
    /// Call it after the library registers its clients.
    /// </summary>
    public static IServiceCollection RouteLibraryClientsThroughPolicy(this IServiceCollection services, Func<string, bool> names)
    {
        services.AddOutboundPolicy();
        services.AddSingleton<IPostConfigureOptions<HttpClientFactoryOptions>>(provider => new GuardedPrimaryHandler(provider.GetRequiredService<OutboundAddressPolicy>(), names));
        return services;
    }

    private sealed class GuardedPrimaryHandler(OutboundAddressPolicy policy, Func<string, bool> names) : IPostConfigureOptions<HttpClientFactoryOptions>
    {
        public void PostConfigure(string? name, HttpClientFactoryOptions options)
        {
            if (!string.IsNullOrEmpty(name) && names(name))
            {
                options.HttpMessageHandlerBuilderActions.Add(builder => builder.PrimaryHandler = new PolicyClientHandler(policy));
            }
        }
    }
}
