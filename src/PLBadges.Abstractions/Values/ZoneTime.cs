using System.Globalization;

namespace PLBadges.Abstractions.Values;

/// <summary>What the clock-change rule did to a local time.</summary>
public enum ClockChange
{
    /// <summary>The time exists once: nothing to resolve.</summary>
    None,

    /// <summary>The clocks skip this time (spring forward): it was moved forward by the gap.</summary>
    Skipped,

    /// <summary>The clocks show this time twice (fall back): the first of the two was taken.</summary>
    Repeated,
}

/// <summary>A local time as UTC, and what the clock-change rule did to it.</summary>
public sealed record ZonedInstant(DateTime Utc, ClockChange Change);

/// <summary>
/// Local times in a time zone as UTC, with one rule for the times a clock change makes awkward,
/// used by every module that turns a typed local time into an instant (coaching, academies):
/// a time the clocks skip (2:30 on the morning they spring forward) moves forward by the gap (3:30);
/// a time the clocks show twice (1:30 on the morning they fall back) means its first occurrence,
/// at the offset in force before the change.
/// </summary>
public static class ZoneTime
{
    public static ZonedInstant ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        // The arithmetic below needs a day of room on either side of DateTime's range; callers check FieldRanges first.
        if (date <= DateOnly.MinValue.AddDays(1) || date >= DateOnly.MaxValue.AddDays(-1))
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, "The date is outside the range local times can be converted in.");
        }

        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Skipped: keep the offset of the moment before the gap, which lands the time after it by the gap's length.
            var before = zone.GetUtcOffset(local.AddDays(-1));
            return new(DateTime.SpecifyKind(local - before, DateTimeKind.Utc), ClockChange.Skipped);
        }

        if (zone.IsAmbiguousTime(local))
        {
            // Repeated: the larger offset is the one before the change, and gives the earlier instant.
            var first = zone.GetAmbiguousTimeOffsets(local).Max();
            return new(DateTime.SpecifyKind(local - first, DateTimeKind.Utc), ClockChange.Repeated);
        }

        return new(TimeZoneInfo.ConvertTimeToUtc(local, zone), ClockChange.None);
    }

    /// <summary>A stored UTC time in the zone's local time.</summary>
    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>A sentence for people when the rule moved their time, or null.</summary>
    public static string? Explain(ZonedInstant instant, TimeOnly typed, TimeZoneInfo zone) => instant.Change switch
    {
        ClockChange.Skipped => $"{Clock(typed)} does not exist that day (the clocks go forward), so it is {Clock(TimeOnly.FromDateTime(ToLocal(instant.Utc, zone)))}.",
        ClockChange.Repeated => $"{Clock(typed)} happens twice that day (the clocks go back); the first one is meant.",
        _ => null,
    };

    private static string Clock(TimeOnly time) => time.ToString("h:mm tt", CultureInfo.InvariantCulture);
}
