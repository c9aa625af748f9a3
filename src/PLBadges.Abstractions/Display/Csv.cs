using System.Globalization;
using System.Text;

namespace PLBadges.Abstractions.Display;

/// <summary>How <see cref="Csv"/> treats text that a spreadsheet would run as a formula.</summary>
public enum CsvMode
{
    /// <summary>For people's spreadsheets: such text is written with a leading apostrophe (OWASP's advice), so it shows as text.</summary>
    Spreadsheet,

    /// <summary>For machine formats (a state's upload): every value is written exactly, and such text is refused (a <see cref="CsvFormulaException"/>).</summary>
    Exact,
}

/// <summary>A text value a machine format cannot carry safely, named by its row and column.</summary>
public sealed class CsvFormulaException(int row, string column, string value)
    : FormatException($"Row {row}, column \"{column}\": \"{value}\" starts like a spreadsheet formula (=, +, -, @, a tab or a carriage return), which this format cannot carry.")
{
    /// <summary>The data row, counting from 1 (the header is not counted).</summary>
    public int Row { get; } = row;

    public string Column { get; } = column;
}

/// <summary>
/// Writes RFC 4180 CSV: a header row and data rows, every field quoted when it holds a comma, a
/// quote or a line break. Numbers (int, long, decimal, double and the other numeric types) are
/// written as numbers, invariantly, a minus sign and all. Text starting with =, +, -, @, a tab or a
/// carriage return is what spreadsheets run as a formula (DDE included, such as
/// <c>-1+1+cmd|' /C calc'!A0</c>): in <see cref="CsvMode.Spreadsheet"/> it gets a leading apostrophe; in
/// <see cref="CsvMode.Exact"/> it is refused. This is the site's one CSV writer.
/// </summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows, CsvMode mode = CsvMode.Spreadsheet)
    {
        var text = new StringBuilder(HeaderLine(header, mode));
        var number = 0;
        foreach (var row in rows)
        {
            text.Append(RowLine(header, row, ++number, mode));
        }

        return text.ToString();
    }

    /// <summary>The header row, with its line break, for a file written a row at a time (streamed).</summary>
    public static string HeaderLine(IReadOnlyList<string> header, CsvMode mode = CsvMode.Spreadsheet)
    {
        var text = new StringBuilder();
        Line(text, header.Select(h => Field(h, mode, 0, h)).ToList());
        return text.ToString();
    }

    /// <summary>
    /// One data row (<paramref name="number"/> counts from 1), with its line break. In <see cref="CsvMode.Exact"/> a value
    /// that would need escaping throws <see cref="CsvFormulaException"/> before anything of the row is written, so a
    /// streamed file can refuse that row alone.
    /// </summary>
    public static string RowLine(IReadOnlyList<string> header, IReadOnlyList<object?> row, int number, CsvMode mode = CsvMode.Spreadsheet)
    {
        var text = new StringBuilder();
        Line(text, row.Select((value, i) => Field(value, mode, number, i < header.Count ? header[i] : $"#{i + 1}")).ToList());
        return text.ToString();
    }

    /// <summary>True for text a spreadsheet would take as the start of a formula.</summary>
    public static bool LooksLikeFormula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static string Field(object? value, CsvMode mode, int row, string column)
    {
        switch (value)
        {
            case null:
                return "";
            case int or long or short or byte or sbyte or uint or ulong or ushort or decimal:
                return ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture);
            case double or float when double.IsFinite(Convert.ToDouble(value, CultureInfo.InvariantCulture)):
                return ((IFormattable)value).ToString("R", CultureInfo.InvariantCulture);
        }

        var text = value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value.ToString() ?? "";
        if (!LooksLikeFormula(text))
        {
            return text;
        }

        return mode == CsvMode.Exact ? throw new CsvFormulaException(row, column, text) : "'" + text;
    }

    private static void Line(StringBuilder text, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            var field = fields[i];
            text.Append(field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field);
        }

        text.Append("\r\n");
    }
}
