using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Security;
using PLBadges.Credentials.Baking;
using PLBadges.Credentials.Issuing;
using PLBadges.Credentials.Signing;
using PLBadges.Credentials.Status;
using PLBadges.Credentials.Verifying;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Credentials.Api;

/// <summary>
/// The public faces of credentials: each credential as JSON, VC-JWT and baked PNG and SVG; issuer
/// profiles and their keys; status lists; and verification. None needs an account.
/// </summary>
internal static class CredentialEndpoints
{
    public const string JwtType = "application/vc+jwt";

    public static void MapCredentialEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/credentials/{id}.json", JsonAsync).AsPublicDocument().ExcludeFromDescription();
        endpoints.MapGet("/credentials/{id}.jwt", JwtAsync).AsPublicDocument().ExcludeFromDescription();
        endpoints.MapGet("/credentials/{id}.png", PngAsync).AsPublicDocument().ExcludeFromDescription();
        endpoints.MapGet("/credentials/{id}.svg", SvgAsync).AsPublicDocument().ExcludeFromDescription();
        endpoints.MapGet("/endorsements/{id}", EndorsementJsonAsync).AsPublicDocument().ExcludeFromDescription();
        endpoints.MapGet("/endorsements/{id}.json", EndorsementJsonAsync).AsPublicDocument().ExcludeFromDescription();
        endpoints.MapGet("/endorsements/{id}.jwt", EndorsementJwtAsync).AsPublicDocument().ExcludeFromDescription();
        endpoints.MapGet("/issuers/{id:guid}", IssuerAsync).AsPublicDocument().ExcludeFromDescription();
        endpoints.MapGet("/issuers/{id:guid}/did.json", DidDocumentAsync).AsPublicDocument().ExcludeFromDescription();
        endpoints.MapGet("/issuers/{id:guid}/jwks", JwksAsync).AsPublicDocument().ExcludeFromDescription();
        endpoints.MapGet("/issuers/{id:guid}/keys/{keyId}", KeyAsync).AsPublicDocument().ExcludeFromDescription();
        endpoints.MapGet("/.well-known/jwks.json", (IssuerKeys keys, Revisions revisions, CancellationToken cancellationToken) => JwksAsync(null, keys, revisions, cancellationToken))
            .AsPublicDocument().ExcludeFromDescription();
        endpoints.MapGet("/status/{id:guid}", StatusAsync).AsPublicDocument().ExcludeFromDescription();
        endpoints.MapPost("/api/v1/verify", VerifyAsync).ReadsNoSignIn().DisableAntiforgery().RequireRateLimiting(RateLimitPolicies.Verify)
            .WithTags("Credentials").WithName("VerifyCredential")
            .WithSummary("Verifies an Open Badges 3.0 credential sent as the body: JSON (application/json or application/vc+ld+json), a VC-JWT (application/jwt or application/vc+jwt), or a baked image (image/png, image/svg+xml).")
            .Produces<VerificationResult>().Produces(StatusCodes.Status429TooManyRequests);
    }

    internal static Task<IssuedCredential?> FindAsync(PLBadgesDbContext db, string id, CancellationToken cancellationToken) =>
        id.Length is > 0 and <= 32 ? db.Set<IssuedCredential>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) : Task.FromResult<IssuedCredential?>(null);

    /// <summary>The request's DbContext, made only when a document is not yet in this node's memory.</summary>
    private static Func<PLBadgesDbContext> Database(HttpContext context) => () => context.RequestServices.GetRequiredService<PLBadgesDbContext>();

    private static async Task<IResult> JsonAsync(string id, ImmutableDocuments documents, HttpContext context, CancellationToken cancellationToken) =>
        await documents.CredentialAsync(id, Database(context), cancellationToken) is { } credential ? credential.JsonDocument : Results.NotFound();

    private static async Task<IResult> JwtAsync(string id, ImmutableDocuments documents, HttpContext context, CancellationToken cancellationToken) =>
        await documents.CredentialAsync(id, Database(context), cancellationToken) is { } credential ? credential.JwtDocument : Results.NotFound();

    /// <summary>
    /// The baked PNG, drawn from the same artwork as the SVG: its tag comes from the credential's and the artwork's, so a
    /// reader holding the image gets 304 without it being drawn again; a new title, color or icon makes a new tag.
    /// </summary>
    private static async Task<IResult> PngAsync(string id, ImmutableDocuments documents, IMicroCredentialCatalog catalog, BadgeRasters rasters, HttpContext context, CancellationToken cancellationToken)
    {
        if (await documents.CredentialAsync(id, Database(context), cancellationToken) is not { IsCopy: false } credential)
        {
            return Results.NotFound();
        }

        var artwork = await ArtworkAsync(credential, catalog, cancellationToken);
        var etag = PublicDocument.TagOf($"png {credential.JsonDocument.ETag} {PublicDocument.TagOf(artwork)}");
        context.Response.Headers.ContentDisposition = $"inline; filename=\"{FileName(credential.Name)}.png\"";
        return PublicDocument.IsHeldBy(context.Request, etag)
            ? new PublicDocument([], "image/png", etag, DocumentLifetimes.Image)
            : new PublicDocument(PngBadge.Bake(rasters.Png(artwork), credential.Json), "image/png", etag, DocumentLifetimes.Image);
    }

    /// <summary>The credential's badge art, generated here from its pathway (never an uploaded image).</summary>
    private static async Task<string> ArtworkAsync(SignedCredential credential, IMicroCredentialCatalog catalog, CancellationToken cancellationToken)
    {
        var pathway = await catalog.PathwayAsync(credential.PathwayId, cancellationToken)
            ?? new PathwayInfo(credential.PathwayId, "", credential.Name, "", "#1d4ed8", "prism", "", "", []);
        return catalog.BadgeSvg(pathway, credential.Name, credential.Kind == CredentialKind.Pathway);
    }

    /// <summary>The baked SVG: its tag is its text's, which follows the pathway's artwork, color and title.</summary>
    private static async Task<IResult> SvgAsync(string id, ImmutableDocuments documents, IMicroCredentialCatalog catalog, HttpContext context, CancellationToken cancellationToken)
    {
        if (await documents.CredentialAsync(id, Database(context), cancellationToken) is not { IsCopy: false } credential)
        {
            return Results.NotFound();
        }

        context.Response.Headers.ContentDisposition = $"inline; filename=\"{FileName(credential.Name)}.svg\"";
        context.Response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'";
        var svg = SvgBadge.Bake(await ArtworkAsync(credential, catalog, cancellationToken), credential.Json);
        return new PublicDocument(Encoding.UTF8.GetBytes(svg), "image/svg+xml; charset=utf-8", PublicDocument.TagOf(svg), DocumentLifetimes.Image);
    }

    private static async Task<IResult> EndorsementJsonAsync(string id, ImmutableDocuments documents, HttpContext context, CancellationToken cancellationToken) =>
        await documents.EndorsementAsync(id, Database(context), cancellationToken) is { } endorsement ? endorsement.JsonDocument : Results.NotFound();

    private static async Task<IResult> EndorsementJwtAsync(string id, ImmutableDocuments documents, HttpContext context, CancellationToken cancellationToken) =>
        await documents.EndorsementAsync(id, Database(context), cancellationToken) is { } endorsement ? endorsement.JwtDocument : Results.NotFound();

    private static string FileName(string credentialName) =>
        new string(credentialName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-') is { Length: > 0 } name ? name : "credential";

    private static async Task<IResult> IssuerAsync(Guid id, IOrganizationDirectory organizations, SiteOrigin origin, IOptions<CredentialOptions> options, CancellationToken cancellationToken)
    {
        if (await organizations.GetAsync(id, cancellationToken) is not { } organization || organization.Kind is not (OrganizationKind.District or OrganizationKind.State))
        {
            return Results.NotFound();
        }

        var profile = CredentialDocument.IssuerProfile(IssuerDid.For(origin.Value, id), origin.Value, organization.Name, options.Value.IssuerEmail);
        profile.Insert(0, "@context", new JsonArray(CredentialDocument.VcContext, CredentialDocument.ObContext));
        return PublicDocument.Text(profile.ToJsonString(), PublicDocument.Json, DocumentLifetimes.Changing);
    }

    /// <summary>The most a DID document may weigh: the Digital Credentials Consortium's did:web resolver reads at most 8 KB.</summary>
    public const int MaxDidDocumentBytes = 8000;

    /// <summary>
    /// The issuer's DID document: its Ed25519 keys as Multikeys under assertionMethod, newest first, retired ones
    /// kept so that older proofs still verify (revocation, not key removal, is how a credential stops counting);
    /// the oldest retired keys are left out once the document would pass <see cref="MaxDidDocumentBytes"/>
    /// (docs/adr/0007-issuer-dids-and-keys.md).
    /// </summary>
    private static async Task<IResult> DidDocumentAsync(Guid id, IOrganizationDirectory organizations, IssuerKeys keys, Revisions revisions, SiteOrigin origin, CancellationToken cancellationToken)
    {
        if (await organizations.GetAsync(id, cancellationToken) is not { } organization || organization.Kind is not (OrganizationKind.District or OrganizationKind.State))
        {
            return Results.NotFound();
        }

        await keys.CurrentProofKeyAsync(id, cancellationToken); // an issuer that has signed nothing yet still has a key to show
        var revision = await keys.RevisionAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Issuer {id} has no keys after one was made.");
        var here = origin.Value;
        // Built once per revision of the issuer's keys.
        return await revisions.DocumentAsync(("did", id, here), revision, async ct =>
            PublicDocument.Text(DidDocument(here, id, await keys.ProofKeysAsync(id, 64, ct)), "application/did+json; charset=utf-8", DocumentLifetimes.Changing, compress: true), cancellationToken);
    }

    /// <summary>The DID document text for the keys (newest first), dropping the oldest retired ones while it is too large.</summary>
    internal static string DidDocument(string origin, Guid issuerId, IReadOnlyList<VerificationMethodKey> keys)
    {
        var did = IssuerDid.For(origin, issuerId);
        for (var count = keys.Count; ; count--)
        {
            var listed = keys.Take(Math.Max(count, 1)).ToList();
            var document = new JsonObject
            {
                ["@context"] = new JsonArray(LinkedData.JsonLd.ShippedContexts.DidV1, LinkedData.JsonLd.ShippedContexts.MultikeyV1),
                ["id"] = did,
                ["verificationMethod"] = new JsonArray(listed.Select(k => (JsonNode)new JsonObject
                {
                    ["id"] = $"{did}#{k.Id}",
                    ["type"] = "Multikey",
                    ["controller"] = did,
                    ["publicKeyMultibase"] = DataIntegrity.Multibase(k.PublicKey),
                }).ToArray()),
                ["assertionMethod"] = new JsonArray(listed.Select(k => (JsonNode)$"{did}#{k.Id}").ToArray()),
            }.ToJsonString();
            if (count <= 1 || Encoding.UTF8.GetByteCount(document) <= MaxDidDocumentBytes)
            {
                return document;
            }
        }
    }

    private static readonly PublicDocument NoKeys = PublicDocument.Text("""{"keys":[]}""", Jwks, DocumentLifetimes.Changing, compress: true);

    private const string Jwks = "application/jwk-set+json; charset=utf-8";

    /// <summary>
    /// An issuer's key set (every issuer's at /.well-known/jwks.json) changes with a rotation: a short lifetime,
    /// revalidated by its tag, and built once per revision of the keys on each node.
    /// </summary>
    private static async Task<IResult> JwksAsync(Guid? id, IssuerKeys keys, Revisions revisions, CancellationToken cancellationToken) =>
        await keys.RevisionAsync(id, cancellationToken) is { } revision
            ? await revisions.DocumentAsync(("jwks", id), revision, async ct =>
                PublicDocument.Text((await keys.JwksAsync(id, ct)).ToJsonString(), Jwks, DocumentLifetimes.Changing, compress: true), cancellationToken)
            : NoKeys;

    /// <summary>A numbered key never changes, current or retired: it may be kept for long.</summary>
    private static async Task<IResult> KeyAsync(Guid id, string keyId, IssuerKeys keys, CancellationToken cancellationToken) =>
        await keys.FindAsync(keys.KidOf(id, keyId), cancellationToken) is { } key
            ? PublicDocument.Text(key.Jwk.ToJsonString(), "application/jwk+json; charset=utf-8", DocumentLifetimes.Immutable)
            : Results.NotFound();

    private static async Task<IResult> StatusAsync(Guid id, StatusLists lists, HttpContext context, CancellationToken cancellationToken)
    {
        if (await lists.PublishAsync(id, cancellationToken) is not { } list)
        {
            return Results.NotFound();
        }

        // The form follows Accept, so a shared cache must keep one copy per Accept (Vary), each with its own tag.
        var json = context.Request.Headers.Accept.Any(a => a != null && a.Contains("json", StringComparison.OrdinalIgnoreCase));
        return json ? list.JsonDocument : list.JwtDocument;
    }

    private static async Task<IResult> VerifyAsync(HttpContext context, CredentialVerifier verifier, IOptions<CredentialOptions> options, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxVerifyBytes;
        var bytes = await ReadAtMostAsync(context.Request.Body, limit + 1, cancellationToken);
        var form = CredentialVerifier.FormOf(context.Request.ContentType, bytes);
        var result = await verifier.VerifyAsync(bytes, form, cancellationToken);
        context.Response.Headers.CacheControl = "no-store"; // an answer of the moment: a revocation may change it
        return Results.Json(result);
    }

    /// <summary>
    /// Reads up to <paramref name="limit"/> bytes: enough to know a body is too large without holding all of it. The
    /// reading buffer is borrowed from the shared pool (a new 80 KB one per request was most of what a verification
    /// allocated; bench "verification").
    /// </summary>
    internal static async Task<byte[]> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while (buffer.Length < limit && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }
}
