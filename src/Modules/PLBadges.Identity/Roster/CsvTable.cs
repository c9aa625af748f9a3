using System.Text;

namespace PLBadges.Identity.Roster;

/// <summary>
/// Reads CSV as RFC 4180 writes it (quoted fields, doubled quotes, line breaks inside quotes), with a
/// comma or semicolon separator taken from the header line. Each record keeps the line it starts on.
/// </summary>
public static class CsvTable
{
    public sealed record Record(int Line, IReadOnlyList<string> Fields);

    public static List<Record> Parse(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var headerEnd = text.IndexOfAny(['\r', '\n']);
        var header = headerEnd < 0 ? text : text[..headerEnd];
        var separator = header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : ',';

        var records = new List<Record>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var fieldStarted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            if (c == '"' && !fieldStarted)
            {
                quoted = true;
                fieldStarted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldStarted = false;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                records.Add(new Record(recordLine, fields));
                fields = [];
                field.Clear();
                fieldStarted = false;
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
                fieldStarted = true;
            }
        }

        if (quoted)
        {
            throw new FormatException($"Line {recordLine}: a quoted field is not closed.");
        }

        if (fieldStarted || fields.Count > 0 || field.Length > 0)
        {
            fields.Add(field.ToString());
            records.Add(new Record(recordLine, fields));
        }

        return records.Where(r => r.Fields.Any(f => !string.IsNullOrWhiteSpace(f))).ToList();
    }
}
