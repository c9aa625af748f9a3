using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PLBadges.Credentials.Verifying;

/// <summary>
/// How much of an untrusted document verification reads. Anyone may send one, so each reader stops
/// at a limit with a reason instead of spending the server's memory and time: JSON and SVG by depth
/// and count of nodes (checked before the schema, whose cost grows with them), JSON arrays by
/// length, a status list by the bytes it decompresses.
/// </summary>
public sealed record ReadLimits
{
    public static readonly ReadLimits Default = new();

    public int MaxJsonDepth { get; init; } = 32;

    public int MaxJsonNodes { get; init; } = 10_000;

    public int MaxArrayLength { get; init; } = 500;

    public int MaxSvgDepth { get; init; } = 64;

    public int MaxSvgNodes { get; init; } = 100_000;

    /// <summary>The most a status list is decompressed to (a list of 128 million entries).</summary>
    public long MaxDecompressedBytes { get; init; } = 16 * 1024 * 1024;
}

/// <summary>What the readers of one verification read, so tests (and logs) see the limits at work rather than timing them.</summary>
public sealed class ReadCounters
{
    /// <summary>The deepest nesting met, in JSON or SVG.</summary>
    public int DepthReached { get; private set; }

    /// <summary>JSON values and SVG nodes read.</summary>
    public int Nodes { get; private set; }

    public int LongestArray { get; private set; }

    public long BytesDecompressed { get; private set; }

    internal void Deeper(int depth) => DepthReached = Math.Max(DepthReached, depth);

    internal int Node() => ++Nodes;

    internal void Array(int length) => LongestArray = Math.Max(LongestArray, length);

    internal void Decompressed(int bytes) => BytesDecompressed += bytes;
}

/// <summary>
/// JSON from outside (a credential, a token's header and payload, a key, a status list): one
/// streaming pass counts depth, values and array lengths and checks every number, and only then is
/// the document built, with duplicate property names refused. Numbers must be finite and within
/// ±2^53, I-JSON's interoperable range (RFC 7493), so 1e999999 or an exp of -1e18 is refused here
/// rather than overflowing a date later. Every refusal is a <see cref="FormatException"/> with a reason.
/// </summary>
public static class UntrustedJson
{
    private const double MaxSafeInteger = 9007199254740992; // 2^53

    public static JsonObject ParseObject(string text, ReadCounters counters, ReadLimits? limits = null, string what = "The credential") =>
        ParseObject(Encoding.UTF8.GetBytes(text), counters, limits, what);

    public static JsonObject ParseObject(byte[] utf8, ReadCounters counters, ReadLimits? limits = null, string what = "The credential") =>
        Parse(utf8, counters, limits, what) as JsonObject ?? throw new FormatException($"{what} is not a JSON object.");

    public static JsonNode? Parse(byte[] utf8, ReadCounters counters, ReadLimits? limits = null, string what = "The credential")
    {
        limits ??= ReadLimits.Default;
        Scan(utf8, counters, limits, what);
        try
        {
            return JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { MaxDepth = limits.MaxJsonDepth + 1, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            // The scan passed, so the text is well-formed: what is left to refuse is a repeated property name.
            throw new FormatException($"{what} names the same property twice in one object; which value counts would be a guess, so it is refused.");
        }
    }

    private static void Scan(ReadOnlySpan<byte> utf8, ReadCounters counters, ReadLimits limits, string what)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = limits.MaxJsonDepth + 2 });
        var arrays = new Stack<int>(); // the length so far of each open array; -1 for an open object
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Value();
                        var depth = reader.CurrentDepth + 1;
                        counters.Deeper(depth);
                        if (depth > limits.MaxJsonDepth)
                        {
                            throw new FormatException($"{what} nests deeper than {limits.MaxJsonDepth} levels.");
                        }

                        arrays.Push(reader.TokenType == JsonTokenType.StartArray ? 0 : -1);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        arrays.Pop();
                        break;
                    case JsonTokenType.Number:
                        Value();
                        Number(ref reader, what);
                        break;
                    case JsonTokenType.String or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                        Value();
                        break;
                }
            }
        }
        catch (JsonException)
        {
            throw new FormatException($"{what} is not valid JSON.");
        }

        void Value()
        {
            if (counters.Node() > limits.MaxJsonNodes)
            {
                throw new FormatException($"{what} holds more than {limits.MaxJsonNodes:N0} values.");
            }

            if (arrays.TryPeek(out var length) && length >= 0)
            {
                arrays.Pop();
                arrays.Push(++length);
                counters.Array(length);
                if (length > limits.MaxArrayLength)
                {
                    throw new FormatException($"{what} has a list of more than {limits.MaxArrayLength} items.");
                }
            }
        }
    }

    private static void Number(ref Utf8JsonReader reader, string what)
    {
        var text = Encoding.UTF8.GetString(reader.ValueSpan);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || Math.Abs(value) > MaxSafeInteger)
        {
            throw new FormatException($"{what} holds the number {(text.Length > 24 ? text[..24] + "…" : text)}, outside the range of ±2^53 that JSON numbers can be trusted to carry.");
        }
    }
}
