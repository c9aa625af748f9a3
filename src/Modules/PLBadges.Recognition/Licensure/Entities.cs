namespace PLBadges.Recognition.Licensure;

/// <summary>
/// One decision in the licensure feed. <see cref="Sequence"/> is handed out by one writer at a time
/// (under a database lock, committed before the next is taken), so a reader that has seen a
/// sequence has seen every smaller one: paging by it skips nothing and repeats nothing.
/// </summary>
internal sealed class RecognitionRecord
{
    public long Sequence { get; set; }

    public Guid ApplicationId { get; set; }

    public Guid StateId { get; set; }

    public Guid DistrictId { get; set; }

    public Guid PersonId { get; set; }

    public required string EducatorNumber { get; set; }

    public bool Approved { get; set; }

    public DateTime DecidedAt { get; set; }

    /// <summary>The decision as the API gives it (<see cref="RecognitionResponse"/> as JSON), written once.</summary>
    public required string PayloadJson { get; set; }
}

/// <summary>One call of the licensure API by a machine client: who, what, and what it was answered.</summary>
internal sealed class LicensureCall
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string ClientId { get; set; }

    public Guid? StateId { get; set; }

    public required string Method { get; set; }

    public required string Path { get; set; }

    public int Status { get; set; }

    public int Returned { get; set; }

    public DateTime At { get; set; }
}

/// <summary>A state's webhook: decisions are posted to the URL, signed with the secret (kept as Data Protection ciphertext).</summary>
internal sealed class WebhookSubscription
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid StateId { get; set; }

    public required string Url { get; set; }

    public required string ProtectedSecret { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid CreatedBy { get; set; }

    public DateTime? DisabledAt { get; set; }
}

/// <summary>One event for one subscription, tried until delivered (a 2xx answer) or given up.</summary>
internal sealed class WebhookDelivery
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid SubscriptionId { get; set; }

    public Guid StateId { get; set; }

    public required string Event { get; set; }

    /// <summary>The same for every attempt, sent as a header: a receiver that has seen it ignores a repeat.</summary>
    public required string IdempotencyKey { get; set; }

    public required string Body { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public DateTime? LeasedUntil { get; set; }

    public DateTime? DeliveredAt { get; set; }

    public DateTime? GaveUpAt { get; set; }

    public int? LastStatus { get; set; }

    public string? LastError { get; set; }
}

/// <summary>One attempt at a delivery: the delivery log a state reads.</summary>
internal sealed class WebhookAttempt
{
    public Guid DeliveryId { get; set; }

    public int Number { get; set; }

    public DateTime At { get; set; }

    public int? Status { get; set; }

    public string? Error { get; set; }

    public int Milliseconds { get; set; }
}

/// <summary>
/// A state's decisions in one month, per unit name (renewal points, clock hours; "" for advancements):
/// kept with the feed, by its one writer, so the dashboard reads a dozen rows instead of every application.
/// </summary>
internal sealed class DecisionTally
{
    public Guid StateId { get; set; }

    public DateOnly Month { get; set; }

    public string UnitName { get; set; } = "";

    public int Approved { get; set; }

    public int Declined { get; set; }

    public int ByRule { get; set; }

    public decimal Units { get; set; }
}

/// <summary>How many of a state's decisions in a month a reviewer made after so many whole days: the median time to decision, without reading every application.</summary>
internal sealed class DecisionDays
{
    public Guid StateId { get; set; }

    public DateOnly Month { get; set; }

    public int Days { get; set; }

    public int Count { get; set; }
}
