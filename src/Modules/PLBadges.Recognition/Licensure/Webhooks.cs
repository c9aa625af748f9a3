using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PLBadges.Abstractions.Jobs;
using PLBadges.Abstractions.Outbound;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Recognition.Programmes;

namespace PLBadges.Recognition.Licensure;

/// <summary>
/// How a receiver checks a delivery: the header <c>PLBadges-Signature: t={unix seconds},v1={hex}</c>,
/// where hex is HMAC-SHA256 with the subscription's secret over "{t}.{body}". A receiver should
/// refuse a timestamp more than five minutes old, and compare in constant time.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "PLBadges-Signature";

    public static string Sign(string secret, long timestamp, string body) =>
        $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}"))).ToLowerInvariant()}";

    /// <summary>True when the header signs the body with the secret, at most <paramref name="tolerance"/> from now.</summary>
    public static bool Verify(string secret, string header, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp) || !parts.TryGetValue("v1", out var given)
            || Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Sign(secret, timestamp, body).Split("v1=")[1];
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given));
    }
}

/// <summary>A state's webhooks: registered by its reviewers (the secret is shown once), disabled, and their delivery log.</summary>
public sealed class WebhookService(PLBadgesDbContext db, ProgrammeService programmes, RecognitionFeed feed, IAccessControl access, OutboundAddressPolicy outbound, TimeProvider clock)
{
    internal async Task<IReadOnlyList<WebhookSubscription>> SubscriptionsAsync(Guid stateId, CancellationToken cancellationToken) =>
        await db.Set<WebhookSubscription>().AsNoTracking().Where(s => s.StateId == stateId).OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>
    /// Registers the URL; returns the secret, which is never shown again. The receiver must be https
    /// on the public internet (<see cref="OutboundAddressPolicy"/>; <c>Outbound:AllowPrivateHosts</c>
    /// lets named hosts through, over http too); a name is checked again on every connection.
    /// </summary>
    public async Task<string> RegisterAsync(Guid stateId, string? url, CancellationToken cancellationToken)
    {
        await programmes.MayKeepAsync(stateId, cancellationToken);
        url = url?.Trim() ?? "";
        if (url.Length > 500 || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new RuleException("Give the receiver's https URL (at most 500 characters): decisions are sent only over TLS.");
        }

        if (outbound.CheckUrl(uri) is { } refused)
        {
            throw new RuleException($"The receiver must be an https address on the public internet. {refused}");
        }

        if (await db.Set<WebhookSubscription>().CountAsync(s => s.StateId == stateId && s.DisabledAt == null, cancellationToken) >= 5)
        {
            throw new RuleException("A state may have at most five webhooks; disable one first.");
        }

        var secret = "whsec_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        db.Add(new WebhookSubscription
        {
            StateId = stateId, Url = url, ProtectedSecret = feed.SecretProtector.Protect(secret), CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = access.PersonId ?? Guid.Empty,
        });
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    public async Task DisableAsync(Guid stateId, Guid subscriptionId, CancellationToken cancellationToken)
    {
        await programmes.MayKeepAsync(stateId, cancellationToken);
        var subscription = await db.Set<WebhookSubscription>().FirstOrDefaultAsync(s => s.Id == subscriptionId && s.StateId == stateId, cancellationToken)
            ?? throw new RuleException("No such webhook of the state's.");
        subscription.DisabledAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The state's latest deliveries, newest first.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryResponse>> DeliveriesAsync(Guid stateId, int take, CancellationToken cancellationToken) =>
        (await db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.StateId == stateId).OrderByDescending(d => d.CreatedAt).Take(take).ToListAsync(cancellationToken))
            .Select(d => new WebhookDeliveryResponse(d.Id, d.Event, d.IdempotencyKey, d.CreatedAt, d.Attempts, d.DeliveredAt, d.GaveUpAt, d.LastStatus, d.LastError,
                d.DeliveredAt == null && d.GaveUpAt == null ? d.NextAttemptAt : null)).ToList();

    internal async Task<IReadOnlyList<LicensureCall>> CallsAsync(Guid stateId, int take, CancellationToken cancellationToken) =>
        await db.Set<LicensureCall>().AsNoTracking().Where(c => c.StateId == stateId).OrderByDescending(c => c.At).Take(take).ToListAsync(cancellationToken);
}

