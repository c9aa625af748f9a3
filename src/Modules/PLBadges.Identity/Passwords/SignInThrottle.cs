using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PLBadges.Data;

namespace PLBadges.Identity.Passwords;

/// <summary>
/// Failed passwords typed for one email address (known or not: the key is a hash of the address as
/// typed, so an unknown email is slowed exactly like a known one and nothing tells them apart).
/// </summary>
internal sealed class FailedPasswords
{
    public required string Account { get; set; }

    public int Failures { get; set; }

    public DateTime LastFailureAt { get; set; }
}

/// <summary>Identity:* settings of the password throttle.</summary>
public sealed class ThrottleOptions
{
    public const string Section = "Identity";

    /// <summary>Failed passwords for one email before each further try must wait.</summary>
    [Range(1, 1000)]
    public int FreeFailuresPerAccount { get; set; } = 5;

    /// <summary>Failed passwords from one client address (on one node) before each further try from it must wait.</summary>
    [Range(1, 100_000)]
    public int FreeFailuresPerAddress { get; set; } = 50;

    /// <summary>The longest wait for one email; the wait doubles from one second with each failure past the free ones.</summary>
    [Range(1, 86_400)]
    public int MaxDelaySeconds { get; set; } = 900;

    /// <summary>The longest wait for one address: short, because a school's teachers share one.</summary>
    [Range(1, 3600)]
    public int MaxAddressDelaySeconds { get; set; } = 60;
}

/// <summary>
/// Slows password guessing with growing waits instead of locking accounts: per email, in the
/// database (every node agrees); per client address, in this node's memory. A wait is asked for
/// before the password is checked, so a waiting attempt checks nothing and learns nothing.
/// </summary>
public sealed class SignInThrottle(PLBadgesDbContext db, AddressFailures addresses, ILookupNormalizer normalizer, IOptions<ThrottleOptions> options, TimeProvider clock)
{
    /// <summary>An email's failures are forgotten a day after the last one (and at once by a right password or a reset).</summary>
    public static readonly TimeSpan ForgetAccountAfter = TimeSpan.FromDays(1);

    /// <summary>How long this email, from this address, must wait before a password is checked again; zero when it may try now.</summary>
    public async Task<TimeSpan> WaitAsync(string email, IPAddress? address, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var key = Key(email);
        var row = await db.Set<FailedPasswords>().AsNoTracking().FirstOrDefaultAsync(f => f.Account == key, cancellationToken);
        var account = row == null || row.LastFailureAt < now - ForgetAccountAfter
            ? TimeSpan.Zero
            : Delay(row.Failures, options.Value.FreeFailuresPerAccount, options.Value.MaxDelaySeconds) - (now - row.LastFailureAt);
        var wait = Max(account, addresses.Wait(address, now));
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    public async Task FailedAsync(string email, IPAddress? address, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        addresses.Failed(address, now);
        var key = Key(email);
        var forgetBefore = now - ForgetAccountAfter;
        // One statement, so two nodes counting at once both count.
        if (await CountAsync(key, now, forgetBefore, cancellationToken) > 0)
        {
            return;
        }

        var row = new FailedPasswords { Account = key, Failures = 1, LastFailureAt = now };
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node added the row first: count on it.
            db.Entry(row).State = EntityState.Detached;
            await CountAsync(key, now, forgetBefore, cancellationToken);
        }
    }

    /// <summary>A right password (or a reset through the person's inbox) forgets the email's failures.</summary>
    public Task ForgetAsync(string email, CancellationToken cancellationToken)
    {
        var key = Key(email);
        return db.Set<FailedPasswords>().Where(f => f.Account == key).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>One second after the first failure past the free ones, doubling with each, up to the maximum.</summary>
    public static TimeSpan Delay(int failures, int free, int maxSeconds)
    {
        if (failures < free)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - free, 30);
        return TimeSpan.FromSeconds(Math.Min(Math.Pow(2, doublings), maxSeconds));
    }

    private Task<int> CountAsync(string key, DateTime now, DateTime forgetBefore, CancellationToken cancellationToken) =>
        db.Set<FailedPasswords>().Where(f => f.Account == key).ExecuteUpdateAsync(s => s
            .SetProperty(f => f.Failures, f => f.LastFailureAt < forgetBefore ? 1 : f.Failures + 1)
            .SetProperty(f => f.LastFailureAt, now), cancellationToken);

    /// <summary>A hash of the normalized address: the table holds no email addresses, typed or real.</summary>
    private string Key(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizer.NormalizeEmail(email.Trim()))));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>
/// Failed passwords per client address, in this node's memory: a limit per node (behind a proxy,
/// the address is the client's only with Site:BehindProxy on). Forgotten ten minutes after the last.
/// </summary>
public sealed class AddressFailures(IOptions<ThrottleOptions> options)
{
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(10);

    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, (int Failures, DateTime Last)> failures = new();

    public TimeSpan Wait(IPAddress? address, DateTime now)
    {
        if (!failures.TryGetValue(Key(address), out var entry) || entry.Last < now - ForgetAfter)
        {
            return TimeSpan.Zero;
        }

        var wait = SignInThrottle.Delay(entry.Failures, options.Value.FreeFailuresPerAddress, options.Value.MaxAddressDelaySeconds) - (now - entry.Last);
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    public void Failed(IPAddress? address, DateTime now)
    {
        failures.AddOrUpdate(Key(address), (1, now), (_, entry) => (entry.Last < now - ForgetAfter ? 1 : entry.Failures + 1, now));
        if (failures.Count > PruneAbove)
        {
            foreach (var (key, entry) in failures)
            {
                if (entry.Last < now - ForgetAfter)
                {
                    failures.TryRemove(key, out _);
                }
            }
        }
    }

    /// <summary>An IPv6 client is counted by its /64 network, which one subscriber usually holds whole.</summary>
    private static string Key(IPAddress? address)
    {
        if (address == null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? Convert.ToHexString(address.GetAddressBytes(), 0, 8) + "::/64"
            : address.ToString();
    }
}
