using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Data;
using PLBadges.Evidence.Contracts;
using PLBadges.Evidence.Submissions;

namespace PLBadges.Evidence.Artifacts;

/// <summary>Evidence another module adds for a teacher (see <see cref="ISubmissionAttachments"/>).</summary>
internal sealed class SubmissionAttachments(PLBadgesDbContext db, SubmissionService submissions, ArtifactUploads uploads) : ISubmissionAttachments
{
    public async Task<IReadOnlyList<EditableSubmission>> EditableOfAsync(Guid teacherId, CancellationToken cancellationToken = default)
    {
        var rows = await db.Set<Submission>().AsNoTracking().Where(s => s.TeacherId == teacherId && s.PurgedAt == null)
            .OrderByDescending(s => s.UpdatedAt).Take(200).ToListAsync(cancellationToken);
        return rows.Where(SubmissionService.CanEdit).Select(s => new EditableSubmission(s.Id, s.Title)).ToList();
    }

    public async Task AttachTextAsync(Guid teacherId, Guid submissionId, string fileName, string text, CancellationToken cancellationToken = default)
    {
        var submission = await db.Set<Submission>().FirstOrDefaultAsync(s => s.Id == submissionId && s.TeacherId == teacherId, cancellationToken);
        if (submission == null)
        {
            throw new RuleException("That submission is not yours.");
        }

        var version = await submissions.VersionOfAsync(submission, cancellationToken);
        var part = version.Content.Submission.Select((p, i) => (p, i)).FirstOrDefault(x => EvidenceContent.IsArtifactsPart(x.p));
        if (part.p == null)
        {
            throw new RuleException("This micro-credential has no part for files.");
        }

        using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        await uploads.AddFileAsync(submission, part.i, fileName, content, cancellationToken);
    }
}
