using System.IO.Compression;
using System.Text;

namespace PLBadges.Evidence.Artifacts;

/// <summary>A kind of file a teacher may upload, as recognised from its bytes.</summary>
public sealed record FileType(string Name, string ContentType, IReadOnlyList<string> Extensions);

/// <summary>
/// Recognises an upload from its content, never from its name: a file named .pdf must start like a
/// PDF. Office documents are zip packages, recognised by the folders inside them.
/// </summary>
public static class FileTypes
{
    public static readonly FileType Pdf = new("PDF", "application/pdf", [".pdf"]);
    public static readonly FileType Png = new("PNG image", "image/png", [".png"]);
    public static readonly FileType Jpeg = new("JPEG image", "image/jpeg", [".jpg", ".jpeg"]);
    public static readonly FileType Gif = new("GIF image", "image/gif", [".gif"]);
    public static readonly FileType WebP = new("WebP image", "image/webp", [".webp"]);
    public static readonly FileType Word = new("Word document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"]);
    public static readonly FileType PowerPoint = new("PowerPoint presentation", "application/vnd.openxmlformats-officedocument.presentationml.presentation", [".pptx"]);
    public static readonly FileType Excel = new("Excel workbook", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"]);
    public static readonly FileType LegacyOffice = new("Office document (97-2003)", "application/octet-stream", [".doc", ".xls", ".ppt"]);
    public static readonly FileType Text = new("plain text", "text/plain; charset=utf-8", [".txt", ".csv", ".md"]);

    public static IReadOnlyList<FileType> All => [Pdf, Png, Jpeg, Gif, WebP, Word, PowerPoint, Excel, LegacyOffice, Text];

    /// <summary>
    /// Raster images a reviewer sees in the page (served inline, still nosniff and sandboxed); everything else, a PDF
    /// included, is only ever a download. SVG is not among them: it is not accepted, and could carry script if it were.
    /// </summary>
    public static IReadOnlyList<FileType> ShownInline => [Png, Jpeg, Gif, WebP];

    public static bool IsShownInline(string? contentType) => contentType != null && ShownInline.Any(t => t.ContentType == contentType);

    public const string Accepted = "PDF, Word, PowerPoint, Excel, images (PNG, JPEG, GIF, WebP) or plain text";

    /// <summary>What the stored file is, or null when it is none of the accepted kinds.</summary>
    public static FileType? Detect(string path)
    {
        Span<byte> head = stackalloc byte[16];
        int read;
        using (var file = File.OpenRead(path))
        {
            read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        head = head[..read];
        if (head.StartsWith("%PDF-"u8)) return Pdf;
        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return Png;
        if (head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) return Jpeg;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return Gif;
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return WebP;
        if (head.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 })) return LegacyOffice;
        if (head.StartsWith("PK\u0003\u0004"u8)) return OfficePackage(path);
        return IsText(path) ? Text : null;
    }

    private static FileType? OfficePackage(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            if (!names.Contains("[Content_Types].xml")) return null;
            if (names.Any(n => n.StartsWith("word/", StringComparison.Ordinal))) return Word;
            if (names.Any(n => n.StartsWith("ppt/", StringComparison.Ordinal))) return PowerPoint;
            if (names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal))) return Excel;
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>UTF-8 text with no NUL bytes (which binary formats have and text does not).</summary>
    private static bool IsText(string path)
    {
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var buffer = new byte[64 * 1024];
        var chars = new char[buffer.Length + 4];
        using var file = File.OpenRead(path);
        int read;
        try
        {
            while ((read = file.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (Array.IndexOf(buffer, (byte)0, 0, read) >= 0)
                {
                    return false;
                }

                decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
            }

            decoder.GetChars(buffer, 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The known kind a file's name claims, if any (".pdf" claims PDF).</summary>
    public static FileType? Claimed(string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return All.FirstOrDefault(t => t.Extensions.Contains(extension));
    }
}
