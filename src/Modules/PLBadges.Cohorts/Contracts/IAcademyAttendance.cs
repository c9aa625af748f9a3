namespace PLBadges.Cohorts.Contracts;

/// <summary>One academy session a person attended (marked present), with its length in hours.</summary>
public sealed record AttendedSession(Guid SessionId, Guid CohortId, string Academy, string Title, DateTime StartUtc, decimal Hours);

/// <summary>The academy sessions people attended: for transcripts and for recognising academy hours.</summary>
public interface IAcademyAttendance
{
    /// <summary>The sessions the person was marked present at, oldest first.</summary>
    Task<IReadOnlyList<AttendedSession>> AttendedByAsync(Guid personId, CancellationToken cancellationToken = default);
}
