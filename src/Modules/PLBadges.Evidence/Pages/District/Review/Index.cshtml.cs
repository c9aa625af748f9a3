using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Evidence.Reviewing;
using PLBadges.Evidence.Submissions;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Evidence.Pages.District.Review;

/// <summary>The district's review report: what waits and for how long, what was decided, and how well reviewers agree.</summary>
[RequirePermission(EvidencePermissions.Names.Manage)]
public sealed class IndexModel(IDistrictContext districts, PLBadgesDbContext db, ReviewPolicies policies, AgreementReport agreement, IPeopleDirectory people, TimeProvider clock) : PageModel
{
    public DistrictChoice Choice { get; private set; } = null!;

    public int Waiting { get; private set; }

    public int InReview { get; private set; }

    public int AwaitingLead { get; private set; }

    public int Overdue { get; private set; }

    public int TargetDays { get; private set; }

    public int Passed { get; private set; }

    public int NotYet { get; private set; }

    public double? MedianDaysToDecision { get; private set; }

    public IReadOnlyList<AgreementRow> ByMicroCredential { get; private set; } = [];

    public IReadOnlyList<(string Coach, AgreementRow Row)> ByCoach { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? district, CancellationToken cancellationToken)
    {
        Choice = await districts.ResolveAsync(EvidencePermissions.Manage, district, cancellationToken);
        if (Choice.Current is not { } current)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var policy = await policies.ForAsync(current.Id, cancellationToken);
        TargetDays = policy.TargetDays;
        var open = db.Set<Submission>().AsNoTracking().Where(s => s.DistrictId == current.Id && (s.State == SubmissionState.Submitted || s.State == SubmissionState.InReview));
        Waiting = await open.CountAsync(s => s.State == SubmissionState.Submitted, cancellationToken);
        InReview = await open.CountAsync(s => s.State == SubmissionState.InReview, cancellationToken);
        AwaitingLead = await open.CountAsync(s => s.AwaitingLead, cancellationToken);
        var late = now.AddDays(-policy.TargetDays);
        Overdue = await open.CountAsync(s => s.SubmittedAt < late, cancellationToken);

        var since = now.AddDays(-90);
        var decided = await db.Set<Submission>().AsNoTracking()
            .Where(s => s.DistrictId == current.Id && s.DecidedAt >= since && (s.State == SubmissionState.Passed || s.State == SubmissionState.NotYet))
            .Select(s => new { s.State, s.SubmittedAt, s.DecidedAt }).ToListAsync(cancellationToken);
        Passed = decided.Count(d => d.State == SubmissionState.Passed);
        NotYet = decided.Count(d => d.State == SubmissionState.NotYet);
        var days = decided.Where(d => d.SubmittedAt != null).Select(d => (d.DecidedAt!.Value - d.SubmittedAt!.Value).TotalDays).Order().ToList();
        MedianDaysToDecision = days.Count == 0 ? null : days.Count % 2 == 1 ? days[days.Count / 2] : (days[days.Count / 2 - 1] + days[days.Count / 2]) / 2;

        var (byCredential, byCoach) = await agreement.ForDistrictAsync(current.Id, cancellationToken);
        ByMicroCredential = byCredential;
        var names = (await people.GetAsync(byCoach.Select(c => c.CoachId), cancellationToken)).ToDictionary(p => p.Id, p => p.DisplayName);
        ByCoach = byCoach.Select(c => (names.GetValueOrDefault(c.CoachId, "A former coach"), c.Row)).OrderBy(c => c.Item1).ToList();
        return Page();
    }

    public static string Kappa(Agreement agreement) => agreement.Kappa is { } k ? k.ToString("0.00") : "n/a";
}
