using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PLBadges.LinkedData.JsonLd;

namespace PLBadges.LinkedData.Tests;

/// <summary>Processed contexts are cached, shared safely between threads, and bounded.</summary>
public sealed class ContextCacheTests
{
    [Fact]
    public void A_second_document_with_the_same_contexts_processes_none_again()
    {
        var processor = new JsonLdProcessor();
        var canonicalizer = new Canonicalizer(processor);

        var first = canonicalizer.Canonicalize(OpenBadgesTestVectorTests.SampleDocument());
        var cached = processor.CachedContexts;
        var second = canonicalizer.Canonicalize(OpenBadgesTestVectorTests.SampleDocument());

        Assert.True(cached > 0);
        Assert.Equal(cached, processor.CachedContexts);
        Assert.Equal(first, second);
    }

    [Fact]
    public void The_cache_never_holds_more_than_its_capacity_and_results_do_not_change()
    {
        var bounded = new JsonLdProcessor(contextCacheCapacity: 2);
        var expected = Canonicalizer.Default.Canonicalize(OpenBadgesTestVectorTests.SampleDocument());

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected, new Canonicalizer(bounded).Canonicalize(OpenBadgesTestVectorTests.SampleDocument()));
            Assert.InRange(bounded.CachedContexts, 1, 2);
        }
    }

    [Fact]
    public void Many_threads_canonicalizing_at_once_on_a_cold_processor_all_get_the_same_bytes()
    {
        var processor = new JsonLdProcessor();
        var canonicalizer = new Canonicalizer(processor);
        var expected = Canonicalizer.Default.Canonicalize(OpenBadgesTestVectorTests.SampleDocument());
        var results = new ConcurrentBag<string>();

        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
            results.Add(canonicalizer.Canonicalize(OpenBadgesTestVectorTests.SampleDocument())));

        Assert.Equal(64, results.Count);
        Assert.All(results, result => Assert.Equal(expected, result));
    }

    [Fact]
    public void A_documents_own_inline_context_is_not_kept()
    {
        var processor = new JsonLdProcessor();
        for (var i = 0; i < 20; i++)
        {
            var document = new JsonObject
            {
                ["@context"] = new JsonObject { ["p"] = $"https://example.org/p{i}", ["T"] = new JsonObject { ["@id"] = "https://example.org/T", ["@context"] = new JsonObject { ["q"] = "https://example.org/q" } } },
                ["@id"] = "https://example.org/s",
                ["@type"] = "T",
                ["p"] = i,
            };
            processor.ToRdf(document);
        }

        Assert.Equal(0, processor.CachedContexts);
    }
}
