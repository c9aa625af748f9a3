using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using PLBadges.Abstractions.Files;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Evidence.Artifacts;
using PLBadges.Evidence.Reviewing;
using PLBadges.Evidence.Submissions;

namespace PLBadges.Evidence.Api;

public sealed record SubmissionSummaryResponse(Guid Id, string MicroCredential, string Slug, string State, int Attempt, DateTime UpdatedAt, DateTime? SubmittedAt, DateTime? DecidedAt);

public sealed record SubmissionPartResponse(int Part, string Title, int Minutes, bool Complete, IReadOnlyList<string> Missing);

public sealed record SubmissionResponse(
    Guid Id, string MicroCredential, string Slug, string State, int Attempt, int MaxAttempts, bool Editable,
    DateTime UpdatedAt, DateTime? SubmittedAt, DateTime? DecidedAt, IReadOnlyList<SubmissionPartResponse> Parts, IReadOnlyList<FeedbackResponse> Feedback,
    DateTime? EvidenceRemovedAt);

public sealed record FeedbackResponse(int Attempt, string Decision, string Feedback, IReadOnlyList<CriterionFeedbackResponse> Criteria);

public sealed record CriterionFeedbackResponse(int Part, int Criterion, string Name, bool Met, string Comment);

internal static class EvidenceApi
{
    public static void MapEvidenceApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/me/submissions").WithTags("Evidence").RequireScope(ApiScopes.SubmissionsRead);
        api.MapGet("", ListAsync).WithName("ListMySubmissions").WithSummary("The signed-in teacher's submissions, most recently changed first.");
        api.MapGet("/{id:guid}", GetAsync).WithName("GetMySubmission").WithSummary("One of the signed-in teacher's submissions: its state, what each part still needs, and the feedback of decided attempts.");
    }

    private static async Task<Ok<List<SubmissionSummaryResponse>>> ListAsync(EvidenceAccess access, PLBadgesDbContext db, CancellationToken cancellationToken)
    {
        var me = access.PersonId ?? Guid.Empty;
        var rows = await db.Set<Submission>().AsNoTracking().Where(s => s.TeacherId == me).OrderByDescending(s => s.UpdatedAt).Take(500)
            .Select(s => new { s.Id, s.Title, s.Slug, s.State, s.Attempt, s.UpdatedAt, s.SubmittedAt, s.DecidedAt }).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(s => new SubmissionSummaryResponse(s.Id, s.Title, s.Slug, s.State.ToString(), s.Attempt, s.UpdatedAt, s.SubmittedAt, s.DecidedAt)).ToList());
    }

    private static async Task<Results<Ok<SubmissionResponse>, NotFound>> GetAsync(Guid id, SubmissionService submissions, ReviewPolicies policies, PLBadgesDbContext db, CancellationToken cancellationToken)
    {
        if (await submissions.OwnAsync(id, cancellationToken) is not { } submission)
        {
            return TypedResults.NotFound();
        }

        var version = await submissions.VersionOfAsync(submission, cancellationToken);
        var progress = await submissions.ProgressAsync(submission, version, cancellationToken);
        var policy = await policies.ForAsync(submission.DistrictId, cancellationToken);
        var feedback = await Feedback.ForTeacherAsync(db, submission, cancellationToken);
        return TypedResults.Ok(new SubmissionResponse(submission.Id, submission.Title, submission.Slug, submission.State.ToString(), submission.Attempt, policy.MaxAttempts,
            SubmissionService.CanEdit(submission), submission.UpdatedAt, submission.SubmittedAt, submission.DecidedAt,
            progress.Parts.Select(p => new SubmissionPartResponse(p.Part, p.Title, p.Minutes, p.Complete, p.Missing)).ToList(),
            feedback.Select(f => new FeedbackResponse(f.Attempt, (f.Decision ?? Decision.NotYet).ToString(), f.Feedback,
                f.Scores.Select(s => new CriterionFeedbackResponse(s.Part, s.Criterion, Feedback.CriterionName(version.Content, s.Part, s.Criterion), s.Met, s.Comment)).ToList())).ToList(),
            submission.PurgedAt));
    }

    /// <summary>
    /// Evidence files, to the people allowed to see them, as downloads that the browser must not
    /// sniff or render in the site's origin. Anyone else gets 404, never the file.
    /// </summary>
    public static void MapArtifactDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/evidence/files/{id:guid}", DownloadAsync).ExcludeFromDescription();
    }

    private static async Task<IResult> DownloadAsync(Guid id, HttpContext context, PLBadgesDbContext db, EvidenceAccess access, IFileStore store, CancellationToken cancellationToken)
    {
        var artifact = await db.Set<Artifact>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.Kind == ArtifactKind.File, cancellationToken);
        var submission = artifact == null ? null : await db.Set<Submission>().FirstOrDefaultAsync(s => s.Id == artifact.SubmissionId, cancellationToken);
        if (artifact?.StorageKey == null || submission == null || !await access.CanSeeAsync(submission, cancellationToken)
            || await store.FindAsync(artifact.StorageKey, cancellationToken) is not { } file)
        {
            return Results.NotFound();
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "private, no-store";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        context.Response.Headers.AcceptRanges = "bytes";
        var range = FileRanges.Requested(context.Request, file.Size);
        if (range is { Satisfiable: false })
        {
            context.Response.Headers.ContentRange = $"bytes */{file.Size}";
            return Results.StatusCode(StatusCodes.Status416RangeNotSatisfiable);
        }

        if (await store.OpenAsync(file.Key, range?.Bytes, cancellationToken) is not { } content)
        {
            return Results.NotFound();
        }

        await access.LogFileViewAsync(submission, artifact.Id, cancellationToken);
        // A raster image (recognized from its bytes at upload) may show in the reviewer's page; anything else downloads.
        var inline = FileTypes.IsShownInline(artifact.ContentType);
        return new FileDownload(content, artifact.ContentType ?? "application/octet-stream", artifact.DisplayName, inline);
    }
}

/// <summary>What a teacher sees of the reviews: the decided attempts' scores and feedback (the lead's, when there was one).</summary>
internal static class Feedback
{
    public static async Task<IReadOnlyList<Review>> ForTeacherAsync(PLBadgesDbContext db, Submission submission, CancellationToken cancellationToken)
    {
        var reviews = await db.Set<Review>().AsNoTracking().Include(r => r.Scores)
            .Where(r => r.SubmissionId == submission.Id && r.Status == ReviewStatus.Completed).ToListAsync(cancellationToken);
        var decidedAttempts = submission.State is SubmissionState.Passed or SubmissionState.NotYet ? submission.Attempt : submission.Attempt - 1;
        return reviews.Where(r => r.Attempt <= decidedAttempts)
            .GroupBy(r => r.Attempt)
            .SelectMany(g => g.Any(r => r.Kind == ReviewKind.Lead) ? g.Where(r => r.Kind == ReviewKind.Lead) : g)
            .OrderByDescending(r => r.Attempt).ThenBy(r => r.Kind).ToList();
    }

    public static string CriterionName(PLBadges.Pathways.Contracts.MicroCredentialContent content, int part, int criterion) =>
        part < content.Submission.Count && criterion < content.Submission[part].Rubric.Count ? content.Submission[part].Rubric[criterion].Criterion : $"Criterion {criterion + 1}";
}
