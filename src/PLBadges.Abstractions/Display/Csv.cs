using System.Globalization;
using System.Text;

namespace PLBadges.Abstractions.Display;

/// <summary>
/// Writes RFC 4180 CSV: a header row and data rows, every field quoted when it holds a comma, a
/// quote or a line break. A field that a spreadsheet would run as a formula (=, +, -, @ first) is
/// prefixed with an apostrophe.
/// </summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var text = new StringBuilder();
        Line(text, header);
        foreach (var row in rows)
        {
            Line(text, row.Select(Format).ToList());
        }

        return text.ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static void Line(StringBuilder text, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            var field = fields[i];
            if (field.Length > 0 && field[0] is '=' or '+' or '@' || (field.Length > 1 && field[0] == '-' && !char.IsDigit(field[1])))
            {
                field = "'" + field;
            }

            text.Append(field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field);
        }

        text.Append("\r\n");
    }
}
