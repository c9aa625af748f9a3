namespace PLBadges.Pathways.Contracts;

/// <summary>
/// Asked before a micro-credential is published: would the credentials issued for it be valid? The
/// module that issues credentials (Credentials) implements it, which Pathways cannot know of without a
/// cycle; so the interface is Pathways' own, and with no implementation registered there is no check.
/// </summary>
public interface IAchievementPublishingCheck
{
    /// <summary>What would be wrong with a credential built from the content, in words for its author; empty when nothing.</summary>
    IReadOnlyList<string> Problems(string slug, MicroCredentialContent content);
}
