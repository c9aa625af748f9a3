namespace PLBadges.Data.Outbox;

/// <summary>A domain event waiting to be handed to the modules that handle it.</summary>
internal sealed class OutboxMessage
{
    public long Id { get; set; }

    public Guid MessageId { get; set; }

    /// <summary>"Namespace.Type, Assembly" of the event record.</summary>
    public required string Type { get; set; }

    public required string Payload { get; set; }

    public DateTime OccurredAt { get; set; }

    public DateTime? DispatchedAt { get; set; }

    public int Attempts { get; set; }

    public DateTime? NextAttemptAt { get; set; }

    /// <summary>While set and in the future, one dispatcher owns the message; others pass it by.</summary>
    public DateTime? LeasedUntil { get; set; }

    /// <summary>Which dispatcher run took the lease, so a run that leases many messages at once can tell which it won.</summary>
    public Guid? LeaseToken { get; set; }

    public string? LastError { get; set; }
}

/// <summary>Proof that one handler has handled one event, saved in the handler's own transaction.</summary>
internal sealed class ProcessedEvent
{
    public Guid MessageId { get; set; }

    public required string Handler { get; set; }

    public DateTime ProcessedAt { get; set; }
}
