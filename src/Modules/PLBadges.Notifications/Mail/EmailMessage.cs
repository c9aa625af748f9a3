namespace PLBadges.Notifications.Mail;

/// <summary>
/// One email in the mail outbox: rendered when queued, saved with the change that caused it, and
/// sent by <see cref="MailSender"/>. SentAt marks it done; a lease keeps two nodes from sending it at once.
/// </summary>
internal sealed class EmailMessage
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public string? IdempotencyKey { get; set; }

    public required string Template { get; set; }

    public Guid? OrganizationId { get; set; }

    public required string To { get; set; }

    public required string Subject { get; set; }

    public required string TextBody { get; set; }

    /// <summary>The attachments as JSON (a list of <see cref="PLBadges.Abstractions.Notifications.EmailAttachment"/>), or null.</summary>
    public string? Attachments { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? SentAt { get; set; }

    public DateTime? LeasedUntil { get; set; }

    public int Attempts { get; set; }

    public DateTime? NextAttemptAt { get; set; }

    public string? LastError { get; set; }
}

/// <summary>A district's own wording of a template.</summary>
internal sealed class EmailTemplateOverride
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid OrganizationId { get; set; }

    public required string Template { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public DateTime UpdatedAt { get; set; }

    public Guid? UpdatedBy { get; set; }
}
