using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Evidence.Reviewing;
using PLBadges.Evidence.Submissions;
using PLBadges.Identity.Contracts;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Evidence.Pages.Review;

/// <summary>One claimed review: the evidence with the rubric beside it, scored criterion by criterion.</summary>
[RequirePermission(EvidencePermissions.Names.Review)]
public sealed class ScoreModel(PLBadgesDbContext db, ReviewService reviews, EvidenceAccess access, IMicroCredentialCatalog catalog, IPeopleDirectory people) : PageModel, IRefusablePage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    internal Reviewing.Review Review { get; private set; } = null!;

    internal Submission Submission { get; private set; } = null!;

    public EvidenceContent Evidence { get; private set; } = null!;

    public MicroCredentialContent Credential => Evidence.Content;

    public IReadOnlyList<FeedbackView> EarlierFeedback { get; private set; } = [];

    /// <summary>The teacher the pass would issue a badge to, named in the confirmation before it is recorded.</summary>
    public string TeacherName { get; private set; } = "";

    /// <summary>
    /// True for the first of two independent reviews to finish: its pass issues nothing yet, because the
    /// second reviewer's decision settles it (or, if the two disagree, a lead coach's).
    /// </summary>
    public bool PassWaitsForSecondReview { get; private set; }

    /// <summary>True for the review that completes a two-review attempt: its pass issues a badge only if the other review passed it too.</summary>
    public bool PassNeedsAgreement { get; private set; }

    /// <summary>What recording a pass does now, said in the confirmation and in its refusal.</summary>
    public string PassConsequence => PassWaitsForSecondReview
        ? "this sends it to a second reviewer, who decides; no badge is issued yet"
        : PassNeedsAgreement
            ? $"if the other review passed it too, this issues a signed badge to {TeacherName}: {Credential.Title}; if not, a lead coach decides"
            : $"this issues a signed badge to {TeacherName}: {Credential.Title}";

    /// <summary>The box a coach ticks to record a pass, which issues a signed badge (or, on the first of two reviews, hands it on).</summary>
    public const string ConfirmPass = "confirm-pass";

    public bool PassConfirmed => Request.HasFormContentType && Request.Form[ConfirmPass] == "true";

    /// <summary>The feedback as saved, or as typed when a refused post shows the page again.</summary>
    public string? FeedbackShown => Request.HasFormContentType && Request.Form.ContainsKey("feedback") ? Request.Form["feedback"].ToString() : Review.Feedback;

    public bool Open => Review.Status == ReviewStatus.Claimed && Submission.State == SubmissionState.InReview && Submission.Attempt == Review.Attempt;

    public (bool? Met, string Comment) ScoreOf(int part, int criterion) =>
        Request.HasFormContentType && Request.Form.ContainsKey($"comment-{part}-{criterion}")
            ? (Request.Form[$"met-{part}-{criterion}"].ToString() switch { "met" => true, "notyet" => false, _ => null }, Request.Form[$"comment-{part}-{criterion}"].ToString()) // a refused post shows what was typed
            : Review.Scores.FirstOrDefault(s => s.Part == part && s.Criterion == criterion) is { } score ? (score.Met, score.Comment) : (null, "");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(Id, cancellationToken))
        {
            return NotFound();
        }

        access.LogView(Submission);
        await db.SaveChangesAsync(cancellationToken);
        return Page();
    }

    public Task<bool> ReloadAsync(CancellationToken cancellationToken) => LoadAsync(Id, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? decide, string? feedback, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(Id, cancellationToken))
        {
            return NotFound();
        }

        var scores = new List<ScoreInput>();
        for (var p = 0; p < Credential.Submission.Count; p++)
        {
            for (var c = 0; c < Credential.Submission[p].Rubric.Count; c++)
            {
                var met = Request.Form[$"met-{p}-{c}"].ToString();
                scores.Add(new ScoreInput(p, c, met == "met" ? true : met == "notyet" ? false : null, Request.Form[$"comment-{p}-{c}"].ToString()));
            }
        }

        if (decide != null && scores.All(s => s.Met == true) && !PassConfirmed)
        {
            throw new RuleException($"Confirm the pass first: {PassConsequence}.", ConfirmPass);
        }

        var decision = await reviews.SaveAsync(Review, scores, feedback, decide != null, cancellationToken);
        if (decision == null)
        {
            TempData["Status"] = "Scores saved. Come back to finish before your claim lapses.";
            return Redirect($"/review/{Id}");
        }

        TempData["Status"] = Submission.AwaitingLead
            ? "Your decision is recorded. The two reviews disagree, so a lead coach will decide."
            : Submission.State is SubmissionState.Passed or SubmissionState.NotYet
                ? $"Recorded: {(decision == Decision.Pass ? "pass" : "not yet")}. The teacher has been told."
                : "Your review is recorded; the second reviewer's decision will follow.";
        return Redirect("/review");
    }

    public async Task<IActionResult> OnPostReleaseAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(Id, cancellationToken))
        {
            return NotFound();
        }

        await reviews.ReleaseAsync(Review, cancellationToken);
        TempData["Status"] = $"“{Submission.Title}” is back in the queue.";
        return Redirect("/review");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await reviews.OwnReviewAsync(id, cancellationToken) is not { } review)
        {
            return false;
        }

        Review = review;
        Submission = await db.Set<Submission>().FirstAsync(s => s.Id == review.SubmissionId, cancellationToken);
        if (!await access.CanSeeAsync(Submission, cancellationToken))
        {
            return false;
        }

        var version = await catalog.VersionAsync(Submission.VersionId, cancellationToken)
            ?? throw new InvalidOperationException($"Submission {Submission.Id} refers to a version that does not exist.");
        if (review.Kind != ReviewKind.Lead && Submission.ReviewsRequired > 1)
        {
            var othersDone = await db.Set<Reviewing.Review>().CountAsync(r => r.SubmissionId == Submission.Id && r.Attempt == review.Attempt && r.Kind != ReviewKind.Lead
                && r.Status == ReviewStatus.Completed && r.Id != review.Id, cancellationToken);
            PassWaitsForSecondReview = othersDone + 1 < Submission.ReviewsRequired;
            PassNeedsAgreement = !PassWaitsForSecondReview;
        }

        TeacherName = (await people.GetAsync([Submission.TeacherId], cancellationToken)).FirstOrDefault()?.DisplayName ?? "the teacher";
        Evidence = await EvidenceContent.LoadAsync(db, Submission, version.Content, cancellationToken);
        // Earlier attempts' decided feedback helps a coach see what the teacher was asked to change.
        EarlierFeedback = (await Api.Feedback.ForTeacherAsync(db, Submission, cancellationToken))
            .Where(r => r.Attempt < review.Attempt).Select(r => FeedbackView.Of(r, version.Content)).ToList();
        return true;
    }
}
