namespace PLBadges.Coaching.Contracts;

/// <summary>Who takes part in coaching, for modules that count engagement.</summary>
public interface ICoachingParticipation
{
    /// <summary>Those of the teachers who are, or have been, in a coaching cycle that was not cancelled.</summary>
    Task<IReadOnlySet<Guid>> InCyclesAsync(IEnumerable<Guid> teacherIds, CancellationToken cancellationToken = default);
}
