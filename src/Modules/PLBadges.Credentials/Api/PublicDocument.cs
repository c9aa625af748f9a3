using System.Buffers.Text;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace PLBadges.Credentials.Api;

/// <summary>
/// How long each kind of public document may be kept by browsers and shared caches (a CDN, a caching proxy).
/// Every one is anonymous and the same for every reader; README "Production notes" says what a CDN may keep.
/// </summary>
internal static class DocumentLifetimes
{
    /// <summary>Never changes once written: a credential's JSON and JWT, an endorsement, a numbered (current or retired) key.</summary>
    public const string Immutable = "public, max-age=31536000, immutable";

    /// <summary>
    /// Changes with a revocation or a key rotation: a status list, an issuer's key set and DID document. A node notices
    /// another node's revocation or rotation within 10 seconds (<see cref="Revisions.Lifetime"/>); with 30 seconds in a
    /// cache on top, it reaches every reader within the promised minute.
    /// </summary>
    public const string Changing = "public, max-age=30, must-revalidate";

    /// <summary>A badge image: changes only when its pathway's artwork or color does.</summary>
    public const string Image = "public, max-age=3600, must-revalidate";
}

/// <summary>
/// A public document ready to send: its bytes, type, entity tag and lifetime. Answers 304 Not Modified, with no body,
/// when the reader already holds it (<c>If-None-Match</c>); HEAD gets the headers alone. A document kept in a node's
/// memory may be sent compressed (<paramref name="compress"/>): Brotli or gzip as the reader accepts, each made once,
/// with an entity tag of its own (the document's tag with the encoding added) and <c>Vary: Accept-Encoding</c>. Pages
/// are never compressed (they carry antiforgery tokens); only these documents, the same for every reader, are.
/// </summary>
internal sealed class PublicDocument(byte[] body, string contentType, string etag, string cacheControl, bool variesByAccept = false, bool compress = false) : IResult
{
    public const string Json = "application/json; charset=utf-8";
    public const string Jwt = CredentialEndpoints.JwtType + "; charset=us-ascii";

    /// <summary>Smaller documents go as they are: compression would gain a few bytes at most.</summary>
    private const int CompressFrom = 512;

    private sealed record Encoded(string Name, byte[] Body, string ETag);

    private readonly Lazy<Encoded?> brotli = new(() => Encode(body, etag, "br"));
    private readonly Lazy<Encoded?> gzip = new(() => Encode(body, etag, "gzip"));

    public byte[] Body => body;

    public string ETag => etag;

    public string ContentType => contentType;

    /// <summary>A text document whose tag is the hash of its bytes (the same on every node for the same text).</summary>
    public static PublicDocument Text(string text, string contentType, string cacheControl, bool compress = false) =>
        new(Encoding.UTF8.GetBytes(text), contentType, TagOf(text), cacheControl, compress: compress);

    /// <summary>A strong entity tag from the text's SHA-256.</summary>
    public static string TagOf(string text) => $"\"{Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 18))}\"";

    public Task ExecuteAsync(HttpContext context)
    {
        var response = context.Response;
        var headers = response.Headers;
        var encoded = compress ? Chosen(context.Request) : null;
        var tag = encoded?.ETag ?? etag;
        headers.ETag = tag;
        headers.CacheControl = cacheControl;
        if (compress)
        {
            headers.Vary = variesByAccept ? "Accept, Accept-Encoding" : "Accept-Encoding";
        }
        else if (variesByAccept)
        {
            headers.Vary = "Accept";
        }

        if (IsHeldBy(context.Request, tag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        var bytes = encoded?.Body ?? body;
        if (encoded != null)
        {
            headers.ContentEncoding = encoded.Name;
        }

        response.ContentType = contentType;
        response.ContentLength = bytes.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    /// <summary>Brotli when the reader accepts it, else gzip, else none (also when compressing would not make it smaller).</summary>
    private Encoded? Chosen(HttpRequest request)
    {
        var header = request.Headers.AcceptEncoding;
        if (header.Count == 0 || body.Length < CompressFrom || !StringWithQualityHeaderValue.TryParseList(header, out var accepted))
        {
            return null;
        }

        bool Accepts(string name) => accepted.Any(a => a.Quality != 0 && (a.Value.Equals(name, StringComparison.OrdinalIgnoreCase) || a.Value == "*"));
        return Accepts("br") && brotli.Value is { } br ? br : Accepts("gzip") && gzip.Value is { } gz ? gz : null;
    }

    private static Encoded? Encode(byte[] body, string etag, string name)
    {
        using var buffer = new MemoryStream();
        using (Stream compressor = name == "br"
                   ? new BrotliStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true)
                   : new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            compressor.Write(body);
        }

        // The same document in another encoding is another representation: its own tag, weak if the document's is.
        return buffer.Length < body.Length ? new Encoded(name, buffer.ToArray(), $"{etag[..^1]}-{name}\"") : null;
    }

    /// <summary>Whether the request's If-None-Match names this tag (weak comparison, as RFC 9110 asks for If-None-Match) or is *.</summary>
    internal static bool IsHeldBy(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0 || !EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return false;
        }

        var ours = EntityTagHeaderValue.Parse(etag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(ours, useStrongComparison: false));
    }
}
