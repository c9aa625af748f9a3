using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Data;
using PLBadges.Evidence.Submissions;
using PLBadges.Identity.Contracts;

namespace PLBadges.Evidence.Pages.Evidence;

/// <summary>
/// A decided submission's evidence, read-only: the address a credential's evidence points to. Only
/// the teacher and the district's reviewers may open it (anyone else gets 404), and every look by
/// someone other than the teacher is logged.
/// </summary>
[Authorize]
public sealed class ShowModel(PLBadgesDbContext db, EvidenceAccess access, SubmissionService submissions, IPeopleDirectory people) : PageModel
{
    internal Submission Submission { get; private set; } = null!;

    public string Title => Submission.Title;

    public string TeacherName { get; private set; } = "";

    public int Attempt => Submission.Attempt;

    public DateTime? DecidedAt => Submission.DecidedAt;

    public DateTime? PurgedAt => Submission.PurgedAt;

    public string State => SubmissionStateMachine.Describe(Submission.State);

    public EvidenceContent Evidence { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var submission = await db.Set<Submission>().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (submission == null || !await access.CanSeeAsync(submission, cancellationToken))
        {
            return NotFound();
        }

        Submission = submission;
        var version = await submissions.VersionOfAsync(submission, cancellationToken);
        Evidence = await EvidenceContent.LoadAsync(db, submission, version.Content, cancellationToken);
        TeacherName = (await people.GetAsync([submission.TeacherId], cancellationToken)).FirstOrDefault()?.DisplayName ?? "";
        access.LogView(submission);
        await db.SaveChangesAsync(cancellationToken);
        return Page();
    }
}
