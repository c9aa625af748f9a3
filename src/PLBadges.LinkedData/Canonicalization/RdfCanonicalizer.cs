using System.Security.Cryptography;
using System.Text;
using PLBadges.LinkedData.Rdf;

namespace PLBadges.LinkedData.Canonicalization;

/// <summary>
/// RDF Dataset Canonicalization, RDFC-1.0 (W3C Recommendation, 2024): gives every blank node a label that
/// depends only on the dataset's structure, so that equal datasets serialize to the same bytes. Orders and
/// tie-breaks follow rdf-canonize (the implementation jsonld.js uses) wherever the specification leaves a choice.
/// </summary>
public static class RdfCanonicalizer
{
    /// <summary>
    /// Canonicalizes the statements as given, a repeated one included, as rdf-canonize does with what jsonld.js
    /// produces (JsonLdProcessor.ToRdf can repeat a statement exactly where jsonld.js does). Reading N-Quads drops
    /// repeated statements, as rdf-canonize's reader does.
    /// </summary>
    /// <exception cref="CanonicalizationLimitExceededException">The dataset is poisoned: it needs more work than the options allow.</exception>
    public static CanonicalizationResult Canonicalize(IEnumerable<Quad> dataset, CanonicalizationOptions? options = null)
    {
        options ??= CanonicalizationOptions.Default;
        if (options.HashAlgorithm != HashAlgorithmName.SHA256 && options.HashAlgorithm != HashAlgorithmName.SHA384)
        {
            throw new ArgumentException("RDFC-1.0 hashes with SHA-256 or SHA-384.", nameof(options));
        }
        return CanonicalizeWithAnyHash(dataset, options);
    }

    /// <summary>
    /// The same algorithm with any hash .NET knows. Only for tests: the URDNA2015 suite that the npm registry
    /// carries was computed with SHA-1, before the algorithm settled on SHA-256.
    /// </summary>
    internal static CanonicalizationResult CanonicalizeWithAnyHash(IEnumerable<Quad> dataset, CanonicalizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new Canonicalization(dataset, options).Run();
    }

    /// <summary>Canonicalizes N-Quads text.</summary>
    public static CanonicalizationResult Canonicalize(string nQuads, CanonicalizationOptions? options = null) =>
        Canonicalize(NQuads.Parse(nQuads), options);

    /// <summary>The state of one run of the algorithm (RDFC-1.0, 4.2 "canonicalization state").</summary>
    private sealed class Canonicalization
    {
        private readonly List<Quad> quads = [];
        private readonly Dictionary<string, BlankNodeInfo> blankNodes = new(StringComparer.Ordinal);
        private readonly IdentifierIssuer canonicalIssuer = new("c14n");
        private readonly CanonicalizationOptions options;
        private long remainingCalls;
        private long callLimit;

        public Canonicalization(IEnumerable<Quad> dataset, CanonicalizationOptions options)
        {
            this.options = options;
            foreach (var quad in dataset)
            {
                if (quad.Predicate.Kind != RdfTermKind.Iri)
                {
                    throw new ArgumentException($"A predicate must be an IRI: {quad}", nameof(dataset));
                }
                quads.Add(quad);
            }
        }

        public CanonicalizationResult Run()
        {
            // Step 2: the quads of each blank node, in order of first appearance.
            foreach (var quad in quads)
            {
                AddQuadTo(quad.Subject, quad);
                if (quad.Object != quad.Subject)
                {
                    AddQuadTo(quad.Object, quad);
                }
                if (quad.Graph != quad.Subject && quad.Graph != quad.Object)
                {
                    AddQuadTo(quad.Graph, quad);
                }
            }

            // Steps 3 to 5: first-degree hashes; a blank node whose hash is unique gets its canonical label now.
            var hashToBlankNodes = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var (label, info) in blankNodes)
            {
                info.FirstDegreeHash = HashFirstDegreeQuads(label, info);
                if (!hashToBlankNodes.TryGetValue(info.FirstDegreeHash, out var labels))
                {
                    hashToBlankNodes[info.FirstDegreeHash] = labels = [];
                }
                labels.Add(label);
            }
            var nonUnique = new List<List<string>>();
            foreach (var labels in hashToBlankNodes.Values)
            {
                if (labels.Count > 1)
                {
                    nonUnique.Add(labels);
                }
                else
                {
                    canonicalIssuer.Issue(labels[0]);
                }
            }

