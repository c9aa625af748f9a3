using System.Buffers.Text;
using System.IO.Compression;

namespace PLBadges.Credentials.Status;

/// <summary>
/// The W3C Bitstring Status List encoding: bit 0 is the most significant bit of the first byte;
/// the list is GZIP-compressed and written as multibase base64url (a leading <c>u</c>).
/// </summary>
public static class Bitstring
{
    public static string Encode(int size, IEnumerable<int> set)
    {
        var bits = new byte[size / 8];
        foreach (var index in set)
        {
            bits[index / 8] |= (byte)(0x80 >> (index % 8));
        }

        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bits);
        }

        return "u" + Base64Url.EncodeToString(output.ToArray());
    }

    /// <summary>Is the entry set? A list that cannot be read is a <see cref="FormatException"/>.</summary>
    public static bool IsSet(string encodedList, int index)
    {
        if (!encodedList.StartsWith('u'))
        {
            throw new FormatException("The status list is not multibase base64url.");
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(Signing.Jws.Decode(encodedList[1..], "status list")), CompressionMode.Decompress);
            using var bits = new MemoryStream();
            gzip.CopyTo(bits);
            var bytes = bits.GetBuffer();
            if (index < 0 || index / 8 >= bits.Length)
            {
                throw new FormatException("The credential's status entry lies outside its list.");
            }

            return (bytes[index / 8] & (0x80 >> (index % 8))) != 0;
        }
        catch (InvalidDataException)
        {
            throw new FormatException("The status list is not GZIP data.");
        }
    }
}
