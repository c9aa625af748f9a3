namespace PLBadges.Abstractions.Notifications;

/// <summary>
/// A message for a person inside the site (beside the email): "Your submission passed". Added in the
/// same unit of work as the change it reports; the key makes a repeat a no-op.
/// </summary>
public interface IInbox
{
    Task AddAsync(Guid personId, string text, string href, string idempotencyKey, CancellationToken cancellationToken = default);
}
