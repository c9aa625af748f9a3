using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit;

namespace PLBadges.Testing;

/// <summary>
/// A real OpenID provider (npm's oidc-provider, OpenID Certified) run under Node from
/// tests/node/oidc-peer.mjs on 127.0.0.1, with the packages installed from tests/node/package-lock.json.
/// Its accounts are keyed by the login hint the site passes on (the email typed on the sign-in page).
/// </summary>
public sealed class OidcPeer : IAsyncDisposable
{
    private readonly Process process;

    private OidcPeer(Process process, Uri issuer)
    {
        this.process = process;
        Issuer = issuer;
    }

    public Uri Issuer { get; }

    /// <summary>Sets the claims the provider answers with for a login hint from now on (sub among them).</summary>
    public async Task SetAccountAsync(string hint, JsonObject claims)
    {
        using var client = new HttpClient();
        var answer = await client.PutAsync(new Uri(Issuer, $"/test/accounts/{Uri.EscapeDataString(hint)}"), new StringContent(claims.ToJsonString()));
        answer.EnsureSuccessStatusCode();
    }

    public static async Task<OidcPeer> StartAsync(JsonArray clients, JsonObject accounts, int port = 0)
    {
        var root = Repository.Root;
        var script = Path.Combine(root, "tests", "node", "oidc-peer.mjs");
        Assert.True(Directory.Exists(Path.Combine(root, "tests", "node", "node_modules", "oidc-provider")),
            "oidc-provider is not installed in tests/node/node_modules: run scripts/test-deps.sh (npm ci --prefix tests/node).");
        var config = new JsonObject { ["issuer"] = "http://127.0.0.1:PORT", ["clients"] = clients.DeepClone(), ["accounts"] = accounts.DeepClone(), ["port"] = port };
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(config.ToJsonString());
        var process = Process.Start(start) ?? throw new InvalidOperationException("Node could not be started.");
        var errors = process.StandardError.ReadToEndAsync();
        // A guard against a hung process, not a measurement.
        using var wait = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var line = await process.StandardOutput.ReadLineAsync(wait.Token);
        if (line == null || !line.StartsWith("ready ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The OpenID provider did not start: {line} {await errors}");
        }

        // Keep reading its output so a full pipe never stops it.
        _ = process.StandardOutput.ReadToEndAsync();
        return new OidcPeer(process, new Uri($"http://127.0.0.1:{line["ready ".Length..]}"));
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
