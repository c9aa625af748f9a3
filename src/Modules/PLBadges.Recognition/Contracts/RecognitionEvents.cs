using PLBadges.Abstractions.Events;

namespace PLBadges.Recognition.Contracts;

/// <summary>A recognition application was decided (approved by rule or by a reviewer, or declined): the licensure feed and webhooks follow it.</summary>
public sealed record RecognitionDecided(Guid ApplicationId, Guid StateId, Guid PersonId, bool Approved, DateTime DecidedAt) : IDomainEvent;
