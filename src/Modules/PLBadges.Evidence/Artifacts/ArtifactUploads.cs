using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Files;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Rules;
using PLBadges.Data;
using PLBadges.Evidence.Submissions;

namespace PLBadges.Evidence.Artifacts;

/// <summary>Adds files and links to a submission's artifacts part, refusing what is unsafe with a reason.</summary>
public sealed class ArtifactUploads(PLBadgesDbContext db, IFileStore store, SubmissionService submissions, IOptions<EvidenceOptions> options, TimeProvider clock)
{
    public const int MaxNameLength = 200;

    private EvidenceOptions Limits => options.Value;

    /// <summary>Why a file name is refused once <see cref="DisplayText.Clean"/> has cleaned it, or null when it is fine to show (never to use as a path).</summary>
    public static string? NameProblem(string? name)
    {
        name = DisplayText.Clean(name);
        if (name.Length == 0)
        {
            return "The file has no name.";
        }

        if (name.Contains('/') || name.Contains('\\') || name.Contains("..", StringComparison.Ordinal))
        {
            return $"“{name}” is not a plain file name (it contains a folder part such as / or ..); rename the file and try again.";
        }

        return name.Length > MaxNameLength ? $"The file name is longer than {MaxNameLength} characters; shorten it and try again." : null;
    }

    internal async Task<Artifact> AddFileAsync(Submission submission, int part, string? fileName, Stream content, CancellationToken cancellationToken)
    {
        SubmissionService.EnsureEditable(submission);
        await EnsureArtifactsPartAsync(submission, part, cancellationToken);
        // Shown as people see it: no bidi overrides ("invoice\u202Efdp.txt" would read "invoicetxt.pdf"), no line breaks.
        var name = DisplayText.Clean(fileName);
        if (NameProblem(name) is { } problem)
        {
            throw new RuleException(problem);
        }

        IncomingFile received;
        try
        {
            received = await store.ReceiveAsync(content, Limits.MaxFileBytes, cancellationToken);
        }
        catch (FileTooLargeException)
        {
            throw new RuleException($"“{name}” is larger than {Megabytes(Limits.MaxFileBytes)}, the most one file can be. Make it smaller (a PDF of scans, say, at a lower resolution) or share a video as a link.");
        }

        await using (received)
        {
            if (received.Size == 0)
            {
                throw new RuleException($"“{name}” is empty (0 bytes). Choose the file again; it may not have finished saving.");
            }

            var detected = FileTypes.Detect(received.Path);
            var claimed = FileTypes.Claimed(name);
            if (detected == null)
            {
                throw new RuleException(claimed != null
                    ? $"“{name}” is named as a {claimed.Name}, but its content is not one. It may be damaged or renamed; open and save it again."
                    : $"“{name}” is not a kind of file you can upload here. Upload a {FileTypes.Accepted}; for a video, add a link instead.");
            }

            if (claimed != null && claimed != detected)
            {
                throw new RuleException($"“{name}” is named as a {claimed.Name}, but its content is a {detected.Name}. Rename it to match, or save it again as a {claimed.Name}.");
            }

            if (claimed == null && Path.HasExtension(name))
            {
                throw new RuleException($"“{name}” has an extension this site does not accept. Upload a {FileTypes.Accepted}.");
            }

            var used = await db.Set<Artifact>().Where(a => a.SubmissionId == submission.Id).SumAsync(a => a.Size, cancellationToken);
            if (used + received.Size > Limits.MaxSubmissionBytes)
            {
                throw new RuleException($"Adding “{name}” would take this submission past {Megabytes(Limits.MaxSubmissionBytes)} in all (it has {Megabytes(used)}). Remove a file you no longer need, or share large media as a link.");
            }

            var artifact = new Artifact
            {
                Id = Guid.NewGuid(),
                SubmissionId = submission.Id,
                Part = part,
                Kind = ArtifactKind.File,
                DisplayName = name,
                ContentType = detected.ContentType,
                Size = received.Size,
                Sha256 = received.Sha256,
                UploadedAt = clock.GetUtcNow().UtcDateTime,
            };
            artifact.StorageKey = (await store.KeepAsync(received, EvidenceOptions.FileArea, cancellationToken)).Key;
            db.Add(artifact);
            submission.UpdatedAt = artifact.UploadedAt;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                await store.DeleteAsync(artifact.StorageKey, CancellationToken.None);
                throw;
            }

            return artifact;
        }
    }

    internal async Task<Artifact> AddLinkAsync(Submission submission, int part, string? url, string? title, CancellationToken cancellationToken)
    {
        SubmissionService.EnsureEditable(submission);
        await EnsureArtifactsPartAsync(submission, part, cancellationToken);
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.OriginalString.Length > 1000)
        {
            throw new RuleException("Enter the full address of the video, starting with https://.");
        }

        var name = DisplayText.Clean(string.IsNullOrWhiteSpace(title) ? uri.Host : title);
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new RuleException($"Give the link a plain title of at most {MaxNameLength} characters.");
        }

        var artifact = new Artifact
        {
            Id = Guid.NewGuid(),
            SubmissionId = submission.Id,
            Part = part,
            Kind = ArtifactKind.Link,
            DisplayName = name,
            Url = uri.ToString(),
            UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(artifact);
        submission.UpdatedAt = artifact.UploadedAt;
        await db.SaveChangesAsync(cancellationToken);
        return artifact;
    }

    internal async Task RemoveAsync(Submission submission, Guid artifactId, CancellationToken cancellationToken)
    {
        SubmissionService.EnsureEditable(submission);
        var artifact = await db.Set<Artifact>().FirstOrDefaultAsync(a => a.Id == artifactId && a.SubmissionId == submission.Id, cancellationToken)
            ?? throw new RuleException("That file is not part of this submission.");
        db.Remove(artifact);
        submission.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        if (artifact.StorageKey != null)
        {
            await store.DeleteAsync(artifact.StorageKey, cancellationToken);
        }
    }

    private async Task EnsureArtifactsPartAsync(Submission submission, int part, CancellationToken cancellationToken)
    {
        var version = await submissions.VersionOfAsync(submission, cancellationToken);
        if (part < 0 || part >= version.Content.Submission.Count
            || !string.Equals(version.Content.Submission[part].Part, SubmissionProgress.ArtifactsPart, StringComparison.OrdinalIgnoreCase))
        {
            throw new RuleException("Files and links go in the artifacts part.");
        }
    }

    public static string Megabytes(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{Math.Max(1, bytes / 1024)} KB";
}
