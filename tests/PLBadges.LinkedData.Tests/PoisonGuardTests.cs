using PLBadges.LinkedData.Canonicalization;

namespace PLBadges.LinkedData.Tests;

/// <summary>
/// The poison guard: canonicalization stops on a count of Hash N-Degree Quads calls, set by the options, so a
/// dataset built to explode (the rdf-canon suite's poison test is a clique of blank nodes) is refused quickly and
/// always at the same point.
/// </summary>
public sealed class PoisonGuardTests
{
    private static string Clique(int size)
    {
        var lines = from a in Enumerable.Range(0, size)
                    from b in Enumerable.Range(0, size)
                    where a != b
                    select $"_:n{a} <http://example.org/p> _:n{b} .\n";
        return string.Concat(lines);
    }

    [Fact]
    public void A_clique_is_refused_with_the_default_work_factor_at_one_call_per_indistinguishable_node()
    {
        var error = Assert.Throws<CanonicalizationLimitExceededException>(() => RdfCanonicalizer.Canonicalize(Clique(10)));

        Assert.Equal(10, error.Limit);
    }

    [Fact]
    public void The_limit_is_a_count_so_the_same_dataset_stops_at_the_same_call_every_time()
    {
        var dataset = Clique(4);
        long Needed()
        {
            for (long limit = 1; ; limit++)
            {
                try
                {
                    RdfCanonicalizer.Canonicalize(dataset, new CanonicalizationOptions { MaxHashNDegreeQuadsCalls = limit });
                    return limit;
                }
                catch (CanonicalizationLimitExceededException error)
                {
                    Assert.Equal(limit, error.Limit);
                }
            }
        }

        var needed = Needed();

        Assert.True(needed > 4, "A clique of 4 needs more calls than it has nodes.");
        Assert.Equal(needed, Needed());
        Assert.Throws<CanonicalizationLimitExceededException>(() =>
            RdfCanonicalizer.Canonicalize(dataset, new CanonicalizationOptions { MaxHashNDegreeQuadsCalls = needed - 1 }));
    }

    [Fact]
    public void A_dataset_whose_blank_nodes_hash_apart_needs_no_calls_at_all()
    {
        var dataset = "_:a <http://example.org/p> \"1\" .\n_:b <http://example.org/p> \"2\" .\n_:a <http://example.org/q> _:b .\n";

        var result = RdfCanonicalizer.Canonicalize(dataset, new CanonicalizationOptions { MaxHashNDegreeQuadsCalls = 0 });

        Assert.Equal(2, result.IssuedIdentifiers.Count);
    }

    [Fact]
    public void A_work_factor_of_zero_refuses_any_dataset_that_needs_the_n_degree_hash()
    {
        Assert.Throws<CanonicalizationLimitExceededException>(() =>
            RdfCanonicalizer.Canonicalize("_:a <http://example.org/p> _:b .\n_:b <http://example.org/p> _:a .\n", new CanonicalizationOptions { MaxWorkFactor = 0 }));
    }
}
