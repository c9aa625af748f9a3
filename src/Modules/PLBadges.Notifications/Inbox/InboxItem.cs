using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Notifications;
using PLBadges.Data;

namespace PLBadges.Notifications.Inbox;

/// <summary>A message for one person inside the site.</summary>
internal sealed class InboxItem
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public string Text { get; set; } = "";

    public string Href { get; set; } = "";

    public string IdempotencyKey { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }
}

internal sealed class SiteInbox(PLBadgesDbContext db, TimeProvider clock) : IInbox
{
    public async Task AddAsync(Guid personId, string text, string href, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        if (db.Set<InboxItem>().Local.Any(i => i.IdempotencyKey == idempotencyKey)
            || await db.Set<InboxItem>().AnyAsync(i => i.IdempotencyKey == idempotencyKey, cancellationToken))
        {
            return;
        }

        db.Add(new InboxItem
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            Text = text.Length > 500 ? text[..500] : text,
            Href = href,
            IdempotencyKey = idempotencyKey,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
    }
}

internal sealed class UnreadNotifications(PLBadgesDbContext db) : IUnreadNotifications
{
    public string Href => "/me/notifications";

    public Task<int> CountAsync(Guid personId, int atMost, CancellationToken cancellationToken = default) =>
        db.Set<InboxItem>().Where(i => i.PersonId == personId && i.ReadAt == null).Take(atMost).CountAsync(cancellationToken);
}
