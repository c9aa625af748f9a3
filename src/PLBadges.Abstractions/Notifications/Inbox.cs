namespace PLBadges.Abstractions.Notifications;

/// <summary>
/// A message for a person inside the site (beside the email): "Your submission passed". Added in the
/// same unit of work as the change it reports; the key makes a repeat a no-op.
/// </summary>
public interface IInbox
{
    Task AddAsync(Guid personId, string text, string href, string idempotencyKey, CancellationToken cancellationToken = default);
}

/// <summary>How many of a person's in-site messages are unread, for the count in the site's header.</summary>
public interface IUnreadNotifications
{
    /// <summary>The page where the person reads them.</summary>
    string Href { get; }

    /// <summary>The number of unread messages, counted up to <paramref name="atMost"/> (the header shows "99+" past that).</summary>
    Task<int> CountAsync(Guid personId, int atMost, CancellationToken cancellationToken = default);
}
