using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using PLBadges.Abstractions.Calendar;

namespace PLBadges.Coaching.Calendars;

/// <summary>
/// Writes iCalendar (RFC 5545) with Ical.Net: an invitation (METHOD:REQUEST), its cancellation
/// (METHOD:CANCEL), and a person's feed (METHOD:PUBLISH). Times are UTC, so every calendar app
/// shows them in its own person's zone.
/// </summary>
public static class ICalendarWriter
{
    public const string ProductId = "-//PLBadges//Coaching//EN";

    public static string Invitation(CalendarEntry entry, Invitee organizer, IReadOnlyList<Invitee> attendees, DateTime stampUtc)
    {
        var calendar = new Calendar { ProductId = ProductId, Method = entry.Cancelled ? "CANCEL" : "REQUEST" };
        var calendarEvent = ToEvent(entry, stampUtc);
        calendarEvent.Organizer = new Organizer("mailto:" + organizer.Email) { CommonName = organizer.Name };
        foreach (var attendee in attendees)
        {
            calendarEvent.Attendees.Add(new Attendee("mailto:" + attendee.Email)
            {
                CommonName = attendee.Name,
                Role = "REQ-PARTICIPANT",
                ParticipationStatus = "NEEDS-ACTION",
                Rsvp = false,
            });
        }

        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    public static string Feed(string name, IEnumerable<CalendarEntry> entries, DateTime stampUtc)
    {
        var calendar = new Calendar { ProductId = ProductId, Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var entry in entries)
        {
            calendar.Events.Add(ToEvent(entry, stampUtc));
        }

        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    private static CalendarEvent ToEvent(CalendarEntry entry, DateTime stampUtc)
    {
        var calendarEvent = new CalendarEvent
        {
            Uid = entry.Uid,
            Sequence = entry.Sequence,
            Summary = entry.Title,
            DtStart = new CalDateTime(DateTime.SpecifyKind(entry.StartUtc, DateTimeKind.Utc)),
            DtEnd = new CalDateTime(DateTime.SpecifyKind(entry.EndUtc, DateTimeKind.Utc)),
            DtStamp = new CalDateTime(DateTime.SpecifyKind(stampUtc, DateTimeKind.Utc)),
            Status = entry.Cancelled ? "CANCELLED" : "CONFIRMED",
            Transparency = "OPAQUE",
        };
        if (entry.Location is { Length: > 0 } location)
        {
            calendarEvent.Location = location;
        }

        if (entry.Description is { Length: > 0 } description)
        {
            calendarEvent.Description = description;
        }

        if (entry.Url is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            calendarEvent.Url = uri;
        }

        return calendarEvent;
    }
}

/// <summary>The invitations other modules send (academy sessions) are written as coaching's are.</summary>
internal sealed class ICalendarInvitations : IInvitationWriter
{
    public string Invitation(CalendarEntry entry, Invitee organizer, IReadOnlyList<Invitee> attendees, DateTime stampUtc) =>
        ICalendarWriter.Invitation(entry, organizer, attendees, stampUtc);
}
