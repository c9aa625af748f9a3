using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Notifications;
using PLBadges.Data;
using PLBadges.Notifications.Templates;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Notifications.Mail;

/// <summary>
/// Renders a message from the district's template (or the module's default) and adds it to the
/// current unit of work; nothing is sent until that unit of work commits.
/// </summary>
internal sealed class EmailOutbox(
    PLBadgesDbContext db,
    IEnumerable<EmailTemplateDefinition> templates,
    IOrganizationDirectory organizations,
    TemplateRenderer renderer,
    TimeProvider clock,
    SiteOrigin origin,
    ILogger<EmailOutbox> logger) : IEmailOutbox
{
    private readonly HashSet<string> queuedKeys = new(StringComparer.Ordinal);

    /// <summary>The wording found for a template and organization, for the rest of this unit of work (a sweep queues many alike).</summary>
    private readonly Dictionary<(string Template, Guid? OrganizationId), (string Subject, string Body)> wordings = [];

    public async Task QueueAsync(string template, string to, IReadOnlyDictionary<string, object?> model, Guid? organizationId, string? idempotencyKey = null, CancellationToken cancellationToken = default, IReadOnlyList<EmailAttachment>? attachments = null)
    {
        var definition = templates.FirstOrDefault(t => t.Name == template)
            ?? throw new InvalidOperationException($"No module defines the email template '{template}'.");
        // Keys queued in this unit of work are remembered here: scanning the change tracker (Local) for every
        // message detects changes across every tracked entity, and a sweep that queues thousands would crawl.
        // Only a remembered key is checked against the tracker (it may have been cleared since).
        if (idempotencyKey != null
            && ((queuedKeys.Contains(idempotencyKey) && db.Set<EmailMessage>().Local.Any(m => m.IdempotencyKey == idempotencyKey))
                || await db.Set<EmailMessage>().AnyAsync(m => m.IdempotencyKey == idempotencyKey, cancellationToken)))
        {
            return;
        }

        var values = definition.WithAliases(model);
        values["site_url"] = origin.Value;
        if (!wordings.TryGetValue((template, organizationId), out var wording))
        {
            wordings[(template, organizationId)] = wording = await WordingAsync(definition, organizationId, cancellationToken);
        }

        var (subject, body) = wording;
        string renderedSubject, renderedBody;
        try
        {
            (renderedSubject, renderedBody) = (await renderer.RenderAsync(subject, values), await renderer.RenderAsync(body, values));
        }
        catch (Exception ex) when (subject != definition.Subject || body != definition.Body)
        {
            // A district's wording that fails with these values must not stop the change that sends the mail.
            logger.LogWarning(ex, "The district's wording of {Template} failed to render; the platform's wording is used", template);
            (renderedSubject, renderedBody) = (await renderer.RenderAsync(definition.Subject, values), await renderer.RenderAsync(definition.Body, values));
        }

        if (idempotencyKey != null)
        {
            queuedKeys.Add(idempotencyKey);
        }

        db.Set<EmailMessage>().Add(new EmailMessage
        {
            IdempotencyKey = idempotencyKey,
            Template = template,
            OrganizationId = organizationId,
            To = to,
            Subject = renderedSubject.ReplaceLineEndings(" ").Trim(),
            TextBody = renderedBody,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Attachments = attachments is { Count: > 0 } ? System.Text.Json.JsonSerializer.Serialize(attachments) : null,
        });
    }

    /// <summary>The nearest override up the tree (school, then district, then state), else the default.</summary>
    private async Task<(string Subject, string Body)> WordingAsync(EmailTemplateDefinition definition, Guid? organizationId, CancellationToken cancellationToken)
    {
        if (organizationId != null)
        {
            var organization = await organizations.GetAsync(organizationId.Value, cancellationToken);
            var candidates = new[] { organization?.Id, organization?.DistrictId, organization?.StateId }.OfType<Guid>().Distinct().ToList();
            var overrides = await db.Set<EmailTemplateOverride>().AsNoTracking()
                .Where(o => o.Template == definition.Name && candidates.Contains(o.OrganizationId))
                .ToListAsync(cancellationToken);
            foreach (var candidate in candidates)
            {
                var match = overrides.FirstOrDefault(o => o.OrganizationId == candidate);
                if (match != null)
                {
                    return (match.Subject, match.Body);
                }
            }
        }

        return (definition.Subject, definition.Body);
    }
}
