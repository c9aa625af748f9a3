using PLBadges.Abstractions.Events;

namespace PLBadges.Credentials.Contracts;

/// <summary>
/// Another module says a person has earned something it recognises (an academy completed, say):
/// Credentials issues them an Open Badges 3.0 credential for it, once per person and
/// <paramref name="AwardKey"/>, signed with the issuing district's key.
/// </summary>
/// <param name="AwardKey">What is awarded, unique per recipient, such as "academy:{cohort id}".</param>
/// <param name="AchievementId">The achievement's URI (a URN when no page describes it).</param>
/// <param name="AchievementType">An OB 3.0 achievement type, such as LearningProgram.</param>
/// <param name="Criteria">How it is earned, in Markdown: the achievement's criteria narrative.</param>
/// <param name="Evidence">What this recipient did, in Markdown: the credential's evidence narrative.</param>
public sealed record AchievementAwarded(
    string AwardKey,
    Guid IssuerId,
    Guid RecipientId,
    string AchievementId,
    string AchievementType,
    string Name,
    string Description,
    string Criteria,
    string Evidence,
    decimal Hours,
    DateTime AwardedAt) : IDomainEvent;

/// <summary>A credential was issued: modules that count earned learning (an academy's required learning) look again.</summary>
public sealed record CredentialIssued(
    string CredentialId,
    Guid RecipientId,
    Guid IssuerId,
    Guid? MicroCredentialId,
    Guid? PathwayId,
    DateTime IssuedAt) : IDomainEvent;