/// <summary>
/// Sends due webhook deliveries (a recurring job): each leased by one sender at a time, posted
/// signed, and logged; a failure (not 2xx, or no answer) is tried again after 30 s, 1, 2, 4 …
/// minutes up to six hours, and given up after <see cref="MaxAttempts"/> attempts. What a delivery
/// has reached is in the database, so a restart between attempts picks up where it was.
/// </summary>
public sealed class WebhookSender(PLBadgesDbContext db, RecognitionFeed feed, GuardedHttpClients http, TimeProvider clock, WorkLeases leases, ILogger<WebhookSender> logger) : IRecurringWork
{
    public const string Client = "recognition-webhooks";
    public const int MaxAttempts = 12;
    private readonly TimeSpan lease = leases.For(Client, TimeSpan.FromMinutes(2));

    public static TimeSpan DelayAfter(int attempts) => TimeSpan.FromSeconds(Math.Min(6 * 3600, 30 * Math.Pow(2, attempts - 1)));

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<WebhookDelivery>().AsNoTracking()
            .Where(d => d.DeliveredAt == null && d.GaveUpAt == null && d.NextAttemptAt <= now && (d.LeasedUntil == null || d.LeasedUntil < now))
            .OrderBy(d => d.NextAttemptAt).Take(50).Select(d => d.Id).ToListAsync(cancellationToken);
        foreach (var id in due)
        {
            try
            {
                await SendAsync(id, cancellationToken);
            }
            catch (Exception problem) when (problem is not OperationCanceledException)
            {
                // One broken delivery must not hold up the others: its lease runs out and it is tried again.
                logger.LogError(problem, "Webhook delivery {Delivery} could not be attempted.", id);
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task SendAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var leased = await db.Set<WebhookDelivery>()
            .Where(d => d.Id == id && d.DeliveredAt == null && d.GaveUpAt == null && (d.LeasedUntil == null || d.LeasedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeasedUntil, now + lease), cancellationToken);
        if (leased == 0)
        {
            return; // another sender has it
        }

        var delivery = await db.Set<WebhookDelivery>().AsNoTracking().FirstAsync(d => d.Id == id, cancellationToken);
        var subscription = await db.Set<WebhookSubscription>().AsNoTracking().FirstAsync(s => s.Id == delivery.SubscriptionId, cancellationToken);
        int? status = null;
        string? error = null;
        var watch = Stopwatch.StartNew();
        if (subscription.DisabledAt != null)
        {
            error = "The webhook was disabled.";
        }
        else
        {
            try
            {
                var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
                using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json") };
                request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(feed.SecretProtector.Unprotect(subscription.ProtectedSecret), timestamp, delivery.Body));
                request.Headers.Add("PLBadges-Event", delivery.Event);
                request.Headers.Add("PLBadges-Idempotency-Key", delivery.IdempotencyKey);
                request.Headers.Add("PLBadges-Delivery", delivery.Id.ToString());
                // The guarded client: the receiver's name is checked at every connection, and redirects are not followed.
                using var response = await http.Create(Client).SendAsync(request, cancellationToken);
                status = (int)response.StatusCode;
                error = response.IsSuccessStatusCode ? null : $"The receiver answered {status}.";
            }
            catch (Exception problem) when (problem is HttpRequestException or TaskCanceledException)
            {
                error = problem is TaskCanceledException ? "The receiver did not answer in time." : $"The receiver could not be reached: {problem.Message}";
            }
        }

        var attempts = delivery.Attempts + 1;
        var at = clock.GetUtcNow().UtcDateTime;
        var delivered = error == null;
        var giveUp = !delivered && (attempts >= MaxAttempts || subscription.DisabledAt != null);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None); // the attempt and the delivery's state together, or neither
        db.Add(new WebhookAttempt { DeliveryId = id, Number = attempts, At = at, Status = status, Error = error, Milliseconds = (int)watch.ElapsedMilliseconds });
        await db.SaveChangesAsync(CancellationToken.None);
        await db.Set<WebhookDelivery>().Where(d => d.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Attempts, attempts)
            .SetProperty(d => d.LastStatus, status)
            .SetProperty(d => d.LastError, error)
            .SetProperty(d => d.LeasedUntil, (DateTime?)null)
            .SetProperty(d => d.DeliveredAt, delivered ? at : null)
            .SetProperty(d => d.GaveUpAt, giveUp ? at : null)
            .SetProperty(d => d.NextAttemptAt, delivered || giveUp ? at : at + DelayAfter(attempts)), CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
        if (!delivered)
        {
            logger.LogWarning("Webhook delivery {Delivery} attempt {Attempt} failed: {Error}", id, attempts, error);
        }
    }
}
