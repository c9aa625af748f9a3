using System.Globalization;
using System.Text;

namespace PLBadges.LinkedData.Tests;

/// <summary>
/// N-Quads datasets for comparing canonicalizers: random graphs from a fixed seed, and the cases that make
/// RDFC-1.0 work hardest because their blank nodes cannot be told apart by their own quads: cycles, cliques,
/// duplicated paths, identical components, regular bipartite graphs, and blank nodes used as graph names.
/// </summary>
internal static class GeneratedDatasets
{
    private const string Vocabulary = "http://example.org/vocab#";

    public static IEnumerable<(string Name, string NQuads)> All() => Hard().Concat(Random(seed: 20261204, count: 150));

    public static IEnumerable<(string Name, string NQuads)> Hard()
    {
        foreach (var size in new[] { 2, 3, 5, 8 })
        {
            yield return ($"cycle of {size}", Write(Enumerable.Range(0, size).Select(i => Edge(i, "p", (i + 1) % size))));
        }
        foreach (var size in new[] { 3, 4, 5 })
        {
            yield return ($"clique of {size}", Write(Clique(size, offset: 0)));
        }
        yield return ("two identical cycles", Write(
            Enumerable.Range(0, 4).Select(i => Edge(i, "p", (i + 1) % 4)).Concat(Enumerable.Range(0, 4).Select(i => Edge(10 + i, "p", 10 + (i + 1) % 4)))));
        yield return ("duplicated paths", Write(
        [
            $"<{Vocabulary}root> <{Vocabulary}p> _:e0 .", $"<{Vocabulary}root> <{Vocabulary}p> _:e1 .",
            Edge(0, "q", 2), Edge(1, "q", 3), Edge(2, "r", 4), Edge(3, "r", 5),
            $"_:e4 <{Vocabulary}v> \"x\" .", $"_:e5 <{Vocabulary}v> \"x\" .",
        ]));
        yield return ("complete bipartite 3 by 3", Write(
            from a in Enumerable.Range(0, 3) from b in Enumerable.Range(3, 3) select Edge(a, "p", b)));
        yield return ("cycle with a chord", Write(Enumerable.Range(0, 6).Select(i => Edge(i, "p", (i + 1) % 6)).Append(Edge(0, "p", 3))));
        yield return ("blank graph names", Write(
        [
            $"_:e0 <{Vocabulary}p> _:e1 _:g0 .", $"_:e1 <{Vocabulary}p> _:e0 _:g1 .",
            $"_:e0 <{Vocabulary}p> _:e1 _:g1 .", $"_:e1 <{Vocabulary}p> _:e0 _:g0 .",
        ]));
        yield return ("literals that need escapes", Write(
        [
            $"_:e0 <{Vocabulary}p> \"tab\\there \\\"quoted\\\" back\\\\slash\\nnew line \\u0001 \\u007F é 😀\" .",
            $"_:e0 <{Vocabulary}q> \"hello\"@en-US .",
            $"_:e0 <{Vocabulary}r> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .",
            $"_:e1 <{Vocabulary}p> \"tab\\there \\\"quoted\\\" back\\\\slash\\nnew line \\u0001 \\u007F é 😀\" .",
        ]));
    }

    public static IEnumerable<(string Name, string NQuads)> Random(int seed, int count)
    {
        var random = new Random(seed);
        string[] predicates = ["p", "q", "r"];
        for (var n = 0; n < count; n++)
        {
            var blankNodes = random.Next(2, 9);
            var lines = new List<string>();
            var edges = random.Next(blankNodes, blankNodes * 3);
            for (var i = 0; i < edges; i++)
            {
                var subject = random.Next(blankNodes);
                var predicate = predicates[random.Next(predicates.Length)];
                var objectKind = random.Next(6);
                var @object = objectKind switch
                {
                    0 => $"<{Vocabulary}n{random.Next(3)}>",
                    1 => $"\"v{random.Next(3)}\"",
                    _ => $"_:e{random.Next(blankNodes)}",
                };
                var graph = random.Next(8) switch
                {
                    0 => $" <{Vocabulary}g>",
                    1 => $" _:e{random.Next(blankNodes)}",
                    _ => "",
                };
                lines.Add($"_:e{subject} <{Vocabulary}{predicate}> {@object}{graph} .");
            }
            yield return ($"random {n}", Write(lines));
        }
    }

    private static IEnumerable<string> Clique(int size, int offset) =>
        from a in Enumerable.Range(offset, size)
        from b in Enumerable.Range(offset, size)
        where a != b
        select Edge(a, "p", b);

    private static string Edge(int from, string predicate, int to) => $"_:e{from} <{Vocabulary}{predicate}> _:e{to} .";

    private static string Write(IEnumerable<string> lines)
    {
        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            builder.Append(line).Append('\n');
        }
        return builder.ToString();
    }

    /// <summary>The same dataset with its lines in another order and its blank nodes renamed.</summary>
    public static string Shuffled(string nQuads, int seed)
    {
        var random = new Random(seed);
        var lines = nQuads.Split('\n', StringSplitOptions.RemoveEmptyEntries).OrderBy(_ => random.Next()).ToList();
        var renamed = string.Join("\n", lines).Replace("_:e", "_:x", StringComparison.Ordinal).Replace("_:g", "_:y", StringComparison.Ordinal);
        return renamed + "\n";
    }

    public static string Label(int value) => value.ToString(CultureInfo.InvariantCulture);
}
