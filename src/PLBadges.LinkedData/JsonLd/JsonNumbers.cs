using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PLBadges.LinkedData.JsonLd;

/// <summary>
/// Numbers exactly as jsonld.js (JavaScript) sees and prints them, because a signature covers the printed
/// form: a JSON number is read as the nearest double, whatever .NET type held it, and printed with
/// JavaScript's toFixed(0), toExponential(15) and Number.prototype.toString rules, computed exactly.
/// </summary>
internal static class JsonNumbers
{
    private static readonly double OneE21 = 1e21;

    /// <summary>The double that JavaScript's JSON.parse gives for this value's JSON text.</summary>
    public static double ToDouble(JsonValue value) => value.GetValue<object>() switch
    {
        JsonElement element => Parse(element.GetRawText()),
        int i => i,
        long l => l,
        double d => d,
        // decimal, float and the rest are read back from the JSON text the serializer writes for them, as a
        // verifier would: (double)0.1f is not the double that "0.1" means.
        _ => Parse(value.ToJsonString()),
    };

    private static double Parse(string text)
    {
        var number = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(number))
        {
            throw new JsonLdException(JsonLdErrors.InvalidValueObjectValue, $"The number {text} is too large to be represented.");
        }
        return number;
    }

    /// <summary>
    /// jsonld.js's test for a "double" (types.isDouble): String(v) has a decimal point, or |v| ≥ 1e21. Note that
    /// 1e-7 prints as "1e-7" in JavaScript, so jsonld.js treats it as an integer (and writes "0"); we do the
    /// same, since a signature must match what the verifiers compute.
    /// </summary>
    public static bool IsDouble(double value)
    {
        var magnitude = Math.Abs(value);
        if (magnitude >= OneE21)
        {
            return true;
        }
        if (magnitude >= 1e-6)
        {
            return value != Math.Floor(value);
        }
        return magnitude != 0 && ShortestDigits(magnitude).Digits.Length > 1;
    }

    /// <summary>JavaScript's value.toFixed(0), for |value| &lt; 1e21.</summary>
    public static string ToFixedZero(double value)
    {
        if (value == Math.Floor(value))
        {
            return new BigInteger(value).ToString(CultureInfo.InvariantCulture);
        }
        // Only values below 1e-6 reach here (see IsDouble): they round to zero, keeping a minus sign.
        return value < 0 ? "-0" : "0";
    }

    /// <summary>
    /// The canonical xsd:double form jsonld.js writes: value.toExponential(15) with trailing zeros of the
    /// mantissa removed (one digit kept after the point) and no "+" in the exponent, e.g. "6.5E0", "1.0E21".
    /// </summary>
    public static string ToCanonicalDouble(double value)
    {
        var (digits, exponent) = ExactDigits(Math.Abs(value), significantDigits: 16);
        var mantissa = digits.TrimEnd('0');
        var builder = new StringBuilder(24);
        if (value < 0)
        {
            builder.Append('-');
        }
        builder.Append(digits[0]).Append('.');
        builder.Append(mantissa.Length > 1 ? mantissa.AsSpan(1) : "0");
        builder.Append('E').Append(exponent.ToString(CultureInfo.InvariantCulture));
        return builder.ToString();
    }

    /// <summary>JavaScript's Number.prototype.toString (ECMAScript Number::toString), as JSON.stringify and JCS print numbers.</summary>
    public static string ToJavaScriptString(double value)
    {
        if (value == 0)
        {
            return "0";
        }
        var (digits, pointPosition) = ShortestDigits(Math.Abs(value));
        var k = digits.Length;
        var n = pointPosition;
        var builder = new StringBuilder(32);
        if (value < 0)
        {
            builder.Append('-');
        }
        if (k <= n && n <= 21)
        {
            builder.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            builder.Append(digits.AsSpan(0, n)).Append('.').Append(digits.AsSpan(n));
        }
        else if (-6 < n && n <= 0)
        {
            builder.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            builder.Append(digits[0]);
            if (k > 1)
            {
                builder.Append('.').Append(digits.AsSpan(1));
            }
            builder.Append('e').Append(n - 1 >= 0 ? "+" : "-").Append(Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    /// <summary>
    /// The shortest digits that read back as the value, and n such that the value is 0.DIGITS × 10^n (the
    /// ECMAScript convention). .NET's round-trip format gives the same shortest digits as JavaScript.
    /// </summary>
    private static (string Digits, int PointPosition) ShortestDigits(double magnitude)
    {
        var roundTrip = magnitude.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = roundTrip.IndexOfAny(['E', 'e']);
        var exponent = 0;
        var mantissa = roundTrip;
        if (exponentAt >= 0)
        {
            exponent = int.Parse(roundTrip.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = roundTrip[..exponentAt];
        }
        var point = mantissa.IndexOf('.');
        var integerPart = point < 0 ? mantissa : mantissa[..point];
        var fraction = point < 0 ? "" : mantissa[(point + 1)..];
        var all = integerPart + fraction;
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        var pointPosition = integerPart.Length - leadingZeros + exponent;
        return (digits.Length == 0 ? "0" : digits, pointPosition);
    }

    /// <summary>
    /// The first <paramref name="significantDigits"/> digits of the exact decimal value of a finite, non-negative
    /// double, rounded half up (toExponential's rule: of two nearest, the larger), and the decimal exponent of the first digit.
    /// </summary>
    private static (string Digits, int Exponent) ExactDigits(double magnitude, int significantDigits)
    {
        if (magnitude == 0)
        {
            return (new string('0', significantDigits), 0);
        }
        var bits = BitConverter.DoubleToInt64Bits(magnitude);
        var rawExponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        int binaryExponent;
        if (rawExponent == 0)
        {
            binaryExponent = -1074;
        }
        else
        {
            mantissa |= 1L << 52;
            binaryExponent = rawExponent - 1075;
        }
        // The exact value is DIGITS × 10^(-scale).
        string exact;
        int scale;
        if (binaryExponent >= 0)
        {
            exact = (new BigInteger(mantissa) << binaryExponent).ToString(CultureInfo.InvariantCulture);
            scale = 0;
        }
        else
        {
            exact = (new BigInteger(mantissa) * BigInteger.Pow(5, -binaryExponent)).ToString(CultureInfo.InvariantCulture);
            scale = -binaryExponent;
        }
        var exponent = exact.Length - 1 - scale;
        if (exact.Length <= significantDigits)
        {
            return (exact.PadRight(significantDigits, '0'), exponent);
        }
        var kept = BigInteger.Parse(exact.AsSpan(0, significantDigits), CultureInfo.InvariantCulture);
        if (exact[significantDigits] >= '5')
        {
            kept += 1;
        }
        var digits = kept.ToString(CultureInfo.InvariantCulture);
        if (digits.Length > significantDigits)
        {
            // 9.99…95 rounded up to 10.00…0
            digits = digits[..significantDigits];
            exponent++;
        }
        return (digits, exponent);
    }
}

/// <summary>JavaScript's parseFloat and the printing of its special values, for jsonld.js's xsd:double rule.</summary>
internal static class JavaScriptFloat
{
    private static readonly System.Text.RegularExpressions.Regex DecimalPrefix = new(
        @"^[+-]?(?:Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>parseFloat(text): the longest decimal prefix after leading white space, or NaN.</summary>
    public static double Parse(string text)
    {
        var start = 0;
        while (start < text.Length && (char.IsWhiteSpace(text[start]) || text[start] == '\uFEFF'))
        {
            start++;
        }
        var match = DecimalPrefix.Match(text[start..]);
        if (!match.Success)
        {
            return double.NaN;
        }
        var literal = match.Value;
        if (literal.EndsWith("Infinity", StringComparison.Ordinal))
        {
            return literal[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        }
        return double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>The canonical double form, with JavaScript's spelling of the values that have none.</summary>
    public static string ToCanonicalDouble(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "Infinity"
        : double.IsNegativeInfinity(value) ? "-Infinity"
        : JsonNumbers.ToCanonicalDouble(value);
}
