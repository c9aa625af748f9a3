namespace PLBadges.LinkedData.Canonicalization;

/// <summary>
/// Every ordering of a list, in the order rdf-canonize visits them (Steinhaus–Johnson–Trotter from the sorted
/// list, with a direction per distinct value). The order matters only when two orderings give the same path,
/// where the first one found is kept; visiting them as the reference does keeps the issued identifiers equal.
/// </summary>
internal static class Permutations
{
    public static IEnumerable<string[]> Of(IReadOnlyList<string> items)
    {
        var current = items.ToArray();
        Array.Sort(current, StringComparer.Ordinal);
        var pointsLeft = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var item in current)
        {
            pointsLeft[item] = true;
        }
        while (true)
        {
            yield return (string[])current.Clone();

            // The largest "mobile" element: one greater than the neighbor it points at.
            string? mobile = null;
            var position = 0;
            for (var i = 0; i < current.Length; i++)
            {
                var element = current[i];
                var left = pointsLeft[element];
                var isMobile = left
                    ? i > 0 && Greater(element, current[i - 1])
                    : i < current.Length - 1 && Greater(element, current[i + 1]);
                if (isMobile && (mobile is null || Greater(element, mobile)))
                {
                    mobile = element;
                    position = i;
                }
            }
            if (mobile is null)
            {
                yield break;
            }
            var swap = pointsLeft[mobile] ? position - 1 : position + 1;
            current[position] = current[swap];
            current[swap] = mobile;
            foreach (var element in current)
            {
                if (Greater(element, mobile))
                {
                    pointsLeft[element] = !pointsLeft[element];
                }
            }
        }
    }

    private static bool Greater(string a, string b) => string.CompareOrdinal(a, b) > 0;
}
