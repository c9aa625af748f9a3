using System.Text.Json.Nodes;
using PLBadges.LinkedData.JsonLd;

namespace PLBadges.LinkedData.Tests;

/// <summary>
/// JSON-LD to RDF and canonicalization compared with jsonld.js 9 in safe mode (jsonld.canonize, as Data
/// Integrity verifiers call it), over the same shipped contexts: the JSON-LD 1.1 toRdf features of JsonLdCorpus
/// give the same canonical N-Quads, and what jsonld.js refuses is refused here. This stands in for the W3C
/// json-ld-api toRdf tests, which no package in the npm, NuGet or Debian registries carries.
/// </summary>
public sealed class JsonLdCrossCheckTests
{
    [Fact]
    public void Every_document_of_the_corpus_canonicalizes_as_jsonld_js_does_or_is_refused_by_both()
    {
        var corpus = JsonLdCorpus.All().ToList();

        var expected = ReferenceImplementations.CanonicalizeJsonLd(corpus.Select(item => item.Document));

        for (var i = 0; i < corpus.Count; i++)
        {
            var (feature, document) = corpus[i];
            var mustBeRefused = feature.StartsWith("refused", StringComparison.Ordinal);
            var (actual, error) = Canonicalize(document);
            if (mustBeRefused)
            {
                Assert.True(expected[i].Error is not null, $"{feature}: jsonld.js accepted it.");
                Assert.True(error is not null, $"{feature}: jsonld.js refused it ({expected[i].Code}) but we produced\n{actual}");
                continue;
            }
            Assert.True(expected[i].Error is null, $"{feature}: jsonld.js refused it ({expected[i].Code}: {expected[i].Error})");
            Assert.True(error is null, $"{feature}: we refused it ({error?.Message}) but jsonld.js produced\n{expected[i].NQuads}");
            Assert.True(expected[i].NQuads == actual, $"{feature}: {Difference(expected[i].NQuads!, actual!)}");
        }
        Assert.True(corpus.Count(item => !item.Feature.StartsWith("refused", StringComparison.Ordinal)) >= 14);
    }

    [Fact]
    public void Numbers_held_as_any_dotnet_type_canonicalize_as_jsonld_js_reads_their_json()
    {
        // The same numbers held as decimal, float and JsonElement: jsonld.js reads the JSON text a serializer writes.
        var values = new JsonNode?[] { JsonValue.Create(6m), JsonValue.Create(6.50m), JsonValue.Create(0.1m), JsonValue.Create(12345678901234567890.5m), JsonValue.Create(0.1f), JsonValue.Create(6.5f), JsonValue.Create(16777217f), JsonValue.Create(1e21f), JsonNode.Parse("1.50E+2"), JsonNode.Parse("-0.0"), JsonNode.Parse("123456789012345678901234567890"), JsonValue.Create(long.MaxValue), JsonValue.Create(ulong.MaxValue), JsonValue.Create((short)-7), JsonValue.Create(1e-7), };
        var document = new JsonObject
        {
            ["@context"] = new JsonObject
            {
                ["n"] = "http://example.org/n",
                ["f"] = new JsonObject { ["@id"] = "http://example.org/f", ["@type"] = "http://www.w3.org/2001/XMLSchema#float" },
            },
            ["@id"] = "http://example.org/s",
            ["n"] = new JsonArray(values.Select(value => value?.DeepClone()).ToArray()),
            ["f"] = new JsonArray(values.Select(value => value?.DeepClone()).ToArray()),
        };

        var expected = ReferenceImplementations.CanonicalizeJsonLd([JsonNode.Parse(document.ToJsonString())!]).Single();

        Assert.Null(expected.Error);
        Assert.Equal(expected.NQuads, Canonicalizer.Default.Canonicalize(document));
    }

    /// <summary>The lines only one side has, which says more than the first differing character.</summary>
    private static string Difference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        return $"jsonld.js only:\n{string.Join('\n', expectedLines.Except(actualLines).Take(10))}\nours only:\n{string.Join('\n', actualLines.Except(expectedLines).Take(10))}\n" +
               $"({expectedLines.Length} and {actualLines.Length} lines)";
    }

    private static (string? NQuads, Exception? Error) Canonicalize(JsonNode document)
    {
        try
        {
            return document switch
            {
                JsonObject obj => (Canonicalizer.Default.Canonicalize(obj), null),
                _ => (Canonicalization.RdfCanonicalizer.Canonicalize(JsonLdProcessor.Default.ToRdf(document)).NQuads, null),
            };
        }
        catch (JsonLdException error)
        {
            return (null, error);
        }
    }
}
