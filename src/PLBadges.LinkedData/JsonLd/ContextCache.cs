using System.Collections.Concurrent;

namespace PLBadges.LinkedData.JsonLd;

/// <summary>
/// The result of processing a shipped context (by URL, or a scoped context inside one) against a shared
/// active context. Keys hold the active context and the context node by reference, which is sound because
/// both are immutable once shared.
/// </summary>
internal readonly record struct ContextCacheKey(ActiveContext Active, object Local, string? BaseUrl, bool OverrideProtected, bool Propagate);

/// <summary>
/// Processed contexts, shared between threads and bounded: past its capacity the cache starts again empty,
/// which costs only the re-processing (a few documents' worth), never correctness.
/// </summary>
internal sealed class ContextCache(int capacity)
{
    private readonly ConcurrentDictionary<ContextCacheKey, ActiveContext> entries = new();

    public int Count => entries.Count;

    public ActiveContext GetOrAdd(ContextCacheKey key, Func<ActiveContext> process)
    {
        if (entries.TryGetValue(key, out var cached))
        {
            return cached;
        }
        var result = process();
        result.IsShared = true;
        if (entries.Count >= capacity)
        {
            entries.Clear();
        }
        return entries.GetOrAdd(key, result);
    }
}
