using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace PLBadges.Credentials.Baking;

/// <summary>
/// PNG badges: drawn (a hexagon in the pathway's colour with a white rim), and baked as Open
/// Badges 3.0 says: an <c>iTXt</c> chunk with the keyword <c>openbadgecredential</c> before IEND.
/// </summary>
public static class PngBadge
{
    public const string Keyword = "openbadgecredential";

    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A 256 x 256 badge: the hexagon of the SVG artwork, filled in the colour, with a white inner rim.</summary>
    public static byte[] Draw(string color, int size = 256)
    {
        var (r, g, b) = ParseColor(color);
        var outer = Hexagon(size / 2.0, size / 2.0, size * 0.47);
        var inner = Hexagon(size / 2.0, size / 2.0, size * 0.42);
        var innerEdge = Hexagon(size / 2.0, size / 2.0, size * 0.40);
        var raw = new byte[size * ((size * 4) + 1)];
        for (var y = 0; y < size; y++)
        {
            var row = y * ((size * 4) + 1);
            raw[row] = 0; // filter: none
            for (var x = 0; x < size; x++)
            {
                var (px, py) = (x + 0.5, y + 0.5);
                var pixel = row + 1 + (x * 4);
                if (!Inside(outer, px, py))
                {
                    continue; // transparent
                }

                var rim = Inside(inner, px, py) && !Inside(innerEdge, px, py);
                (raw[pixel], raw[pixel + 1], raw[pixel + 2], raw[pixel + 3]) = rim ? ((byte)255, (byte)255, (byte)255, (byte)255) : (r, g, b, (byte)255);
            }
        }

        using var png = new MemoryStream();
        png.Write(Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8; // bit depth
        header[9] = 6; // RGBA
        WriteChunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            WriteChunk(png, "IDAT", compressed.ToArray());
        }

        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>
    /// The image with the credential in an uncompressed iTXt chunk (any earlier credential chunk replaced). A JSON
    /// credential is written with every brace inside its strings escaped (\u007b, \u007d: the same JSON), because the
    /// Learner Credential Wallet's image import finds the credential by counting braces from the first "{" after the
    /// keyword, without reading strings.
    /// </summary>
    public static byte[] Bake(byte[] image, string credential)
    {
        credential = BracesEscapedInStrings(credential);
        var chunks = Chunks(image).Where(c => !(c.Type == "iTXt" && KeywordOf(c.Data) == Keyword)).ToList();
        using var png = new MemoryStream();
        png.Write(Signature);
        foreach (var chunk in chunks)
        {
            if (chunk.Type == "IEND")
            {
                var data = new List<byte>();
                data.AddRange(Encoding.Latin1.GetBytes(Keyword));
                data.AddRange([0, 0, 0, 0, 0]); // keyword's end, not compressed, method 0, empty language tag's end, empty translated keyword's end
                data.AddRange(Encoding.UTF8.GetBytes(credential));
                WriteChunk(png, "iTXt", data.ToArray());
            }

            WriteChunk(png, chunk.Type, chunk.Data);
        }

        return png.ToArray();
    }

    /// <summary>
    /// The credential baked into a PNG, or null when it has none; a malformed PNG is a <see cref="FormatException"/>.
    /// Open Badges 3.0 bakes the credential uncompressed (compression flag 0), so a compressed chunk is
    /// refused rather than inflated: nothing here decompresses, and what is read is at most the chunk itself.
    /// </summary>
    public static string? Unbake(byte[] image)
    {
        foreach (var chunk in Chunks(image))
        {
            if (chunk.Type != "iTXt" || KeywordOf(chunk.Data) != Keyword)
            {
                continue;
            }

            var data = chunk.Data;
            var at = Keyword.Length + 1;
            if (data.Length < at + 2)
            {
                throw new FormatException("The PNG's credential chunk is cut short.");
            }

            if (data[at] != 0 || data[at + 1] != 0)
            {
                throw new FormatException("The PNG's credential chunk is compressed; Open Badges 3.0 bakes the credential uncompressed (compression flag 0), so it is not read.");
            }

            at += 2;
            at = Array.IndexOf(data, (byte)0, at) + 1; // language tag
            at = at == 0 ? -1 : Array.IndexOf(data, (byte)0, at) + 1; // translated keyword
            if (at <= 0)
            {
                throw new FormatException("The PNG's credential chunk is malformed.");
            }

            return Encoding.UTF8.GetString(data, at, data.Length - at);
        }

        return null;
    }

    /// <summary>JSON text with "{" and "}" inside its strings written as \u escapes; anything that is not JSON is returned as it is.</summary>
    public static string BracesEscapedInStrings(string text)
    {
        if (!text.TrimStart().StartsWith('{'))
        {
            return text;
        }

        var written = new StringBuilder(text.Length + 16);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString && c == '\\' && i + 1 < text.Length)
            {
                written.Append(c).Append(text[++i]); // an escape: its next character is never the string's end
                continue;
            }

            if (c == '"')
            {
                inString = !inString;
            }

            written.Append(inString && c is '{' or '}' ? (c == '{' ? "\\u007b" : "\\u007d") : c.ToString());
        }

