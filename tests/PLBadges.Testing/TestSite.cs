using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace PLBadges.Testing;

/// <summary>
/// The real PLBadges host (Program) on a test database, with the demo recipe applied on first run.
/// Settings can be added per site; Kestrel on 127.0.0.1 for browser tests.
/// </summary>
public sealed class TestSite : WebApplicationFactory<Program>
{
    private readonly TestDatabase database;
    private readonly Dictionary<string, string?> settings;
    private readonly TimeProvider? clock;
    private readonly Action<IServiceCollection>? services;
    private Uri? kestrel;
    private readonly bool behindProxy;

    /// <param name="clock">The site's clock, when the test sets the time (the system clock otherwise).</param>
    /// <param name="services">Services a test puts in place after the site's own (a counting password hasher, or a stand-in at a boundary this machine cannot reach).</param>
    public TestSite(TestDatabase database, IDictionary<string, string?>? settings = null, TimeProvider? clock = null, Action<IServiceCollection>? services = null)
    {
        this.database = database;
        this.clock = clock;
        this.services = services;
        this.settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider,
            ["Database:DataFolder"] = database.DataFolder,
            ["ConnectionStrings:Default"] = database.ConnectionString,
            ["Recipes:OnFirstRun"] = "demo",
            ["Jobs:RunServer"] = "false",
            ["RateLimits:SignInPerMinute"] = "1000",
            ["RateLimits:VerifyPerMinute"] = "1000",
            // Every test client shares one address (TestServer has none): a test's wrong passwords must not slow another's.
            ["Identity:FreeFailuresPerAddress"] = "100000",
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            // null takes a test default away, leaving the site's own.
            if (value == null)
            {
                this.settings.Remove(key);
            }
            else
            {
                this.settings[key] = value;
            }
        }

        // An https public address is production's shape: TLS ends at a proxy in front (the site refuses to
        // start otherwise) and cookies are Secure, so the test clients speak https to the site.
        var publicAddress = this.settings.GetValueOrDefault("Site:PublicBaseUrl") ?? this.settings.GetValueOrDefault("Mail:PublicBaseUrl");
        if (publicAddress?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true)
        {
            this.settings.TryAdd("Site:BehindProxy", "true");
            behindProxy = true;
            ClientOptions.BaseAddress = new Uri("https://localhost");
        }
    }

    public TestDatabase Database => database;

    /// <summary>The address of the Kestrel server, once started with <see cref="StartKestrel"/>.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return kestrel = new Uri(address.Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
    }

    /// <summary>
    /// A client that keeps cookies and does not follow redirects, as the tests read each answer; to
    /// Kestrel when it serves. With an https public address, Kestrel is reached as a TLS-ending proxy
    /// would reach it (plain http, X-Forwarded-Proto: https), so the site's Secure cookies come back.
    /// </summary>
    public HttpClient CreateBrowserlikeClient() => kestrel is { } address
        ? new HttpClient(behindProxy ? new BehindProxy() : new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() }) { BaseAddress = address }
        : CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = ClientOptions.BaseAddress });

    /// <summary>What a proxy ending TLS does for the browser behind it: says the request was https, and keeps the browser's (Secure) cookies.</summary>
    private sealed class BehindProxy() : DelegatingHandler(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        private readonly System.Net.CookieContainer cookies = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var seenAs = new UriBuilder(request.RequestUri!) { Scheme = Uri.UriSchemeHttps, Port = -1 }.Uri;
            request.Headers.Add("X-Forwarded-Proto", "https");
            if (cookies.GetCookieHeader(seenAs) is { Length: > 0 } header)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                foreach (var cookie in set)
                {
                    cookies.SetCookies(seenAs, cookie);
                }
            }

            return response;
        }
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider);
    }

    public async Task InScopeAsync(Func<IServiceProvider, Task> work)
    {
        using var scope = Services.CreateScope();
        await work(scope.ServiceProvider);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.ConfigureTestServices(collection =>
        {
            if (clock != null)
            {
                collection.AddSingleton(clock);
            }

            services?.Invoke(collection);
        });
    }
}
