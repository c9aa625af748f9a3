using System.Text.Json;
using PLBadges.Abstractions.Events;

namespace PLBadges.Data.Outbox;

/// <summary>Writes events into the current DbContext, so they commit with the change they describe.</summary>
internal sealed class EventOutbox(PLBadgesDbContext db, TimeProvider clock) : IEventOutbox
{
    public void Add(IDomainEvent domainEvent)
    {
        var type = domainEvent.GetType();
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            MessageId = Guid.NewGuid(),
            Type = $"{type.FullName}, {type.Assembly.GetName().Name}",
            Payload = JsonSerializer.Serialize(domainEvent, type, OutboxJson.Options),
            OccurredAt = clock.GetUtcNow().UtcDateTime,
        });
    }
}

internal static class OutboxJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
