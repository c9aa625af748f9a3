using System.Globalization;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PLBadges.Abstractions.Display;

/// <summary>The time zone the person reading a page reads times in: their school's, else their district's or state's; UTC for a visitor or the platform's admin.</summary>
public interface IViewerTimeZone
{
    Task<TimeZoneInfo> ZoneAsync(CancellationToken cancellationToken = default);
}

/// <summary>An instant as people read it: "4 December 2026, 2:30 PM Central Standard Time", always with the zone named.</summary>
public static class LocalTimeText
{
    public const string DateAndTime = "d MMMM yyyy, h:mm tt";

    public static string Format(DateTime utc, TimeZoneInfo zone, string format = DateAndTime)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return local.ToString(format, CultureInfo.InvariantCulture) + " " + ZoneName(zone, local);
    }

    /// <summary>The zone's name at that local time (its daylight name in summer), or "UTC".</summary>
    public static string ZoneName(TimeZoneInfo zone, DateTime local) =>
        zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC" ? "UTC" : zone.IsDaylightSavingTime(local) ? zone.DaylightName : zone.StandardName;

    /// <summary>The zone's name all year ("Central Time" for "Central Standard Time"), for a clock hour that holds through daylight saving.</summary>
    public static string GenericName(TimeZoneInfo zone) =>
        zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC" ? "UTC"
            : zone.StandardName.EndsWith(" Standard Time", StringComparison.Ordinal) ? zone.StandardName[..^" Standard Time".Length] + " Time" : zone.StandardName;

    /// <summary>An hour of the day as a clock shows it: "12 AM (midnight)", "2 AM", "12 PM (noon)", "11 PM".</summary>
    public static string Hour(int hour) => hour switch
    {
        0 => "12 AM (midnight)",
        12 => "12 PM (noon)",
        < 12 => $"{hour} AM",
        _ => $"{hour - 12} PM",
    };
}

/// <summary>
/// <c>&lt;local-time at="@utc" /&gt;</c>: a stored UTC instant in the reader's own time zone with the zone named, as a
/// <c>&lt;time&gt;</c> element whose <c>datetime</c> carries the instant itself. <c>format</c> is a .NET date format
/// (default "4 December 2026, 2:30 PM").
/// </summary>
[HtmlTargetElement("local-time", TagStructure = TagStructure.WithoutEndTag)]
public sealed class LocalTimeTagHelper(IViewerTimeZone viewer) : TagHelper
{
    public DateTime At { get; set; }

    public string Format { get; set; } = LocalTimeText.DateAndTime;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var utc = DateTime.SpecifyKind(At, DateTimeKind.Utc);
        output.TagName = "time";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("datetime", utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        output.Content.SetContent(LocalTimeText.Format(utc, await viewer.ZoneAsync()));
    }
}
