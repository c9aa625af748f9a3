namespace PLBadges.Abstractions.Calendar;

/// <summary>
/// One event on a person's calendar feed. The Uid is stable for the life of the event and Sequence
/// rises with each change, so a calendar app updates the event it already has instead of adding another.
/// </summary>
public sealed record CalendarEntry(
    string Uid,
    string Title,
    DateTime StartUtc,
    DateTime EndUtc,
    int Sequence,
    string? Location = null,
    string? Description = null,
    string? Url = null,
    bool Cancelled = false);

/// <summary>
/// A module's events for a person's private calendar feed (coaching meetings, academy sessions,
/// submission deadlines). The feed asks every source; a source answers only for that person.
/// </summary>
public interface ICalendarSource
{
    Task<IReadOnlyList<CalendarEntry>> EntriesAsync(Guid personId, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken);
}

/// <summary>Someone an invitation names: its organizer or an attendee.</summary>
public sealed record Invitee(string Name, string Email);

/// <summary>
/// Writes the iCalendar invitation (METHOD:REQUEST, or CANCEL for a cancelled entry) that goes with
/// an invitation email, so a module's events arrive in calendars as coaching meetings do.
/// </summary>
public interface IInvitationWriter
{
    string Invitation(CalendarEntry entry, Invitee organizer, IReadOnlyList<Invitee> attendees, DateTime stampUtc);
}
