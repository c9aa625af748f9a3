using System.Security.Cryptography;
using PLBadges.LinkedData.Canonicalization;
using PLBadges.LinkedData.Rdf;

namespace PLBadges.LinkedData.Tests;

/// <summary>
/// RDFC-1.0 compared with rdf-canonize 5 (the canonicalizer of jsonld.js, in the W3C implementation report),
/// statement for statement and label for label, with SHA-256 and SHA-384: on the URDNA2015 suite's inputs and on
/// generated datasets (GeneratedDatasets). This stands in for the rdf-canon suite's RDFC-1.0 results, map tests and
/// SHA-384 tests, which no package in the npm, NuGet or Debian registries carries.
/// </summary>
public sealed class RdfCanonicalizerCrossCheckTests
{
    private static readonly CanonicalizationOptions Unlimited = new() { MaxHashNDegreeQuadsCalls = long.MaxValue };

    public static TheoryData<string> Hashes() => new("sha256", "sha384");

    private static IReadOnlyList<(string Name, string NQuads)> Corpus()
    {
        var suite = Path.Combine(TestFiles.NodeModules, "rdf-normalize", "test", "support");
        Assert.True(Directory.Exists(suite), $"The test suite is not installed at {suite}: run `npm ci --prefix tests/node`.");
        return Directory.GetFiles(suite, "test*-in.nq").Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllText(path)))
            .Concat(GeneratedDatasets.All())
            .ToList();
    }

    [Theory]
    [MemberData(nameof(Hashes))]
    public void Canonical_nquads_and_issued_labels_equal_rdf_canonize(string hash)
    {
        var corpus = Corpus();
        var options = Unlimited with { HashAlgorithm = hash == "sha384" ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256 };

        var expected = ReferenceImplementations.CanonicalizeNQuads(corpus.Select(item => item.NQuads), hash);

        Assert.Equal(corpus.Count, expected.Count);
        Assert.True(corpus.Count > 200, "The corpus should hold the 57 suite inputs and the generated datasets.");
        for (var i = 0; i < corpus.Count; i++)
        {
            Assert.True(expected[i].Error is null, $"{corpus[i].Name}: rdf-canonize failed: {expected[i].Error}");
            var actual = RdfCanonicalizer.Canonicalize(corpus[i].NQuads, options);
            Assert.True(expected[i].NQuads == actual.NQuads, $"{corpus[i].Name} ({hash}): expected\n{expected[i].NQuads}\nbut was\n{actual.NQuads}");
            Assert.Equal(expected[i].Map!.OrderBy(pair => pair.Key), actual.IssuedIdentifiers.OrderBy(pair => pair.Key));
        }
    }

    [Fact]
    public void The_poison_guard_refuses_exactly_what_rdf_canonize_refuses_by_default()
    {
        var corpus = Corpus();

        var expected = ReferenceImplementations.CanonicalizeNQuads(corpus.Select(item => item.NQuads), maxWorkFactor: 1);

        var refused = 0;
        for (var i = 0; i < corpus.Count; i++)
        {
            var referenceRefused = expected[i].Error is not null;
            Assert.True(!referenceRefused || expected[i].Error!.Contains("Maximum deep iterations", StringComparison.Ordinal), expected[i].Error);
            bool ourRefusal;
            try
            {
                RdfCanonicalizer.Canonicalize(corpus[i].NQuads);
                ourRefusal = false;
            }
            catch (CanonicalizationLimitExceededException)
            {
                ourRefusal = true;
            }
            Assert.True(referenceRefused == ourRefusal, $"{corpus[i].Name}: rdf-canonize refused: {referenceRefused}, we refused: {ourRefusal}");
            refused += ourRefusal ? 1 : 0;
        }
        Assert.True(refused > 0, "Some datasets of the corpus should be refused with the default work factor.");
    }

    [Fact]
    public void Reordering_the_statements_and_renaming_blank_nodes_changes_nothing()
    {
        foreach (var (name, nQuads) in GeneratedDatasets.All())
        {
            var original = RdfCanonicalizer.Canonicalize(nQuads, Unlimited).NQuads;
            var shuffled = RdfCanonicalizer.Canonicalize(GeneratedDatasets.Shuffled(nQuads, seed: name.GetHashCode(StringComparison.Ordinal)), Unlimited).NQuads;
            Assert.True(original == shuffled, name);
        }
    }

    [Fact]
    public void A_repeated_statement_counts_once()
    {
        const string once = "_:a <http://example.org/p> _:b .\n_:b <http://example.org/p> \"x\" .\n";
        var twice = once + "_:a <http://example.org/p> _:b .\n";

        Assert.Equal(RdfCanonicalizer.Canonicalize(once).NQuads, RdfCanonicalizer.Canonicalize(twice).NQuads);
        Assert.Equal(2, NQuads.Parse(RdfCanonicalizer.Canonicalize(twice).NQuads).Count);
    }
}
