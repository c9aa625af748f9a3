using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Evidence.Reviewing;
using PLBadges.Evidence.Submissions;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Evidence.Pages.Review;

/// <summary>The coach's queue: what they may claim, oldest first, with filters; and their open claims.</summary>
[RequirePermission(EvidencePermissions.Names.Review)]
public sealed class IndexModel(ReviewQueue queue, ReviewService reviews, IOrganizationDirectory organizations, TimeProvider clock) : PageModel, IRefusablePage
{
    public sealed record ClaimRow(Guid ReviewId, string Title, int Attempt, ReviewKind Kind, DateTime ExpiresAt);

    [BindProperty(SupportsGet = true)]
    public Guid? Pathway { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? MicroCredential { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? School { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Attempt { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    [FromQuery] // only the address's ?page=: Razor Pages' own route value "page" (the page's path) is no number
    public int PageNumber { get; set; } = 1;

    public QueuePage Queue { get; private set; } = new([], 0, [], []);

    public IReadOnlyList<ClaimRow> Claims { get; private set; } = [];

    public IReadOnlyList<OrganizationInfo> Schools { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> SchoolNames { get; private set; } = new Dictionary<Guid, string>();

    public DateTime Now { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => ReloadAsync(cancellationToken);

    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        PageNumber = Math.Max(1, PageNumber);
        Queue = await queue.PageAsync(new QueueFilter(Pathway, MicroCredential, School, Attempt), PageNumber, cancellationToken);
        Claims = (await queue.MyClaimsAsync(cancellationToken))
            .Select(c => new ClaimRow(c.Review.Id, c.Submission.Title, c.Submission.Attempt, c.Review.Kind, c.Review.ClaimExpiresAt)).ToList();
        Schools = (await organizations.ListAsync(Queue.Schools.Concat(Queue.Items.Where(i => i.SchoolId != null).Select(i => i.SchoolId!.Value)).Distinct(), cancellationToken))
            .OrderBy(o => o.Name).ToList();
        SchoolNames = Schools.ToDictionary(s => s.Id, s => s.Name);
        return true;
    }

    public async Task<IActionResult> OnPostClaimAsync(Guid submission, CancellationToken cancellationToken)
    {
        var review = await reviews.ClaimAsync(submission, cancellationToken);
        return Redirect($"/review/{review}");
    }

    public static string Waiting(DateTime since, DateTime now)
    {
        var span = now - since;
        return span.TotalDays >= 1 ? $"{(int)span.TotalDays} day{((int)span.TotalDays == 1 ? "" : "s")}" : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h" : "under an hour";
    }
}
