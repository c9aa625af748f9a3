using PLBadges.Abstractions.Events;

namespace PLBadges.Evidence.Contracts;

/// <summary>
/// A teacher's submission passed review: the credentials module issues the badge from this. The
/// version is the one the teacher worked against; the district is the one whose coaches decided.
/// </summary>
public sealed record MicroCredentialPassed(
    Guid SubmissionId,
    Guid TeacherId,
    Guid DistrictId,
    Guid? SchoolId,
    Guid MicroCredentialId,
    Guid VersionId,
    int Attempt,
    DateTime PassedAt) : IDomainEvent;
