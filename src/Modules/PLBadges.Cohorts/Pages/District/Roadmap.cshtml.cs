using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Cohorts.Academy;
using PLBadges.Cohorts.Roadmap;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Cohorts.Pages.District;

/// <summary>
/// /district/roadmap: the district's multi-year roadmap (year 0, planning, to year 3), started from
/// the platform's template; each milestone with its due day, owner, link to an academy, wave or
/// rollout, and its state (done, overdue, due soon, upcoming), overdue ones first in the summary.
/// </summary>
[RequirePermission(CohortPermissions.Names.Manage)]
public sealed class RoadmapModel(RoadmapService roadmap, CohortService cohorts, TimeProvider clock) : PageModel, IRefusablePage
{
    /// <summary>The district the page shows (query or form), kept for showing it again after a refusal.</summary>
    [BindProperty(SupportsGet = true, Name = "district")]
    public Guid? DistrictId { get; set; }

    public sealed record Line(Guid Id, int Year, string Title, string Description, DateOnly DueOn, DateOnly? DoneOn, MilestoneState State, PersonInfo? Owner, string SuggestedOwner, LinkTarget? Link);

    public IReadOnlyList<OrganizationInfo> Districts { get; private set; } = [];

    public OrganizationInfo? District { get; private set; }

    public IReadOnlyList<Line> Milestones { get; private set; } = [];

    public IReadOnlyList<LinkTarget> Targets { get; private set; } = [];

    public IReadOnlyList<PersonInfo> Owners { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public string? Notice { get; private set; }

    public static string YearLabel(int year) => year == 0 ? "Year 0: planning" : $"Year {year}";

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Notice = done;
        return await ReloadAsync(cancellationToken) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostStartAsync(DateOnly? beginsOn, CancellationToken cancellationToken) =>
        ChangeAsync(district => roadmap.StartAsync(district, beginsOn, cancellationToken), "Roadmap started from the template.");

    public Task<IActionResult> OnPostAddAsync(string? title, int? year, DateOnly? dueOn, Guid? ownerId, string? link, CancellationToken cancellationToken) =>
        ChangeAsync(district => roadmap.AddAsync(district, title, year, dueOn, ownerId, link, cancellationToken), "Milestone added.");

    public Task<IActionResult> OnPostUpdateAsync(Guid milestoneId, DateOnly? dueOn, Guid? ownerId, string? link, CancellationToken cancellationToken) =>
        ChangeAsync(_ => roadmap.UpdateAsync(milestoneId, dueOn, ownerId, link, cancellationToken), "Milestone saved.");

    public Task<IActionResult> OnPostMarkAsync(Guid milestoneId, bool done, CancellationToken cancellationToken) =>
        ChangeAsync(_ => roadmap.MarkAsync(milestoneId, done, cancellationToken), done ? "Marked done." : "Opened again.");

    public Task<bool> ReloadAsync(CancellationToken cancellationToken) => LoadAsync(DistrictId, cancellationToken);

    private async Task<IActionResult> ChangeAsync(Func<Guid, Task> change, string done)
    {
        if (DistrictId is not { } district)
        {
            return NotFound();
        }

        await change(district);
        return Redirect($"/district/roadmap?district={district}&done={Uri.EscapeDataString(done)}");
    }

    private async Task<bool> LoadAsync(Guid? districtId, CancellationToken cancellationToken)
    {
        Districts = await cohorts.ManagedDistrictsAsync(cancellationToken);
        District = districtId is { } id ? Districts.FirstOrDefault(d => d.Id == id) : Districts.FirstOrDefault();
        if (District == null)
        {
            return districtId == null;
        }

        var zone = await cohorts.ZoneAsync(District.Id, cancellationToken);
        Today = DateOnly.FromDateTime(CohortService.ToLocal(zone, clock.GetUtcNow().UtcDateTime));
        Targets = await roadmap.TargetsAsync(District.Id, cancellationToken);
        Owners = await roadmap.OwnersAsync(District.Id, cancellationToken);
        var owners = Owners.ToDictionary(p => p.Id);
        var targets = Targets.ToDictionary(t => (t.Kind, t.Id));
        Milestones = (await roadmap.MilestonesAsync(District.Id, cancellationToken)).Select(m => new Line(
            m.Id, m.Year, m.Title, m.Description, m.DueOn, m.DoneOn, MilestoneRule.StateOf(m.DueOn, m.DoneOn, Today),
            m.OwnerId is { } o ? owners.GetValueOrDefault(o) : null, m.SuggestedOwner,
            m.LinkId is { } l ? targets.GetValueOrDefault((m.Link, l)) : null)).ToList();
        return true;
    }
}
