using Microsoft.EntityFrameworkCore;
using PLBadges.Data;
using PLBadges.Evidence.Reviewing;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Evidence.Submissions;

public sealed record ArtifactView(Guid Id, int Part, ArtifactKind Kind, string DisplayName, string? ContentType, long Size, string? Url, DateTime UploadedAt);

/// <summary>A submission's evidence as pages show it: the questions with their answers, and the files and links of each part.</summary>
public sealed class EvidenceContent
{
    public required Guid SubmissionId { get; init; }

    public required MicroCredentialContent Content { get; init; }

    public required IReadOnlyDictionary<(int Part, int Prompt), string> Answers { get; init; }

    public required IReadOnlyList<ArtifactView> Artifacts { get; init; }

    public string AnswerTo(int part, int prompt) => Answers.GetValueOrDefault((part, prompt), "");

    public IEnumerable<ArtifactView> ArtifactsOf(int part) => Artifacts.Where(a => a.Part == part);

    public static bool IsArtifactsPart(SubmissionPart part) => string.Equals(part.Part, SubmissionProgress.ArtifactsPart, StringComparison.OrdinalIgnoreCase);

    internal static async Task<EvidenceContent> LoadAsync(PLBadgesDbContext db, Submission submission, MicroCredentialContent content, CancellationToken cancellationToken)
    {
        var answers = await db.Set<Answer>().AsNoTracking().Where(a => a.SubmissionId == submission.Id).ToListAsync(cancellationToken);
        var artifacts = await db.Set<Artifact>().AsNoTracking().Where(a => a.SubmissionId == submission.Id).OrderBy(a => a.UploadedAt)
            .Select(a => new ArtifactView(a.Id, a.Part, a.Kind, a.DisplayName, a.ContentType, a.Size, a.Url, a.UploadedAt)).ToListAsync(cancellationToken);
        return new EvidenceContent
        {
            SubmissionId = submission.Id,
            Content = content,
            Answers = answers.ToDictionary(a => (a.Part, a.Prompt), a => a.Text),
            Artifacts = artifacts,
        };
    }
}

public sealed record CriterionFeedback(int Part, string Criterion, bool Met, string Comment);

/// <summary>One decided review as the teacher reads it.</summary>
public sealed record FeedbackView(int Attempt, Decision Decision, string Feedback, DateTime? At, IReadOnlyList<CriterionFeedback> Criteria)
{
    internal static FeedbackView Of(Review review, MicroCredentialContent content) =>
        new(review.Attempt, review.Decision ?? Decision.NotYet, review.Feedback, review.CompletedAt,
            review.Scores.OrderBy(s => s.Part).ThenBy(s => s.Criterion)
                .Select(s => new CriterionFeedback(s.Part, Api.Feedback.CriterionName(content, s.Part, s.Criterion), s.Met, s.Comment)).ToList());
}

/// <summary>The notes field of an artifacts part is stored as an answer to this prompt number.</summary>
public static class ArtifactNotes
{
    public const int Prompt = Answer.NotesPrompt;
}
