using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Security;
using PLBadges.Coaching.Cycles;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Coaching.Pages.Coaching;

/// <summary>Starts a cycle: a school the coach serves, one teacher or a small group of its teachers, and a goal.</summary>
[RequirePermission(CoachingPermissions.Names.Coach)]
public sealed class NewModel(CoachingAccess access, CoachingService coaching, IPeopleDirectory people, IMicroCredentialCatalog catalog) : PageModel
{
    public const int MaxGroup = 6;

    public static readonly string[] FocusAreas = ["Executive functioning", "Universal Design for Learning", "MTSS and data-based decisions", "Self-advocacy", "Other"];

    public IReadOnlyList<OrganizationInfo> Schools { get; private set; } = [];

    public OrganizationInfo? School { get; private set; }

    public IReadOnlyList<PersonInfo> Teachers { get; private set; } = [];

    public IReadOnlyList<MicroCredentialSummary> MicroCredentials { get; private set; } = [];

    [BindProperty]
    public List<Guid> TeacherIds { get; set; } = [];

    [BindProperty]
    public string? Goal { get; set; }

    [BindProperty]
    public string? MicroCredential { get; set; }

    [BindProperty]
    public string? FocusArea { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid? school, CancellationToken cancellationToken) =>
        await LoadAsync(school, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid? school, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(school, cancellationToken) || School == null)
        {
            return NotFound();
        }

        var chosen = TeacherIds.Distinct().ToList();
        if (chosen.Count == 0)
        {
            ModelState.AddModelError(nameof(TeacherIds), "Choose the teacher (or teachers) you will coach.");
        }
        else if (chosen.Count > MaxGroup)
        {
            ModelState.AddModelError(nameof(TeacherIds), $"A group cycle has at most {MaxGroup} teachers.");
        }
        else if (chosen.Any(id => Teachers.All(t => t.Id != id)))
        {
            ModelState.AddModelError(nameof(TeacherIds), "Choose teachers of this school.");
        }

        if (string.IsNullOrWhiteSpace(Goal) || Goal.Trim().Length > 1000)
        {
            ModelState.AddModelError(nameof(Goal), "Write the goal of the cycle (up to 1,000 characters).");
        }

        if (!string.IsNullOrEmpty(MicroCredential) && MicroCredentials.All(m => m.Slug != MicroCredential))
        {
            ModelState.AddModelError(nameof(MicroCredential), "Choose one of the district's micro-credentials, or none.");
        }

        if (!string.IsNullOrEmpty(FocusArea) && !FocusAreas.Contains(FocusArea))
        {
            ModelState.AddModelError(nameof(FocusArea), "Choose one of the focus areas.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var cycle = await coaching.StartCycleAsync(access.PersonId!.Value, School, chosen, Goal!, MicroCredential, FocusArea, cancellationToken);
        TempData["Status"] = "Cycle started. Suggest a time for the planning conference.";
        return Redirect($"/coaching/cycles/{cycle.Id}");
    }

    private async Task<bool> LoadAsync(Guid? school, CancellationToken cancellationToken)
    {
        Schools = await access.CoachingSchoolsAsync(cancellationToken);
        if (school != null && Schools.All(s => s.Id != school))
        {
            return false;
        }

        School = school == null ? (Schools.Count == 1 ? Schools[0] : null) : Schools.First(s => s.Id == school);
        if (School != null)
        {
            Teachers = (await people.WithRoleAsync(Role.Teacher, [School.Id], cancellationToken)).Where(p => p.IsActive && p.Id != access.PersonId).OrderBy(p => p.DisplayName).ToList();
            MicroCredentials = await catalog.AvailableToAsync(School.DistrictId ?? School.Id, cancellationToken);
        }

        return true;
    }
}
