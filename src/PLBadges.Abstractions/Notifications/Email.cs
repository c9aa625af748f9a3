namespace PLBadges.Abstractions.Notifications;

/// <summary>
/// A mail template a module ships. A district admin may override subject and body; both are Liquid.
/// Aliases name an old spelling of a field (such as "programme" for "program"), so a district's
/// wording written with the old name keeps rendering the same value.
/// </summary>
public sealed record EmailTemplateDefinition(string Name, string Description, string Subject, string Body, IReadOnlyList<string> Fields, IReadOnlyDictionary<string, string>? Aliases = null)
{
    /// <summary>The values with each alias set to its field's value (unless the model sets the alias itself).</summary>
    public Dictionary<string, object?> WithAliases(IReadOnlyDictionary<string, object?> model)
    {
        var values = new Dictionary<string, object?>(model);
        foreach (var (alias, field) in Aliases ?? new Dictionary<string, string>())
        {
            if (!values.ContainsKey(alias) && values.TryGetValue(field, out var value))
            {
                values[alias] = value;
            }
        }

        return values;
    }
}

/// <summary>
/// Queues an email in the same unit of work as the change that caused it (the mail outbox).
/// The message is rendered now, from the district's template when it has one, and sent by a background job.
/// </summary>
public interface IEmailOutbox
{
    /// <param name="template">The template name.</param>
    /// <param name="to">The recipient's address.</param>
    /// <param name="model">The values the template may use.</param>
    /// <param name="organizationId">The district (or school, or state) whose template applies; null for the platform's.</param>
    /// <param name="idempotencyKey">When given, a second message with the same key is not queued.</param>
    /// <param name="attachments">Files sent with the message (an invitation's .ics, for example).</param>
    Task QueueAsync(string template, string to, IReadOnlyDictionary<string, object?> model, Guid? organizationId, string? idempotencyKey = null, CancellationToken cancellationToken = default, IReadOnlyList<EmailAttachment>? attachments = null);
}

/// <summary>A file sent with an email. ContentType may carry parameters ("text/calendar; method=REQUEST").</summary>
public sealed record EmailAttachment(string FileName, string ContentType, string Content);
