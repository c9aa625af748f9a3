using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using System.Text.Json.Nodes;
using PLBadges.Credentials.Issuing;
using PLBadges.Data;

namespace PLBadges.Credentials.Api;

/// <summary>A credential (or a wallet's copy of one) as this site signed it, with its two public forms ready to send.</summary>
internal sealed record SignedCredential(string Id, string Name, Guid PathwayId, CredentialKind Kind, bool IsCopy, string Json, string Jwt, PublicDocument JsonDocument, PublicDocument JwtDocument)
{
    /// <summary>The JSON read once, to tell a credential sent back unchanged.</summary>
    public Lazy<JsonNode?> Document { get; } = new(() => JsonNode.Parse(Json));

    /// <summary>Set once the verifier has found the document matches the Open Badges schema: it is not checked again.</summary>
    public bool SchemaChecked { get; set; }

    /// <summary>
    /// Set once the verifier has found the signature of this exact JSON (its embedded proof) valid: it is not checked
    /// again (see <see cref="Verifying.CheckedSignature"/>).
    /// </summary>
    internal Verifying.CheckedSignature? JsonSignature { get; set; }

    /// <summary>The same for this exact VC-JWT.</summary>
    internal Verifying.CheckedSignature? JwtSignature { get; set; }

    public long Size => (Json.Length + Jwt.Length) * 2L + JsonDocument.Body.Length + JwtDocument.Body.Length + 256;
}

/// <summary>An endorsement as signed, with its two public forms.</summary>
internal sealed record SignedEndorsement(string Json, string Jwt, PublicDocument JsonDocument, PublicDocument JwtDocument)
{
    public long Size => (Json.Length + Jwt.Length) * 2L + JsonDocument.Body.Length + JwtDocument.Body.Length + 128;
}

/// <summary>
/// This node's memory of the documents that never change once signed: credentials, wallet copies and endorsements
/// (none is ever rewritten or deleted; a revocation changes the status list, not the credential). After the first
/// read a document is answered, and verified, without the database. Bounded: at most <see cref="SizeLimit"/> bytes,
/// the least recently read going first; what is not found is not remembered (an id may be issued later).
/// </summary>
public sealed class ImmutableDocuments : IDisposable
{
    public const long SizeLimit = 64L * 1024 * 1024;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = SizeLimit, CompactionPercentage = 0.25 });

    internal async Task<SignedCredential?> CredentialAsync(string id, Func<PLBadgesDbContext> database, CancellationToken cancellationToken)
    {
        if (id.Length is 0 or > 32)
        {
            return null;
        }

        if (cache.TryGetValue((nameof(SignedCredential), id), out SignedCredential? known))
        {
            return known;
        }

        var db = database();
        // A wallet copy's constant fields are filled in here, not in SQL: PostgreSQL reads an untyped constant as text.
        var found = await db.Set<IssuedCredential>().AsNoTracking().Where(c => c.Id == id)
                .Select(c => new { c.Name, c.PathwayId, c.Kind, c.Json, c.Jwt, IsCopy = false }).FirstOrDefaultAsync(cancellationToken)
            ?? (await db.Set<Wallet.WalletCopy>().AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Json, c.Jwt }).FirstOrDefaultAsync(cancellationToken)) switch
            {
                { } copy => new { Name = "", PathwayId = Guid.Empty, Kind = CredentialKind.MicroCredential, copy.Json, copy.Jwt, IsCopy = true },
                null => null,
            };
        if (found == null || found.Json.Length == 0)
        {
            return null;
        }

        var signed = new SignedCredential(id, found.Name, found.PathwayId, found.Kind, found.IsCopy, found.Json, found.Jwt,
            PublicDocument.Text(found.Json, PublicDocument.Json, DocumentLifetimes.Immutable, compress: true),
            PublicDocument.Text(found.Jwt, PublicDocument.Jwt, DocumentLifetimes.Immutable, compress: true));
        cache.Set((nameof(SignedCredential), id), signed, new MemoryCacheEntryOptions { Size = signed.Size });
        return signed;
    }

    internal async Task<SignedEndorsement?> EndorsementAsync(string id, Func<PLBadgesDbContext> database, CancellationToken cancellationToken)
    {
        if (id.Length is 0 or > 32)
        {
            return null;
        }

        if (cache.TryGetValue((nameof(SignedEndorsement), id), out SignedEndorsement? known))
        {
            return known;
        }

        var found = await database().Set<Endorsement>().AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.Json, e.Jwt }).FirstOrDefaultAsync(cancellationToken);
        if (found == null)
        {
            return null;
        }

        var signed = new SignedEndorsement(found.Json, found.Jwt,
            PublicDocument.Text(found.Json, PublicDocument.Json, DocumentLifetimes.Immutable, compress: true),
            PublicDocument.Text(found.Jwt, PublicDocument.Jwt, DocumentLifetimes.Immutable, compress: true));
        cache.Set((nameof(SignedEndorsement), id), signed, new MemoryCacheEntryOptions { Size = signed.Size });
        return signed;
    }

    public void Dispose() => cache.Dispose();
}
