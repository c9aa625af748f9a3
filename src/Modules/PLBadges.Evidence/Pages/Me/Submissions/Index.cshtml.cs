using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Evidence.Submissions;

namespace PLBadges.Evidence.Pages.Me.Submissions;

[RequirePermission(EvidencePermissions.Names.Submit)]
public sealed class IndexModel(PLBadgesDbContext db, EvidenceAccess access) : PageModel
{
    public sealed record Row(Guid Id, string Title, string Slug, SubmissionState State, int Attempt, DateTime UpdatedAt, DateTime? SubmittedAt, DateTime? DecidedAt);

    public IReadOnlyList<Row> Open { get; private set; } = [];

    public IReadOnlyList<Row> Finished { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = access.PersonId ?? Guid.Empty;
        var rows = await db.Set<Submission>().AsNoTracking().Where(s => s.TeacherId == me)
            .OrderByDescending(s => s.UpdatedAt).Take(500)
            .Select(s => new Row(s.Id, s.Title, s.Slug, s.State, s.Attempt, s.UpdatedAt, s.SubmittedAt, s.DecidedAt)).ToListAsync(cancellationToken);
        Open = rows.Where(r => r.State is SubmissionState.Draft or SubmissionState.NotYet or SubmissionState.Submitted or SubmissionState.InReview).ToList();
        Finished = rows.Except(Open).ToList();
    }

    public static string NextStep(Row row) => row.State switch
    {
        SubmissionState.Draft => "Continue when you have a planning period",
        SubmissionState.NotYet => "Read the feedback, revise and resubmit",
        SubmissionState.Submitted => "Waiting for a coach",
        SubmissionState.InReview => "A coach is reviewing it",
        SubmissionState.Passed => "Passed",
        _ => "Withdrawn",
    };
}