            callLimit = options.MaxHashNDegreeQuadsCalls ?? WorkLimit(nonUnique.Sum(labels => labels.Count), options.MaxWorkFactor);
            remainingCalls = callLimit;

            // Step 6: the rest, by exploring their neighborhoods.
            foreach (var labels in nonUnique)
            {
                var hashPaths = new List<(string Hash, IdentifierIssuer Issuer)>();
                foreach (var label in labels)
                {
                    if (canonicalIssuer.HasIssued(label))
                    {
                        continue;
                    }
                    var issuer = new IdentifierIssuer("b");
                    issuer.Issue(label);
                    hashPaths.Add(HashNDegreeQuads(label, issuer));
                }
                foreach (var (_, issuer) in hashPaths.OrderBy(path => path.Hash, StringComparer.Ordinal))
                {
                    foreach (var label in issuer.IssuedLabels)
                    {
                        canonicalIssuer.Issue(label);
                    }
                }
            }

            // Step 7: relabel, serialize, sort.
            var lines = new List<(string Line, Quad Quad)>(quads.Count);
            foreach (var quad in quads)
            {
                var canonical = new Quad(Canonical(quad.Subject), quad.Predicate, Canonical(quad.Object), Canonical(quad.Graph));
                lines.Add((Rdf.NQuads.FormatQuad(canonical), canonical));
            }
            lines.Sort((a, b) => string.CompareOrdinal(a.Line, b.Line));
            var builder = new StringBuilder(lines.Sum(line => line.Line.Length));
            foreach (var (line, _) in lines)
            {
                builder.Append(line);
            }
            return new CanonicalizationResult(
                builder.ToString(),
                lines.Select(line => line.Quad).ToList(),
                new Dictionary<string, string>(canonicalIssuer.Issued, StringComparer.Ordinal));
        }

        private static long WorkLimit(int nonUniqueCount, int workFactor)
        {
            if (workFactor <= 0)
            {
                return 0;
            }
            var limit = Math.Pow(nonUniqueCount, workFactor);
            return limit >= long.MaxValue ? long.MaxValue : (long)limit;
        }

        private void AddQuadTo(RdfTerm term, Quad quad)
        {
            if (term.Kind != RdfTermKind.BlankNode)
            {
                return;
            }
            if (!blankNodes.TryGetValue(term.Value, out var info))
            {
                blankNodes[term.Value] = info = new BlankNodeInfo();
            }
            info.Quads.Add(quad);
        }

        private RdfTerm Canonical(RdfTerm term) =>
            term.Kind == RdfTermKind.BlankNode ? RdfTerm.BlankNode(canonicalIssuer.Issue(term.Value)) : term;

        /// <summary>4.6: the node's own quads with itself as _:a and every other blank node as _:z.</summary>
        private string HashFirstDegreeQuads(string label, BlankNodeInfo info)
        {
            var lines = new string[info.Quads.Count];
            for (var i = 0; i < lines.Length; i++)
            {
                var quad = info.Quads[i];
                lines[i] = Rdf.NQuads.FormatQuad(new Quad(
                    FirstDegree(quad.Subject, label), quad.Predicate, FirstDegree(quad.Object, label), FirstDegree(quad.Graph, label)));
            }
            Array.Sort(lines, StringComparer.Ordinal);
            return Hash(string.Concat(lines));
        }

        private static readonly RdfTerm Self = RdfTerm.BlankNode("a");
        private static readonly RdfTerm Other = RdfTerm.BlankNode("z");

        private static RdfTerm FirstDegree(RdfTerm term, string label) =>
            term.Kind != RdfTermKind.BlankNode ? term : term.Value == label ? Self : Other;

