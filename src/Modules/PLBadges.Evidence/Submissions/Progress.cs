using PLBadges.Pathways.Contracts;

namespace PLBadges.Evidence.Submissions;

/// <summary>What one part of a submission still needs.</summary>
public sealed record PartProgress(int Part, string Title, int Minutes, bool IsArtifacts, IReadOnlyList<string> Missing)
{
    public bool Complete => Missing.Count == 0;
}

/// <summary>What a submission has and still needs, part by part, so a teacher can resume where they left off.</summary>
public sealed record SubmissionProgress(IReadOnlyList<PartProgress> Parts)
{
    public int CompleteParts => Parts.Count(p => p.Complete);

    public bool Complete => Parts.All(p => p.Complete);

    /// <summary>The first part with something missing: where "Continue" takes the teacher.</summary>
    public PartProgress? Next => Parts.FirstOrDefault(p => !p.Complete);

    public int MinutesLeft => Parts.Where(p => !p.Complete).Sum(p => p.Minutes);

    public const string ArtifactsPart = "artifacts";

    /// <summary>Prompts of overview and reflection parts need an answer; an artifacts part needs at least one file or link.</summary>
    public static SubmissionProgress Of(MicroCredentialContent content, IEnumerable<(int Part, int Prompt, string Text)> answers, IEnumerable<int> artifactParts)
    {
        var answered = answers.Where(a => !string.IsNullOrWhiteSpace(a.Text)).Select(a => (a.Part, a.Prompt)).ToHashSet();
        var withArtifacts = artifactParts.ToHashSet();
        var parts = content.Submission.Select((part, index) =>
        {
            var isArtifacts = string.Equals(part.Part, ArtifactsPart, StringComparison.OrdinalIgnoreCase);
            var missing = isArtifacts
                ? withArtifacts.Contains(index) ? [] : new List<string> { "at least one file or video link" }
                : part.Prompts.Select((_, prompt) => prompt).Where(prompt => !answered.Contains((index, prompt)))
                    .Select(prompt => $"an answer to question {prompt + 1}").ToList();
            return new PartProgress(index, part.Title, part.Minutes, isArtifacts, missing);
        }).ToList();
        return new SubmissionProgress(parts);
    }
}
