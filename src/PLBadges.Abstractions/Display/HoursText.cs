using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Html;

namespace PLBadges.Abstractions.Display;

/// <summary>
/// Hours as people read them: "50 min", "1 h", "17 h 50 min", rounded to the nearest minute (half a
/// minute rounds up, so 59.5 minutes is "1 h"). Every page a teacher, coach or admin reads shows hours
/// this way; files and APIs other systems read (state exports, the licensure API, CSV and JSON
/// downloads) keep their decimal hours, which are a contract.
/// </summary>
public static class HoursText
{
    public static string Of(decimal hours)
    {
        var minutes = (long)Math.Round(Math.Abs(hours) * 60m, MidpointRounding.AwayFromZero);
        var sign = hours < 0 && minutes > 0 ? "-" : "";
        var (h, m) = (minutes / 60, minutes % 60);
        return h == 0 ? $"{sign}{m} min"
            : m == 0 ? $"{sign}{h.ToString(CultureInfo.InvariantCulture)} h"
            : $"{sign}{h.ToString(CultureInfo.InvariantCulture)} h {m} min";
    }

    public static string Of(double hours) => Of((decimal)hours);

    /// <summary>The hours as text inside a <c>data</c> element whose value keeps the decimal figure for scripts and tests.</summary>
    public static IHtmlContent Data(decimal hours, string? id = null) =>
        new HtmlString($"<data{(id is null ? "" : $" id=\"{WebUtility.HtmlEncode(id)}\"")} value=\"{hours.ToString("0.####", CultureInfo.InvariantCulture)}\">{Of(hours)}</data>");

    public static IHtmlContent Data(double hours, string? id = null) => Data((decimal)hours, id);
}
