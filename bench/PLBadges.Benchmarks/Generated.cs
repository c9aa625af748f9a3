using PLBadges.Pathways.Resources;

namespace PLBadges.Benchmarks;

/// <summary>Plausible resources for measurements: titles, summaries and tags from a teacher's vocabulary.</summary>
internal static class Generated
{
    private static readonly string[] Words =
    [
        "executive", "function", "working", "memory", "routine", "schedule", "visual", "checklist", "planning", "organization",
        "universal", "design", "learning", "engagement", "representation", "expression", "options", "barriers", "choice", "flexible",
        "screening", "progress", "monitoring", "intervention", "tier", "data", "decision", "graph", "probe", "fluency",
        "self", "advocacy", "accommodation", "goal", "setting", "iep", "meeting", "strengths", "needs", "student",
        "coaching", "reflection", "classroom", "reading", "math", "writing", "behavior", "collaboration", "family", "transition",
    ];

    private static readonly string[] Types = ["article", "video", "guide", "tool", "podcast", "course", "research", "template"];
    private static readonly string[] Focus = ["Executive functioning", "Universal Design for Learning", "MTSS and data-based decisions", "Self-advocacy"];
    private static readonly string[] Grades = ["K-2", "3-5", "6-8", "9-12"];

    public static List<ResourceEntry> Resources(int count, int seed = 7)
    {
        var random = new Random(seed);
        string Phrase(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => Words[random.Next(Words.Length)]));
        return Enumerable.Range(0, count).Select(i => new ResourceEntry(
            Guid.NewGuid(), $"resource-{i}", null,
            char.ToUpperInvariant(Phrase(4)[0]) + Phrase(4)[1..], Phrase(18) + ".", $"https://example.org/{i}",
            Types[random.Next(Types.Length)], Focus[random.Next(Focus.Length)],
            Grades.Where(_ => random.Next(2) == 0).DefaultIfEmpty("K-2").ToList(),
            Enumerable.Range(0, 3).Select(_ => Words[random.Next(Words.Length)]).Distinct().ToList(),
            5 + random.Next(90))).ToList();
    }
}
