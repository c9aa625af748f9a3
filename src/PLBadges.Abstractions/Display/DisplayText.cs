using System.Globalization;
using System.Text;

namespace PLBadges.Abstractions.Display;

/// <summary>
/// Names people and files are shown by (file names of uploads, people's names from forms, rosters
/// and recipes), cleaned once where they arrive: bidirectional controls removed, so
/// "invoice\u202Efdp.txt" cannot show as "invoicetxt.pdf"; line breaks, tabs and other control
/// characters turned into spaces, so a name cannot add lines to an email or a CSV row; runs of
/// spaces made one, and the ends trimmed.
/// </summary>
public static class DisplayText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var clean = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (IsBidiControl(c))
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                space = clean.Length > 0;
                continue;
            }

            if (space)
            {
                clean.Append(' ');
                space = false;
            }

            clean.Append(c);
        }

        return clean.ToString();
    }

    /// <summary>The explicit directional marks, embeddings, overrides and isolates of Unicode's bidi algorithm (UAX #9).</summary>
    public static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
