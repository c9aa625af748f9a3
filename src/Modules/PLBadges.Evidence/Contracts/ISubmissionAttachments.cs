namespace PLBadges.Evidence.Contracts;

/// <summary>A submission a teacher can still add evidence to.</summary>
public sealed record EditableSubmission(Guid Id, string Title);

/// <summary>
/// Lets another module add evidence to a teacher's own submission, on the teacher's say-so (coaching
/// observation notes, for example). The same rules as an upload apply: the teacher's own, still
/// editable submission, a plain-text file, within the size limits.
/// </summary>
public interface ISubmissionAttachments
{
    Task<IReadOnlyList<EditableSubmission>> EditableOfAsync(Guid teacherId, CancellationToken cancellationToken = default);

    /// <summary>Adds a text file to the submission's artifacts part.</summary>
    /// <exception cref="PLBadges.Abstractions.Rules.RuleException">It could not be added; the message says why.</exception>
    Task AttachTextAsync(Guid teacherId, Guid submissionId, string fileName, string text, CancellationToken cancellationToken = default);
}
