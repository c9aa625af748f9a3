using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Evidence.Reviewing;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Evidence.Pages.District.Review;

/// <summary>The district's review rules.</summary>
[RequirePermission(EvidencePermissions.Names.Manage)]
public sealed class SettingsModel(IDistrictContext districts, PLBadgesDbContext db, ReviewPolicies policies, IMicroCredentialCatalog catalog, IPeopleDirectory people, IOrganizationDirectory organizations) : PageModel
{
    public sealed class Input
    {
        [Display(Name = "Attempts allowed")]
        [Range(1, 10, ErrorMessage = "Allow between 1 and 10 attempts.")]
        public int MaxAttempts { get; set; } = 3;

        [Display(Name = "Hours a claim lasts")]
        [Range(1, 336, ErrorMessage = "A claim lasts between 1 hour and 14 days (336 hours).")]
        public int ClaimHours { get; set; } = 48;

        public bool ExcludeOwnSchool { get; set; }

        [Display(Name = "Share of all submissions with a second review (%)")]
        [Range(0, 100, ErrorMessage = "Give a percentage from 0 to 100.")]
        public int SecondReviewPercent { get; set; }

        [Display(Name = "Target days to a decision")]
        [Range(1, 90, ErrorMessage = "Set a target between 1 and 90 days.")]
        public int TargetDays { get; set; } = 7;

        [Display(Name = "Years to keep decided evidence")]
        [Range(ReviewPolicy.MinRetentionYears, ReviewPolicy.MaxRetentionYears, ErrorMessage = "Keep evidence between 1 and 20 years.")]
        public int RetentionYears { get; set; } = 7;

        public List<Guid> SecondReviewMicroCredentials { get; set; } = [];

        public List<Guid> LeadCoaches { get; set; } = [];
    }

    [BindProperty]
    public Input Form { get; set; } = new();

    public DistrictChoice Choice { get; private set; } = null!;

    public IReadOnlyList<MicroCredentialSummary> MicroCredentials { get; private set; } = [];

    public IReadOnlyList<PersonInfo> Coaches { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? district, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(district, cancellationToken))
        {
            return NotFound();
        }

        var policy = await policies.ForAsync(Choice.Current!.Id, cancellationToken);
        Form = new Input
        {
            MaxAttempts = policy.MaxAttempts,
            ClaimHours = policy.ClaimHours,
            ExcludeOwnSchool = policy.ExcludeOwnSchool,
            SecondReviewPercent = policy.SecondReviewPercent,
            TargetDays = policy.TargetDays,
            RetentionYears = policy.RetentionYears,
            SecondReviewMicroCredentials = policy.SecondReviewMicroCredentials,
            LeadCoaches = policy.LeadCoaches,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? district, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(district, cancellationToken) || district != Choice.Current!.Id)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var districtId = Choice.Current.Id;
        var policy = await db.Set<ReviewPolicy>().FirstOrDefaultAsync(p => p.DistrictId == districtId, cancellationToken);
        if (policy == null)
        {
            policy = new ReviewPolicy { DistrictId = districtId };
            db.Add(policy);
        }

        policy.MaxAttempts = Form.MaxAttempts;
        policy.ClaimHours = Form.ClaimHours;
        policy.ExcludeOwnSchool = Form.ExcludeOwnSchool;
        policy.SecondReviewPercent = Form.SecondReviewPercent;
        policy.TargetDays = Form.TargetDays;
        policy.RetentionYears = Form.RetentionYears;
        // Only this district's micro-credentials and coaches can be named.
        policy.SecondReviewMicroCredentials = Form.SecondReviewMicroCredentials.Where(id => MicroCredentials.Any(m => m.MicroCredentialId == id)).Distinct().ToList();
        policy.LeadCoaches = Form.LeadCoaches.Where(id => Coaches.Any(c => c.Id == id)).Distinct().ToList();
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "Review rules saved. They apply to submissions from now on.";
        return Redirect($"/district/review/settings?district={districtId}");
    }

    private async Task<bool> LoadAsync(Guid? district, CancellationToken cancellationToken)
    {
        Choice = await districts.ResolveAsync(EvidencePermissions.Manage, district, cancellationToken);
        if (Choice.Current is not { } current)
        {
            return false;
        }

        MicroCredentials = await catalog.AvailableToAsync(current.Id, cancellationToken);
        var reach = await organizations.WithDescendantsAsync([current.Id], cancellationToken);
        Coaches = (await people.WithRoleAsync(Role.Coach, reach, cancellationToken)).Where(p => p.IsActive).OrderBy(p => p.DisplayName).ToList();
        return true;
    }
}
