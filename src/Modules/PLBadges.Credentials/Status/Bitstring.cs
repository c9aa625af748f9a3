using System.Buffers.Text;
using System.IO.Compression;

using PLBadges.Credentials.Verifying;

namespace PLBadges.Credentials.Status;

/// <summary>
/// The W3C Bitstring Status List encoding: bit 0 is the most significant bit of the first byte;
/// the list is GZIP-compressed and written as multibase base64url (a leading <c>u</c>).
/// </summary>
public static class Bitstring
{
    public static string Encode(int size, IEnumerable<int> set) => Encode(Bits(size, set));

    /// <summary>The list's bytes before compression: the entries in <paramref name="set"/> set.</summary>
    public static byte[] Bits(int size, IEnumerable<int> set)
    {
        var bits = new byte[size / 8];
        foreach (var index in set)
        {
            bits[index / 8] |= (byte)(0x80 >> (index % 8));
        }

        return bits;
    }

    public static string Encode(byte[] bits)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bits);
        }

        return "u" + Base64Url.EncodeToString(output.ToArray());
    }

    /// <summary>
    /// Is the entry set? A list that cannot be read is a <see cref="FormatException"/>. The list is
    /// decompressed only as far as the entry's byte (a list from another issuer could be a
    /// decompression bomb), never beyond <see cref="ReadLimits.MaxDecompressedBytes"/>, counted in <paramref name="counters"/>.
    /// </summary>
    public static bool IsSet(string encodedList, int index, ReadCounters? counters = null, ReadLimits? limits = null)
    {
        limits ??= ReadLimits.Default;
        if (!encodedList.StartsWith('u'))
        {
            throw new FormatException("The status list is not multibase base64url.");
        }

        if (index < 0 || index / 8 >= limits.MaxDecompressedBytes)
        {
            throw new FormatException("The credential's status entry lies outside any list this verifier reads.");
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(Signing.Jws.Decode(encodedList[1..], "status list")), CompressionMode.Decompress);
            var needed = (index / 8) + 1;
            var buffer = new byte[Math.Min(needed, 64 * 1024)];
            var total = 0;
            var read = 0;
            while (total < needed)
            {
                read = gzip.Read(buffer, 0, Math.Min(buffer.Length, needed - total));
                if (read == 0)
                {
                    throw new FormatException("The credential's status entry lies outside its list.");
                }

                counters?.Decompressed(read);
                total += read;
            }

            // Reading stopped exactly at the entry's byte: the last one of the last read.
            return (buffer[read - 1] & (0x80 >> (index % 8))) != 0;
        }
        catch (InvalidDataException)
        {
            throw new FormatException("The status list is not GZIP data.");
        }
    }
}
