namespace PLBadges.Abstractions.Rules;

/// <summary>
/// A change the rules refuse, with the reason in words the person who asked can act on, and the
/// form field it concerns when there is one. Throw it from anywhere in a handler: the host's
/// refusal filters turn it into the page shown again with the message at the field (422), or an
/// <c>application/problem+json</c> answer (422), and nothing of the refused change is saved.
/// </summary>
public class RuleException(string message, string? field = null) : Exception(message)
{
    /// <summary>The form field (model-state key, such as <c>Input.StartsOn</c>) the reason belongs to; null for the whole form.</summary>
    public string? Field { get; } = field;
}

/// <summary>
/// A page whose changes can be refused: when a handler throws <see cref="RuleException"/>, the
/// refusal filter forgets the unit of work, puts the reason at its field and calls
/// <see cref="ReloadAsync"/> to load what the page shows (never the form's own values, which stay
/// as the person typed them) before showing the page again.
/// </summary>
public interface IRefusablePage
{
    /// <summary>Loads what the page shows; false when the person may no longer see it (404).</summary>
    Task<bool> ReloadAsync(CancellationToken cancellationToken);
}
