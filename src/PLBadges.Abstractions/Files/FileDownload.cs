using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace PLBadges.Abstractions.Files;

/// <summary>What a request's <c>Range</c> header asks of a file of a given size: one range of bytes, or one that cannot be served (416).</summary>
public sealed record RequestedRange(ByteRange Bytes, bool Satisfiable);

public static class FileRanges
{
    /// <summary>
    /// The one range a request asks for, or null for the whole file (no header, or one this site does
    /// not serve as a range: several ranges, or units other than bytes, get the whole file, as RFC 9110 allows).
    /// </summary>
    public static RequestedRange? Requested(HttpRequest request, long size)
    {
        if (!RangeHeaderValue.TryParse(request.Headers.Range.ToString(), out var header)
            || !string.Equals(header.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || header.Ranges.Count != 1)
        {
            return null;
        }

        var asked = header.Ranges.First();
        long from, to;
        if (asked.From is null)
        {
            // The last N bytes.
            var suffix = Math.Min(asked.To ?? 0, size);
            (from, to) = (size - suffix, size - 1);
            if (suffix <= 0)
            {
                return new RequestedRange(default, false);
            }
        }
        else
        {
            (from, to) = (asked.From.Value, Math.Min(asked.To ?? size - 1, size - 1));
        }

        return from < size && from <= to ? new RequestedRange(new ByteRange(from, to), true) : new RequestedRange(default, false);
    }
}

/// <summary>
/// A kept file sent as a download (an attachment, never shown in the site's origin; a raster image the caller vouches for may be inline): the whole file
/// (200), or the range asked for (206 with Content-Range). A whole file is checked against its
/// SHA-256 as it streams; a mismatch ends the response mid-way, so the connection is aborted rather
/// than a damaged file delivered as if whole.
/// </summary>
public sealed class FileDownload(FileContent content, string contentType, string fileName, bool inline = false) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await using var _ = content;
        var response = httpContext.Response;
        response.ContentType = contentType;
        response.ContentLength = content.Length;
        response.Headers.AcceptRanges = "bytes";
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        if (content.Range is { } range)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = new ContentRangeHeaderValue(range.From, range.To, content.TotalLength).ToString();
        }

        if (HttpMethods.IsHead(httpContext.Request.Method))
        {
            return;
        }

        await content.Stream.CopyToAsync(response.Body, 81920, httpContext.RequestAborted);
    }
}