        return written.ToString();
    }

    private sealed record Chunk(string Type, byte[] Data);

    private static List<Chunk> Chunks(byte[] image)
    {
        if (image.Length < Signature.Length || !image.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            throw new FormatException("This is not a PNG image.");
        }

        var chunks = new List<Chunk>();
        var at = Signature.Length;
        while (at < image.Length)
        {
            if (at + 12 > image.Length)
            {
                throw new FormatException("The PNG is cut short.");
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(image.AsSpan(at));
            if (length < 0 || at + 12L + length > image.Length)
            {
                throw new FormatException("A PNG chunk is longer than the file.");
            }

            var type = Encoding.ASCII.GetString(image, at + 4, 4);
            var data = image.AsSpan(at + 8, length).ToArray();
            var crc = BinaryPrimitives.ReadUInt32BigEndian(image.AsSpan(at + 8 + length));
            if (crc != Crc32(image.AsSpan(at + 4, 4 + length)))
            {
                throw new FormatException($"The PNG's {type} chunk is damaged (its checksum does not match).");
            }

            chunks.Add(new Chunk(type, data));
            at += 12 + length;
            if (type == "IEND")
            {
                return chunks;
            }
        }

        throw new FormatException("The PNG has no end chunk.");
    }

    private static string? KeywordOf(byte[] data)
    {
        var end = Array.IndexOf(data, (byte)0);
        return end > 0 ? Encoding.Latin1.GetString(data, 0, end) : null;
    }

    /// <summary>One chunk: its length, type, data and CRC (tests build hostile images with it).</summary>
    internal static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var typed = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        png.Write(word);
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return c ^ 0xFFFFFFFFu;
    }

    private static (byte, byte, byte) ParseColor(string color)
    {
        var hex = color.TrimStart('#');
        return hex.Length == 6 && hex.All(Uri.IsHexDigit)
            ? (Convert.ToByte(hex[..2], 16), Convert.ToByte(hex[2..4], 16), Convert.ToByte(hex[4..], 16))
            : ((byte)29, (byte)78, (byte)216);
    }

    private static (double X, double Y)[] Hexagon(double cx, double cy, double radius) =>
        Enumerable.Range(0, 6).Select(i => (cx + (radius * Math.Sin(i * Math.PI / 3)), cy - (radius * Math.Cos(i * Math.PI / 3)))).ToArray();

    private static bool Inside((double X, double Y)[] polygon, double x, double y)
    {
        var inside = false;
        for (int i = 0, j = polygon.Length - 1; i < polygon.Length; j = i++)
        {
            if ((polygon[i].Y > y) != (polygon[j].Y > y)
                && x < ((polygon[j].X - polygon[i].X) * (y - polygon[i].Y) / (polygon[j].Y - polygon[i].Y)) + polygon[i].X)
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
