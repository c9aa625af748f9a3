using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using PLBadges.Data;

namespace PLBadges.Identity.Sessions;

/// <summary>One signed-in browser: its cookie names this row, and ending the row ends the cookie (ADR 0006).</summary>
internal sealed class PersonSession
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When a node last asked about it (at most hourly), so sessions whose cookie has long expired can be removed.</summary>
    public DateTime LastSeenAt { get; set; }

    public DateTime? EndedAt { get; set; }
}

public sealed class SessionCheckOptions
{
    /// <summary>
    /// How long a node trusts that a session is open before asking the database again: a session ended
    /// on another node still works here for at most this long (on the node that ended it, not at all).
    /// 0 asks on every request.
    /// </summary>
    [Range(0, 3600)]
    public int SessionCheckSeconds { get; set; } = 30;
}

/// <summary>
/// Sessions on the server: started when the cookie is issued, checked on every request (through a
/// short per-node cache), ended by signing out, by "sign out everywhere", by a new password and by
/// deactivation. The last three also revoke what apps hold: refresh tokens, access tokens and the
/// person's consents (OpenIddict authorizations).
/// </summary>
public sealed class PersonSessions(
    PLBadgesDbContext db,
    OpenSessionCache cache,
    IOptions<SessionCheckOptions> options,
    IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations,
    TimeProvider clock)
{
    private static readonly TimeSpan SeenGranularity = TimeSpan.FromHours(1);

    public async Task<Guid> StartAsync(Guid personId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new PersonSession { Id = Guid.NewGuid(), PersonId = personId, CreatedAt = now, LastSeenAt = now };
        db.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        cache.Confirm(session.Id, clock.GetUtcNow());
        return session.Id;
    }

    public async Task<bool> IsOpenAsync(Guid sessionId, Guid personId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (cache.IsFresh(sessionId, now, TimeSpan.FromSeconds(options.Value.SessionCheckSeconds)))
        {
            return true;
        }

        var row = await db.Set<PersonSession>().AsNoTracking()
            .Where(s => s.Id == sessionId && s.PersonId == personId)
            .Select(s => new { s.EndedAt, s.LastSeenAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is not { EndedAt: null })
        {
            cache.Forget(sessionId);
            return false;
        }

        if (row.LastSeenAt < now.UtcDateTime - SeenGranularity)
        {
            var seen = now.UtcDateTime;
            await db.Set<PersonSession>().Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, seen), cancellationToken);
        }

        cache.Confirm(sessionId, now);
        return true;
    }

    public async Task EndAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        cache.Forget(sessionId);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<PersonSession>().Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), cancellationToken);
    }

    /// <summary>
    /// Ends every session of the person except <paramref name="keep"/> (the browser that asked, on a
    /// change of password), and revokes every token and consent apps hold for them.
    /// </summary>
    public async Task EndEverywhereAsync(Guid personId, Guid? keep, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ended = await db.Set<PersonSession>().Where(s => s.PersonId == personId && s.EndedAt == null && s.Id != keep).Select(s => s.Id).ToListAsync(cancellationToken);
        foreach (var id in ended)
        {
            cache.Forget(id);
        }

        await db.Set<PersonSession>().Where(s => s.PersonId == personId && s.EndedAt == null && s.Id != keep)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), cancellationToken);
        var subject = personId.ToString();
        await tokens.RevokeBySubjectAsync(subject, cancellationToken);
        await authorizations.RevokeBySubjectAsync(subject, cancellationToken);
    }

    /// <summary>Removes sessions ended a day ago, and those unseen for two days (their cookie expired after 12 idle hours).</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var endedBefore = now.AddDays(-1);
        var unseenSince = now.AddDays(-2);
        return await db.Set<PersonSession>().Where(s => s.EndedAt < endedBefore || s.LastSeenAt < unseenSince).ExecuteDeleteAsync(cancellationToken);
    }
}

/// <summary>Sessions this node saw open in the database, and when: the per-node cache whose age is the staleness bound.</summary>
public sealed class OpenSessionCache
{
    private const int PruneAbove = 50_000;

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> confirmed = new();

    public bool IsFresh(Guid sessionId, DateTimeOffset now, TimeSpan bound) =>
        bound > TimeSpan.Zero && confirmed.TryGetValue(sessionId, out var at) && now - at < bound && now >= at;

    public void Confirm(Guid sessionId, DateTimeOffset now)
    {
        confirmed[sessionId] = now;
        if (confirmed.Count > PruneAbove)
        {
            foreach (var (id, at) in confirmed)
            {
                if (now - at > TimeSpan.FromHours(1))
                {
                    confirmed.TryRemove(id, out _);
                }
            }
        }
    }

    public void Forget(Guid sessionId) => confirmed.TryRemove(sessionId, out _);
}
