namespace PLBadges.Recognition.Licensure;

/// <summary>The programme a decision was made under: its kind ("renewal" or "advancement") and the version of its rules.</summary>
public sealed record ProgrammeReference(Guid Id, string Name, string Kind, int Version);

/// <summary>One credential or activity a decision recognised, with the units it earned (renewal).</summary>
public sealed record RecognisedItem(string Name, string Kind, string? Credential, string? Issuer, decimal Hours, decimal Units, bool Endorsed, DateOnly EarnedOn);

/// <summary>
/// One decision on an educator's application, as a state's licensure system receives it: approved or
/// declined, the units granted for renewal (or the advancement step), and what was recognised.
/// </summary>
public sealed record RecognitionResponse(
    Guid Id,
    string EducatorNumber,
    string EducatorName,
    string District,
    string Decision,
    bool ByRule,
    ProgrammeReference Programme,
    decimal Units,
    string UnitName,
    string? Step,
    DateOnly CycleStart,
    DateTime DecidedAt,
    IReadOnlyList<RecognisedItem> Items);

/// <summary>A page of the feed: decisions after the cursor given, oldest first; ask again with <c>since=next</c> (it is opaque).</summary>
public sealed record RecognitionFeedPage(IReadOnlyList<RecognitionResponse> Items, string Next, bool More);

/// <summary>One delivery of a webhook, with its attempts.</summary>
public sealed record WebhookDeliveryResponse(Guid Id, string Event, string IdempotencyKey, DateTime CreatedAt, int Attempts, DateTime? DeliveredAt, DateTime? GaveUpAt, int? LastStatus, string? LastError, DateTime? NextAttemptAt);
