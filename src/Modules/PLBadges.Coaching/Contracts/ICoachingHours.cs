namespace PLBadges.Coaching.Contracts;

/// <summary>Hours of coaching a teacher took part in (meetings held, not cancelled), for recognition to count.</summary>
public interface ICoachingHours
{
    Task<decimal> HoursAsync(Guid teacherId, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default);
}
