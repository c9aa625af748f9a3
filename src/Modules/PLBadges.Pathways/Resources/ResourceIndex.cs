using System.Globalization;
using System.Text;

namespace PLBadges.Pathways.Resources;

/// <summary>A resource as the search sees it.</summary>
public sealed record ResourceEntry(Guid Id, string Slug, Guid? OwnerOrganizationId, string Title, string Summary, string Url, string Type, string FocusArea, IReadOnlyList<string> GradeBands, IReadOnlyList<string> Tags, int Minutes);

public sealed record ResourceQuery(string? Text = null, string? Type = null, string? FocusArea = null, string? GradeBand = null, string? Tag = null, int Page = 1, int PageSize = 20);

public sealed record Facet(string Value, int Count);

public sealed record ResourceResults(int Total, int Page, int PageSize, IReadOnlyList<ResourceEntry> Items, IReadOnlyList<Facet> Types, IReadOnlyList<Facet> FocusAreas, IReadOnlyList<Facet> GradeBands, IReadOnlyList<Facet> Tags);

/// <summary>
/// An in-memory index of the resource bank. Every word of the query must match a resource (in its
/// title, tags or summary; exactly, as a prefix, or within one or two typing mistakes), and matches in
/// the title count most. Filters narrow the results; facets count what the results hold.
/// Each query word is compared with the index's vocabulary once, and the matching words' postings are
/// combined, so a search costs little more than the number of resources it finds.
/// </summary>
public sealed class ResourceIndex
{
    private static readonly HashSet<string> StopWords = ["a", "an", "and", "the", "of", "to", "in", "for", "on", "with", "how", "what", "is", "are", "by", "or"];
    private const double TitleWeight = 3;
    private const double TagWeight = 2;
    private const double SummaryWeight = 1;

    private readonly List<ResourceEntry> entries;
    private readonly Dictionary<string, List<(int Document, double Weight)>> postings = new(StringComparer.Ordinal);
    private readonly string[] vocabulary;

    public ResourceIndex(IEnumerable<ResourceEntry> resources)
    {
        // Kept in title order, so a search with no words needs no sort.
        entries = resources.OrderBy(r => r.Title, StringComparer.OrdinalIgnoreCase).ToList();
        for (var document = 0; document < entries.Count; document++)
        {
            var resource = entries[document];
            var weights = new Dictionary<string, double>(StringComparer.Ordinal);
            void Add(IEnumerable<string> words, double weight)
            {
                foreach (var word in words)
                {
                    weights[word] = Math.Max(weights.GetValueOrDefault(word), weight);
                }
            }

            Add(Words(resource.Summary).Concat(Words(resource.FocusArea)), SummaryWeight);
            Add(resource.Tags.SelectMany(t => Words(t)), TagWeight);
            Add(Words(resource.Title), TitleWeight);
            foreach (var (word, weight) in weights)
            {
                if (!postings.TryGetValue(word, out var list))
                {
                    postings[word] = list = [];
                }

                list.Add((document, weight));
            }
        }

        vocabulary = postings.Keys.ToArray();
    }

    public int Count => entries.Count;

    public ResourceResults Search(ResourceQuery query)
    {
        var words = Words(query.Text ?? "").Where(w => !StopWords.Contains(w)).Distinct().ToList();
        Dictionary<int, double>? scores = null;
        foreach (var word in words)
        {
            var found = new Dictionary<int, double>();
            foreach (var (candidate, closeness) in VocabularyMatches(word))
            {
                foreach (var (document, weight) in postings[candidate])
                {
                    var score = closeness * weight;
                    if (score > found.GetValueOrDefault(document))
                    {
                        found[document] = score;
                    }
                }
            }

            // Every word must match: keep the documents found for all words so far.
            if (scores == null)
            {
                scores = found;
            }
            else
            {
                var both = new Dictionary<int, double>();
                foreach (var (document, score) in scores)
                {
                    if (found.TryGetValue(document, out var more))
                    {
                        both[document] = score + more;
                    }
                }

                scores = both;
            }

            if (scores.Count == 0)
            {
                break;
            }
        }

        // Ties keep title order: documents are numbered in title order.
        var ordered = scores == null
            ? entries.Where(r => Passes(r, query)).ToList()
            : scores.Where(p => Passes(entries[p.Key], query))
                .OrderByDescending(p => p.Value).ThenBy(p => p.Key)
                .Select(p => entries[p.Key])
                .ToList();
        var pageSize = Math.Clamp(query.PageSize, 1, 100);
        var page = Math.Max(1, query.Page);
        return new ResourceResults(
            ordered.Count,
            page,
            pageSize,
            ordered.Skip((page - 1) * pageSize).Take(pageSize).ToList(),
            Facets(ordered, r => [r.Type]),
            Facets(ordered, r => [r.FocusArea]),
            Facets(ordered, r => r.GradeBands),
            Facets(ordered, r => r.Tags).Take(20).ToList());
    }

    /// <summary>Words of the vocabulary that match a query word: exactly (1), as a prefix (0.7), or within a few edits (0.4).</summary>
    private IEnumerable<(string Word, double Closeness)> VocabularyMatches(string word)
    {
        if (postings.ContainsKey(word))
        {
            yield return (word, 1.0);
        }

        var edits = word.Length >= 8 ? 2 : word.Length >= 4 ? 1 : 0;
        foreach (var candidate in vocabulary)
        {
            if (candidate == word)
            {
                continue;
            }

            if (word.Length >= 3 && candidate.StartsWith(word, StringComparison.Ordinal))
            {
                yield return (candidate, 0.7);
            }
            else if (edits > 0 && WithinEdits(candidate, word, edits))
            {
                yield return (candidate, 0.4);
            }
        }
    }

    private static bool Passes(ResourceEntry r, ResourceQuery q) =>
        (string.IsNullOrEmpty(q.Type) || string.Equals(r.Type, q.Type, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(q.FocusArea) || string.Equals(r.FocusArea, q.FocusArea, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(q.GradeBand) || r.GradeBands.Contains(q.GradeBand, StringComparer.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(q.Tag) || r.Tags.Contains(q.Tag, StringComparer.OrdinalIgnoreCase));

    private static List<Facet> Facets(IEnumerable<ResourceEntry> results, Func<ResourceEntry, IEnumerable<string>> values) =>
        results.SelectMany(values).Where(v => v.Length > 0)
            .GroupBy(v => v, StringComparer.OrdinalIgnoreCase)
            .Select(g => new Facet(g.Key, g.Count()))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>Lower-case words without accents, split on anything that is not a letter or digit.</summary>
    internal static IEnumerable<string> Words(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormD);
        var word = new StringBuilder();
        foreach (var c in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    /// <summary>
    /// Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment),
    /// stopping early once every path exceeds the limit.
    /// </summary>
    internal static bool WithinEdits(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return false;
        }

        var beforePrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
                }

                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > limit)
            {
                return false;
            }

            (beforePrevious, previous, current) = (previous, current, beforePrevious);
        }

        return previous[b.Length] <= limit;
    }
}
