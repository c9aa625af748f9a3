using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Client;
using OpenIddict.Server;
using PLBadges.Data;

namespace PLBadges.Identity.OpenId;

/// <summary>An OpenID Connect server key, its private part encrypted with Data Protection.</summary>
internal sealed class ServerKey
{
    public required string Id { get; set; }

    public required string Purpose { get; set; }

    public required string ProtectedPrivateKey { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// Gives OpenIddict its signing and encryption keys from the database, creating them on first use,
/// so tokens stay valid across restarts and every node signs with the same key.
/// </summary>
internal sealed class ServerKeyConfigurator(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider clock)
    : IConfigureOptions<OpenIddictServerOptions>, IConfigureOptions<OpenIddictClientOptions>
{
    public const string SigningKeyId = "oidc-signing-1";
    public const string EncryptionKeyId = "oidc-encryption-1";

    public void Configure(OpenIddictServerOptions options)
    {
        var (signing, encryption) = Credentials();
        options.SigningCredentials.Add(signing);
        options.EncryptionCredentials.Add(encryption);
    }

    /// <summary>The client signs and encrypts its state tokens with the same keys, so any node can take a provider's answer.</summary>
    public void Configure(OpenIddictClientOptions options)
    {
        var (signing, encryption) = Credentials();
        options.SigningCredentials.Add(signing);
        options.EncryptionCredentials.Add(encryption);
    }

    private (SigningCredentials, EncryptingCredentials) Credentials() =>
    (
        new SigningCredentials(new RsaSecurityKey(LoadOrCreate(SigningKeyId, "signing")) { KeyId = SigningKeyId }, SecurityAlgorithms.RsaSha256),
        new EncryptingCredentials(new RsaSecurityKey(LoadOrCreate(EncryptionKeyId, "encryption")) { KeyId = EncryptionKeyId }, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512)
    );

    private RSA LoadOrCreate(string id, string purpose)
    {
        var protector = protection.CreateProtector("PLBadges.Identity.ServerKeys");
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
        var key = db.Set<ServerKey>().AsNoTracking().FirstOrDefault(k => k.Id == id);
        if (key == null)
        {
            using var created = RSA.Create(2048);
            db.Set<ServerKey>().Add(new ServerKey
            {
                Id = id,
                Purpose = purpose,
                ProtectedPrivateKey = protector.Protect(created.ExportPkcs8PrivateKeyPem()),
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
            try
            {
                db.SaveChanges();
            }
            catch (DbUpdateException)
            {
                // Another node created it first; use theirs.
            }

            db.ChangeTracker.Clear();
            key = db.Set<ServerKey>().AsNoTracking().First(k => k.Id == id);
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(protector.Unprotect(key.ProtectedPrivateKey));
        return rsa;
    }
}
