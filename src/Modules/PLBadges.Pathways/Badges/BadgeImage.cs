using System.Net;
using System.Text;

namespace PLBadges.Pathways.Badges;

/// <summary>
/// Badge artwork drawn from a pathway's colour and icon: a hexagon with the icon and the title on a
/// ribbon. The SVG carries its own text alternative (role="img" with a title and a description).
/// </summary>
public static class BadgeImage
{
    private static readonly Dictionary<string, string> IconPaths = new()
    {
        // A checklist: routines and schedules.
        ["routine"] = "M-26-30h52v60h-52z M-16-16l5 5l9-11 M6-14h14 M-16 2l5 5l9-11 M6 4h14 M-16 20h8 M6 20h14",
        // A prism splitting one beam into three: many means of learning.
        ["prism"] = "M0-32l30 52h-60z M-52 4h34 M18-6l34-14 M18 4h34 M18 14l34 14",
        // Three tiers.
        ["tiers"] = "M-34 22h68v10h-68z M-24 4h48v10h-48z M-14-14h28v10h-28z M-4-32h8v10h-8z",
        // A speech bubble with a raised voice.
        ["megaphone"] = "M-30-24h60v38h-30l-16 14v-14h-14z M-18-10h36 M-18 0h24",
    };

    /// <summary>The title's type size on the 256-pixel badge: never smaller, whatever the title's length.</summary>
    public const int TitleFontSize = 16;

    /// <summary>At most this many characters on a line of the title (what fits the ribbon in bold at <see cref="TitleFontSize"/>).</summary>
    public const int TitleLineLength = 18;

    /// <summary>At most this many lines of title; a longer title is shortened with an ellipsis (the full title is in the text alternative).</summary>
    public const int TitleLines = 3;

    private const int LineHeight = 19;

    public static string Svg(string title, string kind, string color, string icon)
    {
        var path = IconPaths.GetValueOrDefault(icon, IconPaths["prism"]);
        var lines = TitleOnBadge(title);
        var text = new StringBuilder();
        var shift = (lines.Count - 1) * LineHeight / 2;
        var y = 197 - shift;
        foreach (var line in lines)
        {
            text.Append($"<text x=\"128\" y=\"{y}\" text-anchor=\"middle\" font-family=\"system-ui, sans-serif\" font-size=\"{TitleFontSize}\" font-weight=\"700\" fill=\"{color}\">{WebUtility.HtmlEncode(line)}</text>");
            y += LineHeight;
        }

        var label = WebUtility.HtmlEncode($"{kind} badge: {title}");
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256" width="256" height="256" role="img" aria-labelledby="badge-title badge-desc">
            <title id="badge-title">{label}</title>
            <desc id="badge-desc">A hexagonal badge in {WebUtility.HtmlEncode(color)} with a {WebUtility.HtmlEncode(icon)} symbol and the words {WebUtility.HtmlEncode(title)}.</desc>
            <polygon points="128,8 232,68 232,188 128,248 24,188 24,68" fill="{color}"/>
            <polygon points="128,22 220,75 220,181 128,234 36,181 36,75" fill="none" stroke="#ffffff" stroke-width="3" opacity="0.85"/>
            <g transform="translate(128 100)" fill="none" stroke="#ffffff" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"><path d="{path}"/></g>
            <rect x="26" y="{178 - shift}" width="204" height="{(lines.Count * LineHeight) + 8}" rx="6" fill="#ffffff"/>
            {text}
            </svg>
            """;
    }

    /// <summary>
    /// The title as drawn on the badge, by rule: words wrapped at <see cref="TitleLineLength"/> characters; a word longer
    /// than a line broken with a hyphen; at most <see cref="TitleLines"/> lines, the last ending in an ellipsis when
    /// anything was left out. The type size never shrinks, so the title stays readable; the full title is in the
    /// image's text alternative.
    /// </summary>
    public static IReadOnlyList<string> TitleOnBadge(string title)
    {
        var words = new List<string>();
        foreach (var word in title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            while (rest.Length > TitleLineLength)
            {
                words.Add(rest[..(TitleLineLength - 1)] + "-");
                rest = rest[(TitleLineLength - 1)..];
            }

            words.Add(rest);
        }

        var lines = new List<string>();
        var current = "";
        foreach (var word in words)
        {
            if (current.Length > 0 && (current.Length + 1 + word.Length > TitleLineLength || current.EndsWith('-')))
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = current.Length == 0 ? word : current + " " + word;
            }
        }

        if (current.Length > 0)
        {
            lines.Add(current);
        }

        if (lines.Count > TitleLines)
        {
            lines = lines.Take(TitleLines).ToList();
            var last = lines[^1].TrimEnd('-');
            last = last.Length >= TitleLineLength ? last[..(TitleLineLength - 1)] : last;
            lines[^1] = last.TrimEnd(' ', ',', ';', ':', '-') + "…";
        }

        return lines;
    }
}
