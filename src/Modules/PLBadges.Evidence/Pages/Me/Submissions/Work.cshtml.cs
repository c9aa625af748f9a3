using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Hosting;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Evidence.Api;
using PLBadges.Evidence.Artifacts;
using PLBadges.Evidence.Reviewing;
using PLBadges.Evidence.Submissions;
using PLBadges.Identity.Contracts;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Evidence.Pages.Me.Submissions;

/// <summary>
/// The teacher's own submission: answer, upload, submit; or, once submitted, its state, feedback and
/// who has looked at it. Every handler finds the submission among the teacher's own, else 404.
/// </summary>
[RequirePermission(EvidencePermissions.Names.Submit)]
[UploadAntiforgery("upload")] // a file over the limit, sent by the page's own form, gets the upload's 413 answer rather than antiforgery's bare 400
public sealed class WorkModel(
    PLBadgesDbContext db,
    SubmissionService submissions,
    ArtifactUploads uploads,
    ReviewPolicies policies,
    IPeopleDirectory people,
    IEnumerable<PLBadges.Abstractions.Badges.IEarnedBadges> badges,
    IOptions<EvidenceOptions> options) : PageModel, IRefusablePage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public sealed record ViewerRow(string Name, DateTime At, string What);

    internal Submission Submission { get; private set; } = null!;

    public MicroCredentialContent Credential { get; private set; } = null!;

    public SubmissionProgress Progress { get; private set; } = null!;

    public EvidenceContent Evidence { get; private set; } = null!;

    public int MaxAttempts { get; private set; }

    public int RetentionYears { get; private set; }

    public EvidenceOptions Limits => options.Value;

    public IReadOnlyList<FeedbackView> Feedback { get; private set; } = [];

    public IReadOnlyList<ViewerRow> Viewers { get; private set; } = [];

    internal IReadOnlyList<Transition> History { get; private set; } = [];

    public bool Editable => SubmissionService.CanEdit(Submission);

    public string? Error { get; private set; }

    /// <summary>The teacher asked to delete the draft: the page asks them to confirm.</summary>
    public bool ConfirmingDelete { get; private set; }

    /// <summary>The sentence under Submit: ready, or what is still needed part by part.</summary>
    public static string Readiness(SubmissionProgress progress) => progress.Complete
        ? "Everything required is here. Once you submit, a coach reviews it against the rubric; you can no longer change it unless they ask for more."
        : "You can submit once every part is complete. Still needed: " + string.Join("; ", progress.Parts.Where(p => !p.Complete).Select(p => p.Title + " (" + string.Join(", ", p.Missing) + ")")) + ".";

    /// <summary>The badge the passed submission earned, once issued (null before, and while badges are switched off).</summary>
    public PLBadges.Abstractions.Badges.EarnedBadge? Badge { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await ReloadAsync(cancellationToken) ? Page() : NotFound();

    /// <summary>Shows the page again, after a refusal, with what the teacher typed kept in the browser (autosave) or the form.</summary>
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        if (await submissions.OwnAsync(Id, cancellationToken) is not { } submission)
        {
            return false;
        }

        await LoadAsync(submission, cancellationToken);
        return true;
    }

    /// <summary>Autosave of one answer. Answers JSON to scripts; a form post returns to the page.</summary>
    public Task<IActionResult> OnPostSaveAsync(int part, int prompt, string? text, CancellationToken cancellationToken) =>
        ActAsync(async submission =>
        {
            var savedAt = await submissions.SaveAnswerAsync(submission, part, prompt, text, cancellationToken);
            if (!WantsJson)
            {
                return Back(submission, "Saved.", part);
            }

            // What is still needed, read again now the answer is saved: the page's script puts it under Submit.
            var progress = await submissions.ProgressAsync(submission, await submissions.VersionOfAsync(submission, cancellationToken), cancellationToken);
            return new JsonResult(new { savedAt, readiness = Readiness(progress), complete = progress.Complete });
        });

    /// <summary>Saves every answer of a part at once: the Save button, for browsers without scripts.</summary>
    public Task<IActionResult> OnPostSaveAllAsync(int part, CancellationToken cancellationToken) =>
        ActAsync(async submission =>
        {
            foreach (var field in Request.Form.Keys.Where(k => k.StartsWith("answer-", StringComparison.Ordinal)))
            {
                var bits = field.Split('-');
                if (bits.Length == 3 && int.TryParse(bits[1], out var p) && int.TryParse(bits[2], out var q))
                {
                    await submissions.SaveAnswerAsync(submission, p, q, Request.Form[field].ToString(), cancellationToken);
                }
            }

            return Back(submission, "Saved.", part);
        });

    /// <summary>
    /// Receives one file. The form is read here, not by model binding, so that a cut-off or
    /// oversized request gets a clear answer and changes nothing.
    /// </summary>
    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        // Nothing is model-bound from the body here: binding would read the form first, and fail on a cut-off body before this handler could explain.
        // Binding gives up on a body too large to read, so the submission's id is taken from the address itself.
        Id = Guid.TryParse(RouteData.Values["id"]?.ToString(), out var id) ? id : Id;
        if (await submissions.OwnAsync(Id, cancellationToken) is not { } submission)
        {
            return NotFound();
        }

        // The part comes in the address (the form's action), so nothing binds from the body before it is read below.
        _ = int.TryParse(Request.Query["part"], out var part);
        if (UploadAntiforgeryAttribute.WasTooLarge(HttpContext))
        {
            return TooLarge(submission, part);
        }

        IFormFile? file;
        try
        {
            var form = await Request.ReadFormAsync(cancellationToken);
            file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
            if (int.TryParse(form["part"], out var formPart))
            {
                part = formPart;
            }
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(submission, part);
        }
        catch (Exception cut) when (cut is IOException or InvalidDataException or BadHttpRequestException or OperationCanceledException)
        {
            return Interrupted(submission, part);
        }

        if (file == null)
        {
            throw new RuleException("Choose a file to upload.", $"file-{part}");
        }

        try
        {
            await using var content = file.OpenReadStream();
            var artifact = await uploads.AddFileAsync(submission, part, file.FileName, content, cancellationToken);
            return WantsJson
                ? new JsonResult(new { artifact.Id, name = artifact.DisplayName, artifact.Size, artifact.ContentType })
                : Back(submission, $"“{artifact.DisplayName}” is added.", part);
        }
        catch (RuleException refused)
        {
            // The reason, and the reassurance a teacher on a phone needs most: nothing else changed.
            throw new RuleException(refused.Message + " Nothing was added; the rest of your submission is unchanged.", refused.Field ?? $"file-{part}");
        }
        catch (Exception cut) when (cut is IOException or BadHttpRequestException)
        {
            return Interrupted(submission, part);
        }
    }

    /// <summary>A body too large to read: not a rule's refusal but the request's own size, so 413.</summary>
    private IActionResult TooLarge(Submission submission, int part) =>
        Unread(submission, $"That file is larger than {ArtifactUploads.Megabytes(Limits.MaxFileBytes)}, the most one file can be. Nothing was added; the rest of your submission is unchanged.", part, StatusCodes.Status413PayloadTooLarge);

    /// <summary>A body cut off on the way: a bad request, with nothing changed.</summary>
    private IActionResult Interrupted(Submission submission, int part) =>
        Unread(submission, "The upload was interrupted before the whole file arrived, so nothing was added. Check your connection and try again; the rest of your submission is unchanged.", part, StatusCodes.Status400BadRequest);

    public Task<IActionResult> OnPostLinkAsync(int part, string? url, string? title, CancellationToken cancellationToken) =>
        ActAsync(async submission =>
        {
            var artifact = await uploads.AddLinkAsync(submission, part, url, title, cancellationToken);
            return Back(submission, $"The link “{artifact.DisplayName}” is added.", part);
        });

    public Task<IActionResult> OnPostRemoveAsync(int part, Guid artifact, CancellationToken cancellationToken) =>
        ActAsync(async submission =>
        {
            await uploads.RemoveAsync(submission, artifact, cancellationToken);
            return Back(submission, "Removed.", part);
        });

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken cancellationToken) =>
        ActAsync(async submission =>
        {
            var again = submission.State == SubmissionState.NotYet;
            await submissions.SubmitAsync(submission, cancellationToken);
            return Back(submission, again ? "Resubmitted. A coach will review your revised evidence." : "Submitted. A coach will review it; you will hear by email and here.", null);
        });

    public Task<IActionResult> OnPostWithdrawAsync(CancellationToken cancellationToken) =>
        ActAsync(async submission =>
        {
            await submissions.WithdrawAsync(submission, cancellationToken);
            return Back(submission, "Withdrawn. You can start this micro-credential again from its page.", null);
        });

    /// <summary>Deleting a draft asks first (the page again, with the question beside the button); only a confirmed post deletes.</summary>
    public Task<IActionResult> OnPostDeleteAsync(bool confirm, CancellationToken cancellationToken) =>
        ActAsync(async submission =>
        {
            if (!confirm && SubmissionStateMachine.CanDelete(submission.State))
            {
                await LoadAsync(submission, cancellationToken);
                ConfirmingDelete = true;
                return Page();
            }

            await submissions.DeleteAsync(submission, cancellationToken);
            TempData["Status"] = $"The draft of “{submission.Title}” is deleted, with its files.";
            return Redirect("/me/submissions");
        });

    /// <summary>The teacher's own submission, else 404; a refusal on the way is the refusal filter's to show.</summary>
    private async Task<IActionResult> ActAsync(Func<Submission, Task<IActionResult>> action) =>
        await submissions.OwnAsync(Id, HttpContext.RequestAborted) is { } submission ? await action(submission) : NotFound();

    private bool WantsJson => Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    private IActionResult Back(Submission submission, string message, int? part)
    {
        TempData["Status"] = message;
        return Redirect($"/me/submissions/{submission.Id}" + (part is { } p ? $"#part-{p}" : ""));
    }

    /// <summary>
    /// A request that could not be read whole (too large, cut off): problem details with the reason for
    /// scripts, else the page again with the reason and nothing lost. Refusals by the rules go through
    /// the refusal filter instead.
    /// </summary>
    private IActionResult Unread(Submission submission, string message, int? part, int status)
    {
        if (WantsJson)
        {
            return new ObjectResult(new ProblemDetails { Status = status, Title = "Nothing was added.", Detail = message }) { StatusCode = status, ContentTypes = { "application/problem+json" } };
        }

        TempData["Error"] = message;
        return Redirect($"/me/submissions/{submission.Id}" + (part is { } p ? $"#part-{p}" : ""));
    }

    private async Task LoadAsync(Submission submission, CancellationToken cancellationToken)
    {
        Submission = submission;
        Badge = submission.State == SubmissionState.Passed && badges.FirstOrDefault() is { } earned ? await earned.ForSubmissionAsync(submission.Id, cancellationToken) : null;
        var version = await submissions.VersionOfAsync(submission, cancellationToken);
        Credential = version.Content;
        Evidence = await EvidenceContent.LoadAsync(db, submission, Credential, cancellationToken);
        Progress = await submissions.ProgressAsync(submission, version, cancellationToken);
        var policy = await policies.ForAsync(submission.DistrictId, cancellationToken);
        (MaxAttempts, RetentionYears) = (policy.MaxAttempts, policy.RetentionYears);
        Feedback = (await Api.Feedback.ForTeacherAsync(db, submission, cancellationToken)).Select(r => FeedbackView.Of(r, Credential)).ToList();
        History = await db.Set<Transition>().AsNoTracking().Where(t => t.SubmissionId == submission.Id).OrderBy(t => t.At).ToListAsync(cancellationToken);
        var views = await db.Set<EvidenceView>().AsNoTracking().Where(v => v.SubmissionId == submission.Id).OrderByDescending(v => v.At).Take(100).ToListAsync(cancellationToken);
        var names = (await people.GetAsync(views.Select(v => v.ViewerId).Distinct(), cancellationToken)).ToDictionary(p => p.Id, p => p.DisplayName);
        var files = Evidence.Artifacts.ToDictionary(a => a.Id);
        Viewers = views.Select(v => new ViewerRow(names.GetValueOrDefault(v.ViewerId, "A former member of staff"), v.At, v.ArtifactId switch
        {
            null => "opened the evidence",
            // An image is served to be shown in the reviewer's page (never as an attachment), so fetching it is a view.
            { } a when files.TryGetValue(a, out var file) => $"{(FileTypes.IsShownInline(file.ContentType) ? "viewed" : "downloaded")} “{file.DisplayName}”",
            _ => "looked at a file since removed",
        })).ToList();
        Error = TempData["Error"] as string;
    }
}
