using Microsoft.Extensions.Caching.Memory;

namespace PLBadges.Credentials.Api;

/// <summary>
/// This node's memory of documents that change with a revision of what they show: a status list (its entries) and an
/// issuer's key set and DID document (its keys). A revision is read from the database at most once every
/// <see cref="Lifetime"/> by the site's clock, and each document is built once per revision. A change committed on
/// this node is seen at once (<see cref="Forget"/>); one made on another node within <see cref="Lifetime"/>, and with a
/// shared cache's lifetime on top (<see cref="DocumentLifetimes.Changing"/>) within the promised minute.
/// Only what exists is remembered (a revision read as null is not kept), so made-up ids cost no memory.
/// </summary>
public sealed class Revisions(IMemoryCache cache, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private sealed record Seen(object Revision, DateTimeOffset At);

    private sealed record Built(object Revision, object Document);

    private sealed record RevisionKey(object Key);

    private sealed record DocumentKey(object Key);

    /// <summary>The revision under <paramref name="key"/>, read again once it is older than <see cref="Lifetime"/>; null when <paramref name="read"/> finds nothing.</summary>
    internal async Task<TRevision?> RevisionAsync<TRevision>(object key, Func<CancellationToken, Task<TRevision?>> read, CancellationToken cancellationToken)
        where TRevision : class
    {
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(new RevisionKey(key), out Seen? seen) && seen is { Revision: TRevision known } && now - seen.At < Lifetime && now >= seen.At)
        {
            return known;
        }

        var revision = await read(cancellationToken);
        if (revision != null)
        {
            cache.Set(new RevisionKey(key), new Seen(revision, now));
        }
        else
        {
            cache.Remove(new RevisionKey(key));
        }

        return revision;
    }

    /// <summary>The document under <paramref name="key"/> for this revision (compared by value), built when it is not yet known here.</summary>
    internal async Task<TDocument> DocumentAsync<TDocument>(object key, object revision, Func<CancellationToken, Task<TDocument>> build, CancellationToken cancellationToken)
        where TDocument : class
    {
        if (cache.TryGetValue(new DocumentKey(key), out Built? built) && built is { Document: TDocument document } && Equals(built.Revision, revision))
        {
            return document;
        }

        document = await build(cancellationToken);
        cache.Set(new DocumentKey(key), new Built(revision, document));
        return document;
    }

    /// <summary>Forgets the revision under <paramref name="key"/>: called once a change of it is committed on this node.</summary>
    internal void Forget(object key) => cache.Remove(new RevisionKey(key));
}
