using PLBadges.Abstractions.Events;

namespace PLBadges.Cohorts.Contracts;

/// <summary>A facilitator (or an admin) recorded who was at an academy session.</summary>
public sealed record AcademyAttendanceRecorded(Guid SessionId, Guid CohortId, Guid DistrictId, DateTime RecordedAt) : IDomainEvent;