        /// <summary>4.7: a related blank node as seen from a quad: its position, the predicate, and its best-known label.</summary>
        private string HashRelatedBlankNode(string related, Quad quad, IdentifierIssuer issuer, char position)
        {
            var input = new StringBuilder();
            input.Append(position);
            if (position != 'g')
            {
                input.Append('<').Append(quad.Predicate.Value).Append('>');
            }
            if (canonicalIssuer.TryGet(related, out var canonical))
            {
                input.Append("_:").Append(canonical);
            }
            else if (issuer.TryGet(related, out var temporary))
            {
                input.Append("_:").Append(temporary);
            }
            else
            {
                input.Append(blankNodes[related].FirstDegreeHash);
            }
            return Hash(input.ToString());
        }

        /// <summary>4.8: hashes a blank node's whole neighborhood, choosing the labeling of its neighbors that gives the least path.</summary>
        private (string Hash, IdentifierIssuer Issuer) HashNDegreeQuads(string label, IdentifierIssuer issuer)
        {
            if (remainingCalls <= 0)
            {
                throw new CanonicalizationLimitExceededException(callLimit);
            }
            remainingCalls--;

            var hashToRelated = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var quad in blankNodes[label].Quads)
            {
                AddRelated(hashToRelated, label, quad.Subject, quad, issuer, 's');
                AddRelated(hashToRelated, label, quad.Object, quad, issuer, 'o');
                AddRelated(hashToRelated, label, quad.Graph, quad, issuer, 'g');
            }

            var dataToHash = new StringBuilder();
            foreach (var (relatedHash, related) in hashToRelated)
            {
                dataToHash.Append(relatedHash);
                string? chosenPath = null;
                IdentifierIssuer? chosenIssuer = null;
                foreach (var permutation in Permutations.Of(related))
                {
                    var issuerCopy = issuer.Clone();
                    var path = new StringBuilder();
                    var recursionList = new List<string>();
                    var skip = false;
                    foreach (var node in permutation)
                    {
                        if (canonicalIssuer.TryGet(node, out var canonical))
                        {
                            path.Append("_:").Append(canonical);
                        }
                        else
                        {
                            if (!issuerCopy.HasIssued(node))
                            {
                                recursionList.Add(node);
                            }
                            path.Append("_:").Append(issuerCopy.Issue(node));
                        }
                        // A path already greater than the chosen one can only grow greater.
                        if (chosenPath is not null && string.CompareOrdinal(path.ToString(), chosenPath) > 0)
                        {
                            skip = true;
                            break;
                        }
                    }
                    if (skip)
                    {
                        continue;
                    }
                    foreach (var node in recursionList)
                    {
                        var result = HashNDegreeQuads(node, issuerCopy);
                        path.Append("_:").Append(issuerCopy.Issue(node)).Append('<').Append(result.Hash).Append('>');
                        issuerCopy = result.Issuer;
                        if (chosenPath is not null && string.CompareOrdinal(path.ToString(), chosenPath) > 0)
                        {
                            skip = true;
                            break;
                        }
                    }
                    if (skip)
                    {
                        continue;
                    }
                    var candidate = path.ToString();
                    if (chosenPath is null || string.CompareOrdinal(candidate, chosenPath) < 0)
                    {
                        chosenPath = candidate;
                        chosenIssuer = issuerCopy;
                    }
                }
                dataToHash.Append(chosenPath);
                issuer = chosenIssuer!;
            }
            return (Hash(dataToHash.ToString()), issuer);
        }

        private void AddRelated(SortedDictionary<string, List<string>> hashToRelated, string label, RdfTerm term, Quad quad, IdentifierIssuer issuer, char position)
        {
            if (term.Kind != RdfTermKind.BlankNode || term.Value == label)
            {
                return;
            }
            var hash = HashRelatedBlankNode(term.Value, quad, issuer, position);
            if (!hashToRelated.TryGetValue(hash, out var related))
            {
                hashToRelated[hash] = related = [];
            }
            related.Add(term.Value);
        }

        private string Hash(string input)
        {
            return Convert.ToHexStringLower(CryptographicOperations.HashData(options.HashAlgorithm, Encoding.UTF8.GetBytes(input)));
        }

        private sealed class BlankNodeInfo
        {
            public List<Quad> Quads { get; } = [];

            public string FirstDegreeHash { get; set; } = "";
        }
    }
}
