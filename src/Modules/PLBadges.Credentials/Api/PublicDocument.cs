using System.Buffers.Text;
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
/// when the reader already holds it (<c>If-None-Match</c>); HEAD gets the headers alone.
/// </summary>
internal sealed class PublicDocument(byte[] body, string contentType, string etag, string cacheControl, bool variesByAccept = false) : IResult
{
    public const string Json = "application/json; charset=utf-8";
    public const string Jwt = CredentialEndpoints.JwtType + "; charset=us-ascii";

    public byte[] Body => body;

    public string ETag => etag;

    public string ContentType => contentType;

    /// <summary>A text document whose tag is the hash of its bytes (the same on every node for the same text).</summary>
    public static PublicDocument Text(string text, string contentType, string cacheControl) =>
        new(Encoding.UTF8.GetBytes(text), contentType, TagOf(text), cacheControl);

    /// <summary>A strong entity tag from the text's SHA-256.</summary>
    public static string TagOf(string text) => $"\"{Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 18))}\"";

    public Task ExecuteAsync(HttpContext context)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.ETag = etag;
        headers.CacheControl = cacheControl;
        if (variesByAccept)
        {
            headers.Vary = "Accept";
        }

        if (IsHeldBy(context.Request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
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
