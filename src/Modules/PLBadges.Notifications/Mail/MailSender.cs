using System.Net;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using PLBadges.Abstractions.Jobs;
using PLBadges.Data;

namespace PLBadges.Notifications.Mail;

/// <summary>
/// Sends what the mail outbox holds. Each message is leased before sending, so two nodes never send
/// it together; it is marked sent after the server accepts it; failures are retried with a growing delay.
/// The Message-ID is the message's own id, so a receiving server can recognise a repeat.
/// </summary>
internal sealed class MailSender(
    IServiceScopeFactory scopes,
    IOptions<MailOptions> options,
    DataFolder dataFolder,
    TimeProvider clock,
    WorkLeases leases,
    ILogger<MailSender> logger) : IRecurringWork
{
    private const int BatchSize = 50;
    private const int MaxAttempts = 10;
    private readonly TimeSpan lease = leases.For("mail", TimeSpan.FromMinutes(5));

    /// <summary>What a sent message's body becomes: it may hold a one-time link, which the database need not keep.</summary>
    public const string SentBodyPlaceholder = "(sent; the body is not kept)";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            due = await db.Set<EmailMessage>().AsNoTracking()
                .Where(m => m.SentAt == null && m.Attempts < MaxAttempts
                    && (m.NextAttemptAt == null || m.NextAttemptAt <= now)
                    && (m.LeasedUntil == null || m.LeasedUntil < now))
                .OrderBy(m => m.CreatedAt)
                .Select(m => m.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        if (due.Count == 0)
        {
            return;
        }

        SmtpClient? smtp = null;
        try
        {
            foreach (var id in due)
            {
                smtp = await SendOneAsync(id, smtp, cancellationToken);
            }
        }
        finally
        {
            if (smtp?.IsConnected == true)
            {
                await smtp.DisconnectAsync(true, CancellationToken.None);
            }

            smtp?.Dispose();
        }
    }

    private async Task<SmtpClient?> SendOneAsync(Guid id, SmtpClient? smtp, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var leasedUntil = now + lease;
        var leased = await db.Set<EmailMessage>()
            .Where(m => m.Id == id && m.SentAt == null && (m.LeasedUntil == null || m.LeasedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeasedUntil, leasedUntil), cancellationToken);
        if (leased == 0)
        {
            return smtp; // another node has it, or it was sent meanwhile
        }

        var message = await db.Set<EmailMessage>().AsNoTracking().FirstAsync(m => m.Id == id, cancellationToken);
        try
        {
            var mime = ToMime(message);
            if (string.IsNullOrWhiteSpace(options.Value.SmtpHost))
            {
                await WriteToPickupAsync(mime, message.Id, cancellationToken);
            }
            else
            {
                smtp ??= await ConnectAsync(cancellationToken);
                await smtp.SendAsync(mime, cancellationToken);
            }

            var sentAt = clock.GetUtcNow().UtcDateTime;
            await db.Set<EmailMessage>().Where(m => m.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, sentAt).SetProperty(m => m.LeasedUntil, (DateTime?)null).SetProperty(m => m.LastError, (string?)null)
                    .SetProperty(m => m.TextBody, SentBodyPlaceholder).SetProperty(m => m.Attachments, (string?)null), CancellationToken.None);
            logger.LogInformation("Sent {Template} email {MessageId}", message.Template, message.Id);
            return smtp;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var attempts = message.Attempts + 1;
            var retryAt = clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, attempts - 1)));
            var error = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
            await db.Set<EmailMessage>().Where(m => m.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.NextAttemptAt, retryAt)
                    .SetProperty(m => m.LeasedUntil, (DateTime?)null).SetProperty(m => m.LastError, error), CancellationToken.None);
            logger.LogWarning(ex, "Email {MessageId} failed (attempt {Attempts}); retrying at {RetryAt}", message.Id, attempts, retryAt);
            smtp?.Dispose();
            return null; // reconnect for the next message
        }
    }

    private MimeMessage ToMime(EmailMessage message)
    {
        var mime = new MimeMessage { Subject = message.Subject, MessageId = $"{message.Id:N}@plbadges", Date = new DateTimeOffset(message.CreatedAt) };
        mime.From.Add(MailboxAddress.Parse(options.Value.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        var paragraphs = message.TextBody.Split(["\r\n\r\n", "\n\n"], StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()).ToList();
        var html = "<!DOCTYPE html><html lang=\"en\"><body style=\"font-family:system-ui,sans-serif;line-height:1.5\">"
            + string.Join("", paragraphs.Select(HtmlParagraph))
            + "</body></html>";
        var body = new BodyBuilder { TextBody = paragraphs.Any(p => ImageParagraph.IsMatch(p) || ButtonParagraph.IsMatch(p)) ? string.Join("\n\n", paragraphs.Select(TextParagraph).Where(p => p.Length > 0)) + "\n" : message.TextBody, HtmlBody = html };
        foreach (var attachment in message.Attachments is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<PLBadges.Abstractions.Notifications.EmailAttachment>>(message.Attachments) ?? [])
        {
            var part = new MimePart(ContentType.Parse(attachment.ContentType))
            {
                Content = new MimeContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(attachment.Content))),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = attachment.FileName },
                ContentTransferEncoding = ContentEncoding.Base64,
            };
            if (part.ContentType.Charset == null)
            {
                part.ContentType.Charset = "utf-8";
            }

            body.Attachments.Add(part);
        }

        mime.Body = body.ToMessageBody();
        return mime;
    }

    /// <summary>A paragraph that is only <c>![words](https://…)</c>: an image in the HTML part (the words its text alternative), left out of the text part.</summary>
    private static readonly System.Text.RegularExpressions.Regex ImageParagraph = new(@"^!\[(?<words>[^\r\n]*)\]\((?<url>https?://[^\s()]+)\)$");

    /// <summary>A paragraph that is only <c>[words](https://…)</c>: a button in the HTML part, "words: address" in the text part.</summary>
    private static readonly System.Text.RegularExpressions.Regex ButtonParagraph = new(@"^\[(?<words>[^\r\n]*)\]\((?<url>https?://[^\s()]+)\)$");

    private static string HtmlParagraph(string paragraph)
    {
        if (ImageParagraph.Match(paragraph) is { Success: true } image)
        {
            return $"<p><img src=\"{WebUtility.HtmlEncode(image.Groups["url"].Value)}\" alt=\"{WebUtility.HtmlEncode(image.Groups["words"].Value)}\" width=\"160\" height=\"160\"></p>";
        }

        if (ButtonParagraph.Match(paragraph) is { Success: true } button)
        {
            return $"<p><a href=\"{WebUtility.HtmlEncode(button.Groups["url"].Value)}\" style=\"display:inline-block;padding:10px 18px;border-radius:4px;background:#1d4ed8;color:#ffffff;font-weight:bold;text-decoration:none\">{WebUtility.HtmlEncode(button.Groups["words"].Value)}</a></p>";
        }

        return "<p>" + Linkify(WebUtility.HtmlEncode(paragraph)).ReplaceLineEndings("<br>") + "</p>";
    }

    private static string TextParagraph(string paragraph) =>
        ImageParagraph.IsMatch(paragraph) ? ""
        : ButtonParagraph.Match(paragraph) is { Success: true } button ? $"{button.Groups["words"].Value}: {button.Groups["url"].Value}"
        : paragraph;

    private static string Linkify(string encoded) =>
        System.Text.RegularExpressions.Regex.Replace(encoded, @"https?://[^\s<]+", m => $"<a href=\"{m.Value}\">{m.Value}</a>");

    private async Task WriteToPickupAsync(MimeMessage mime, Guid id, CancellationToken cancellationToken)
    {
        var folder = Path.IsPathRooted(options.Value.PickupFolder) ? options.Value.PickupFolder : Path.Combine(dataFolder.Path, options.Value.PickupFolder);
        Directory.CreateDirectory(folder);
        // The same id gives the same file: a retry overwrites, never duplicates.
        await mime.WriteToAsync(Path.Combine(folder, $"{id:N}.eml"), cancellationToken);
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = new SmtpClient();
        var security = settings.Security switch
        {
            "None" => SecureSocketOptions.None,
            "StartTls" => SecureSocketOptions.StartTls,
            "SslOnConnect" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
        await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        }

        return client;
    }
}
