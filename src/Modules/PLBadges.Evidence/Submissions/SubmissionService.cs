using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Files;
using PLBadges.Abstractions.Rules;
using PLBadges.Data;
using PLBadges.Evidence.Artifacts;
using PLBadges.Evidence.Reviewing;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Evidence.Submissions;

/// <summary>A teacher's work on their own submissions: start, save, submit, withdraw, delete.</summary>
public sealed class SubmissionService(
    PLBadgesDbContext db,
    IMicroCredentialCatalog catalog,
    EvidenceAccess access,
    ReviewPolicies policies,
    IFileStore store,
    TimeProvider clock)
{
    public const int MaxAnswerLength = 20_000;

    /// <summary>Starts a submission for the published version, or returns the teacher's open one for that micro-credential.</summary>
    public async Task<Guid> StartAsync(string slug, CancellationToken cancellationToken)
    {
        var me = access.PersonId ?? throw new RuleException("Sign in to start a submission.");
        var version = await catalog.PublishedAsync(slug, cancellationToken) ?? throw new RuleException("That micro-credential is not published.");
        var placement = await access.TeacherPlacementAsync(cancellationToken)
            ?? throw new RuleException("Only teachers, coaches and school leaders of a district can submit evidence.");
        if (version.OwnerOrganizationId is { } owner && owner != placement.DistrictId)
        {
            throw new RuleException("That micro-credential belongs to another district.");
        }

        var existing = await db.Set<Submission>()
            .Where(s => s.TeacherId == me && s.MicroCredentialId == version.MicroCredentialId && s.State != SubmissionState.Withdrawn)
            .OrderByDescending(s => s.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (existing != null)
        {
            return existing.Id;
        }

        var submission = NewDraft(db, clock, me, placement, version);
        await db.SaveChangesAsync(cancellationToken);
        return submission.Id;
    }

    /// <summary>A new draft of the version for the teacher, with its "Started" record (added to the unit of work).</summary>
    internal static Submission NewDraft(PLBadgesDbContext db, TimeProvider clock, Guid teacherId, Placement placement, MicroCredentialVersionInfo version)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var submission = new Submission
        {
            Id = Guid.NewGuid(),
            TeacherId = teacherId,
            DistrictId = placement.DistrictId,
            SchoolId = placement.SchoolId,
            MicroCredentialId = version.MicroCredentialId,
            VersionId = version.VersionId,
            PathwayId = version.PathwayId,
            Title = version.Content.Title,
            Slug = version.Slug,
            State = SubmissionState.Draft,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(submission);
        db.Add(new Transition { Id = Guid.NewGuid(), SubmissionId = submission.Id, From = SubmissionState.Draft, To = SubmissionState.Draft, ById = teacherId, At = now, Attempt = 1, Note = "Started" });
        return submission;
    }

    /// <summary>The teacher's own submission, tracked for a change; null when it is not theirs (callers answer 404).</summary>
    internal async Task<Submission?> OwnAsync(Guid id, CancellationToken cancellationToken) =>
        access.PersonId is { } me ? await db.Set<Submission>().FirstOrDefaultAsync(s => s.Id == id && s.TeacherId == me, cancellationToken) : null;

    internal async Task<MicroCredentialVersionInfo> VersionOfAsync(Submission submission, CancellationToken cancellationToken) =>
        await catalog.VersionAsync(submission.VersionId, cancellationToken)
        ?? throw new InvalidOperationException($"Submission {submission.Id} refers to a version that does not exist.");

    /// <summary>Saves one answer (autosave); the last save wins. Returns when it was saved.</summary>
    internal async Task<DateTime> SaveAnswerAsync(Submission submission, int part, int prompt, string? text, CancellationToken cancellationToken)
    {
        EnsureEditable(submission);
        var version = await VersionOfAsync(submission, cancellationToken);
        if (part < 0 || part >= version.Content.Submission.Count)
        {
            throw new RuleException("That part is not in this micro-credential.");
        }

        var isArtifacts = string.Equals(version.Content.Submission[part].Part, SubmissionProgress.ArtifactsPart, StringComparison.OrdinalIgnoreCase);
        if (isArtifacts ? prompt != Answer.NotesPrompt : prompt < 0 || prompt >= version.Content.Submission[part].Prompts.Count)
        {
            throw new RuleException("That question is not in this part.");
        }

        text ??= "";
        if (text.Length > MaxAnswerLength)
        {
            throw new RuleException($"An answer can be at most {MaxAnswerLength:N0} characters; this one has {text.Length:N0}.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var answer = await db.Set<Answer>().FirstOrDefaultAsync(a => a.SubmissionId == submission.Id && a.Part == part && a.Prompt == prompt, cancellationToken);
        if (answer == null)
        {
            db.Add(new Answer { SubmissionId = submission.Id, Part = part, Prompt = prompt, Text = text, UpdatedAt = now });
        }
        else
        {
            answer.Text = text;
            answer.UpdatedAt = now;
        }

        submission.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return now;
    }

    internal async Task<SubmissionProgress> ProgressAsync(Submission submission, MicroCredentialVersionInfo version, CancellationToken cancellationToken)
    {
        var answers = await db.Set<Answer>().AsNoTracking().Where(a => a.SubmissionId == submission.Id)
            .Select(a => new { a.Part, a.Prompt, a.Text }).ToListAsync(cancellationToken);
        var artifactParts = await db.Set<Artifact>().AsNoTracking().Where(a => a.SubmissionId == submission.Id).Select(a => a.Part).Distinct().ToListAsync(cancellationToken);
        return SubmissionProgress.Of(version.Content, answers.Select(a => (a.Part, a.Prompt, a.Text)), artifactParts);
    }

    /// <summary>Submits a draft, or resubmits after "not yet" while attempts remain.</summary>
    internal async Task SubmitAsync(Submission submission, CancellationToken cancellationToken)
    {
        var version = await VersionOfAsync(submission, cancellationToken);
        var progress = await ProgressAsync(submission, version, cancellationToken);
        if (!progress.Complete)
        {
            var missing = progress.Parts.Where(p => !p.Complete).Select(p => $"{p.Title}: {string.Join(", ", p.Missing)}");
            throw new RuleException("Before you submit, this still needs " + string.Join("; ", missing) + ".");
        }

        var policy = await policies.ForAsync(submission.DistrictId, cancellationToken);
        if (submission.State == SubmissionState.NotYet)
        {
            if (!SubmissionStateMachine.CanResubmit(submission.Attempt, policy.MaxAttempts))
            {
                throw new RuleException($"This micro-credential allows {policy.MaxAttempts} attempts, and all have been used. Talk to your coach about what comes next.");
            }

            submission.Attempt++;
        }

        Record(db, clock, submission, SubmissionState.Submitted, Actor.Teacher, submission.TeacherId);
        var now = clock.GetUtcNow().UtcDateTime;
        submission.SubmittedAt = now;
        submission.AwaitingLead = false;
        submission.ReviewsRequired = ReviewPolicies.NeedsSecondReview(policy, submission.MicroCredentialId, submission.Id, submission.Attempt) ? 2 : 1;
        await ReviewSeats.CountAsync(db, clock, submission, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    internal async Task WithdrawAsync(Submission submission, CancellationToken cancellationToken)
    {
        Record(db, clock, submission, SubmissionState.Withdrawn, Actor.Teacher, submission.TeacherId);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Deletes a draft with its answers and files; anything submitted stays on record.</summary>
    internal async Task DeleteAsync(Submission submission, CancellationToken cancellationToken)
    {
        if (!SubmissionStateMachine.CanDelete(submission.State))
        {
            throw new RuleException("Only a draft can be deleted. A submitted one can be withdrawn, and stays on record.");
        }

        var artifacts = await db.Set<Artifact>().Where(a => a.SubmissionId == submission.Id).ToListAsync(cancellationToken);
        await db.InTransactionAsync(async ct =>
        {
            await db.Set<Answer>().Where(a => a.SubmissionId == submission.Id).ExecuteDeleteAsync(ct);
            await db.Set<Transition>().Where(t => t.SubmissionId == submission.Id).ExecuteDeleteAsync(ct);
            db.RemoveRange(artifacts);
            db.Remove(submission);
        }, cancellationToken);

        foreach (var key in artifacts.Select(a => a.StorageKey).OfType<string>())
        {
            await store.DeleteAsync(key, cancellationToken);
        }
    }

    /// <summary>Changes the state if the rules allow, recording who, when, from and to (saved with the caller's SaveChanges).</summary>
    internal static Transition Record(PLBadgesDbContext db, TimeProvider clock, Submission submission, SubmissionState to, Actor actor, Guid? byId, string? note = null)
    {
        if (!SubmissionStateMachine.CanMove(submission.State, to, actor))
        {
            throw new RuleException($"A submission that is {SubmissionStateMachine.Describe(submission.State).ToLowerInvariant()} cannot become {SubmissionStateMachine.Describe(to).ToLowerInvariant()}.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var transition = new Transition { Id = Guid.NewGuid(), SubmissionId = submission.Id, From = submission.State, To = to, ById = byId, At = now, Attempt = submission.Attempt, Note = note };
        db.Add(transition);
        submission.State = to;
        submission.UpdatedAt = now;
        submission.Revision++;
        return transition;
    }

    /// <summary>The teacher can change answers and files: a draft or "not yet" whose evidence is still kept.</summary>
    internal static bool CanEdit(Submission submission) => SubmissionStateMachine.IsEditable(submission.State) && submission.PurgedAt == null;

    internal static void EnsureEditable(Submission submission)
    {
        if (submission.PurgedAt != null)
        {
            throw new RuleException("The evidence of this submission was removed at the end of the district's retention period, so it cannot be changed.");
        }

        if (!SubmissionStateMachine.IsEditable(submission.State))
        {
            throw new RuleException($"This submission is {SubmissionStateMachine.Describe(submission.State).ToLowerInvariant()}, so its evidence cannot be changed now.");
        }
    }
}
