using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PLBadges.Credentials.Issuing;
using PLBadges.Credentials.Signing;
using PLBadges.Credentials.Status;
using PLBadges.Pathways.Contracts;

namespace PLBadges.IntegrationTests;

/// <summary>
/// Another site that issues credentials, as an attacker would run one: its keys and its status list
/// served over real TLS from https://localhost:{port}. This machine has no host with a publicly trusted
/// certificate, so the certificate is self-signed and trusted only by the test site's guarded client
/// (<see cref="PLBadges.Abstractions.Outbound.OutboundTrust"/>); everything else is the real path:
/// the verifier's guarded client resolves localhost (allowed by Outbound:AllowPrivateHosts), connects,
/// checks the certificate, fetches the key and the list, and verifies their signatures.
/// </summary>
internal sealed class ForeignIssuer : IAsyncDisposable
{
    private readonly RSA key = RSA.Create(2048);
    private WebApplication? app;

    public X509Certificate2 Certificate { get; } = SelfSigned();

    public int Port { get; private set; }

    public string Origin => $"https://localhost:{Port}";

    /// <summary>The host a verifier can vouch for: the key's origin.</summary>
    public string Host => $"localhost:{Port}";

    private readonly SemaphoreSlim starting = new(1, 1);

    /// <summary>The issuer, listening (started on first use, once).</summary>
    public async Task<ForeignIssuer> StartedAsync()
    {
        await starting.WaitAsync();
        try
        {
            if (app == null)
            {
                var builder = WebApplication.CreateSlimBuilder();
                builder.Logging.ClearProviders();
                builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(Certificate)));
                var started = builder.Build();
                started.MapGet("/issuers/{id}/keys/k1", (string id) => Results.Text(Jws.PublicJwk(SigningAlgorithm.RS256, key, Kid(id)).ToJsonString(), "application/jwk+json"));
                started.MapGet("/issuers/{id}/status", (string id) => Results.Text(StatusList(id), "application/vc+jwt"));
                await started.StartAsync();
                Port = new Uri(started.Urls.First()).Port;
                app = started;
            }

            return this;
        }
        finally
        {
            starting.Release();
        }
    }

    public string IssuerUrl(Guid issuer) => $"{Origin}/issuers/{issuer}";

    public string Kid(string issuer) => $"{Origin}/issuers/{issuer}/keys/k1";

    /// <summary>A complete Open Badges 3.0 credential of this issuer's, calling the issuer by whatever name it likes, signed as a VC-JWT with its key.</summary>
    public string Credential(Guid issuer, string claimedName)
    {
        var pathway = new PathwayInfo(Guid.NewGuid(), "claimed", "A pathway it claims", "Claimed work.", "#336699", "prism", "Claimed capstone", "Claimed.", []);
        var credential = CredentialDocument.Build(Origin, "badges@claimed.example", new CredentialFacts(
            Guid.NewGuid().ToString("N"), IssuerUrl(issuer), claimedName, "Claimed capstone", "someone@claimed.example", false, DateTime.UtcNow.AddDays(-1), null,
            CredentialDocument.Capstone(Origin, pathway, ["A micro-credential"], 6m), 6m, [], $"{IssuerUrl(issuer)}/status", 5));
        return Sign(issuer.ToString(), CredentialDocument.Claims(credential));
    }

    private string StatusList(string issuer)
    {
        var list = new JsonObject
        {
            ["@context"] = new JsonArray(CredentialDocument.VcContext),
            ["id"] = $"{Origin}/issuers/{issuer}/status",
            ["type"] = new JsonArray("VerifiableCredential", "BitstringStatusListCredential"),
            ["issuer"] = $"{Origin}/issuers/{issuer}",
            ["validFrom"] = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["credentialSubject"] = new JsonObject { ["type"] = "BitstringStatusList", ["statusPurpose"] = "revocation", ["encodedList"] = Bitstring.Encode(131_072, []) },
        };
        return Sign(issuer, list);
    }

    private string Sign(string issuer, JsonObject payload) =>
        Jws.Sign(new JsonObject { ["alg"] = "RS256", ["kid"] = Kid(issuer), ["typ"] = "vc+jwt" }, payload, data => Jws.SignWith(SigningAlgorithm.RS256, key, data));

    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        if (app != null)
        {
            await app.DisposeAsync();
        }

        key.Dispose();
    }
}
