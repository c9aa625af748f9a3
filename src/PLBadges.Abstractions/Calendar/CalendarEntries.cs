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
