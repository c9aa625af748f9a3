using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Cohorts.Academy;
using PLBadges.Cohorts.Readiness;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Cohorts.Pages.District;

/// <summary>
/// /district/cohorts/{id}: one academy for its district's admins: its schools (each checked against
/// the year-ahead rule), each school's leadership team with its missing roles, the facilitator,
/// sessions and required learning. Each form changes one thing; a refused change says why (422).
/// </summary>
[RequirePermission(CohortPermissions.Names.Manage)]
public sealed class CohortModel(CohortService cohorts, PLBadgesDbContext db, IOrganizationDirectory organizations, IPeopleDirectory people, IMicroCredentialCatalog catalog, IResourceLibrary library, TimeProvider clock) : PageModel, IRefusablePage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public sealed record SchoolView(OrganizationInfo School, IReadOnlyList<(PersonInfo Person, TeamRole Role)> Team, IReadOnlyList<TeamRole> Missing, IReadOnlyList<PersonInfo> Candidates, string? Timing, bool Late);

    public sealed record SessionView(Guid Id, string Title, DateTime Start, DateTime End, string? Place, string? Link, bool Begun, int Present, int Recorded, IReadOnlyList<ResourceLink> Resources);

    internal Cohort Cohort { get; private set; } = null!;

    public IReadOnlyList<SchoolView> Schools { get; private set; } = [];

    public IReadOnlyList<OrganizationInfo> OtherSchools { get; private set; } = [];

    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    public IReadOnlyList<string> Required { get; private set; } = [];

    public IReadOnlyList<ResourceLink> Bank { get; private set; } = [];

    public IReadOnlyList<MicroCredentialSummary> Offered { get; private set; } = [];

    public IReadOnlyList<PersonInfo> Facilitators { get; private set; } = [];

    public PersonInfo? Facilitator { get; private set; }

    public string? Notice { get; private set; }

    public string CohortName => Cohort.Name;

    public string ProgrammeYear => Cohort.ProgrammeYear;

    public Guid CohortId => Cohort.Id;

    public Guid? FacilitatorId => Cohort.FacilitatorId;

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Notice = done;
        return await ReloadAsync(cancellationToken) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostSchoolAsync(Guid schoolId, CancellationToken cancellationToken) =>
        ChangeAsync(c => cohorts.AddSchoolAsync(c, schoolId, cancellationToken), "School added.", cancellationToken);

    public Task<IActionResult> OnPostMemberAsync(Guid schoolId, Guid personId, TeamRole role, CancellationToken cancellationToken) =>
        ChangeAsync(c => cohorts.SetMemberAsync(c, schoolId, personId, role, cancellationToken), "Team member saved.", cancellationToken);

    public Task<IActionResult> OnPostRemoveMemberAsync(Guid schoolId, Guid personId, CancellationToken cancellationToken) =>
        ChangeAsync(c => cohorts.RemoveMemberAsync(c, schoolId, personId, cancellationToken), "Team member removed.", cancellationToken);

    public Task<IActionResult> OnPostFacilitatorAsync(Guid? personId, CancellationToken cancellationToken) =>
        ChangeAsync(c => cohorts.SetFacilitatorAsync(c, personId, cancellationToken), "Facilitator saved.", cancellationToken);

    public Task<IActionResult> OnPostRequireAsync(string? slug, RequirementScope scope, CancellationToken cancellationToken) =>
        ChangeAsync(c => cohorts.RequireAsync(c, slug, scope, cancellationToken), "Required learning saved.", cancellationToken);

    public Task<IActionResult> OnPostSessionAsync(string? title, DateOnly? date, string? starts, string? ends, string? place, string? link, string? agenda, List<Guid>? resources, CancellationToken cancellationToken) =>
        ChangeAsync(c => cohorts.AddSessionAsync(c, title, date, starts, ends, place, link, agenda, resources, cancellationToken), "Session added.", cancellationToken);

    public Task<bool> ReloadAsync(CancellationToken cancellationToken) => LoadAsync(Id, cancellationToken);

    private async Task<IActionResult> ChangeAsync(Func<Cohort, Task> change, string done, CancellationToken cancellationToken)
    {
        if (await cohorts.ManagedAsync(Id, cancellationToken) is not { } cohort)
        {
            return NotFound();
        }

        await change(cohort);
        return Redirect($"/district/cohorts/{Id}?done={Uri.EscapeDataString(done)}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await cohorts.ManagedAsync(id, cancellationToken) is not { } cohort)
        {
            return false;
        }

        Cohort = cohort;
        var zone = await cohorts.ZoneAsync(cohort.DistrictId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var sessions = await db.Set<CohortSession>().AsNoTracking().Where(s => s.CohortId == id).OrderBy(s => s.StartUtc).ToListAsync(cancellationToken);
        var sessionIds = sessions.Select(s => s.Id).ToList();
        var marks = await db.Set<SessionAttendance>().AsNoTracking().Where(a => sessionIds.Contains(a.SessionId)).ToListAsync(cancellationToken);
        var attached = await db.Set<CohortSessionResource>().AsNoTracking().Where(r => sessionIds.Contains(r.SessionId)).ToListAsync(cancellationToken);
        var resources = (await library.GetAsync(attached.Select(r => r.ResourceId), cancellationToken)).ToDictionary(r => r.Id);
        DateTime Local(DateTime utc) => CohortService.ToLocal(zone, utc);
        Sessions = sessions.Select(s => new SessionView(s.Id, s.Title, Local(s.StartUtc), Local(s.EndUtc), s.Place, s.OnlineLink, s.StartUtc <= now,
            marks.Count(m => m.SessionId == s.Id && m.Present), marks.Count(m => m.SessionId == s.Id),
            attached.Where(r => r.SessionId == s.Id && resources.ContainsKey(r.ResourceId)).Select(r => resources[r.ResourceId]).OrderBy(r => r.Title).ToList())).ToList();
        DateOnly? begins = Sessions.Count > 0 ? DateOnly.FromDateTime(Sessions[0].Start) : null;

        var lead = await cohorts.LeadMonthsAsync(cohort.DistrictId, cancellationToken);
        var schoolIds = await db.Set<CohortSchool>().AsNoTracking().Where(s => s.CohortId == id).Select(s => s.SchoolId).ToListAsync(cancellationToken);
        var team = await db.Set<TeamMember>().AsNoTracking().Where(m => m.CohortId == id).ToListAsync(cancellationToken);
        var named = (await people.GetAsync(team.Select(m => m.PersonId), cancellationToken)).ToDictionary(p => p.Id);
        var views = new List<SchoolView>();
        foreach (var school in (await organizations.ListAsync(schoolIds, cancellationToken)).OrderBy(s => s.Name))
        {
            var members = team.Where(m => m.SchoolId == school.Id && named.ContainsKey(m.PersonId)).Select(m => (named[m.PersonId], m.Role)).OrderBy(m => m.Role).ToList();
            string? timing = null;
            var late = false;
            if (school.DeviceRolloutDate is { } stored && !YearAhead.IsUsable(stored))
            {
                timing = $"Its rollout date ({stored:d MMMM yyyy}) needs a fix on the school's page.";
            }
            else if (school.DeviceRolloutDate is { } rollout)
            {
                var latest = YearAhead.LatestStart(rollout, lead);
                late = begins is { } b ? !YearAhead.BeganInTime(b, rollout, lead) : DateOnly.FromDateTime(Local(now)) > latest;
                timing = begins is { } start
                    ? $"Devices arrive {rollout:d MMMM yyyy}; the academy {(start <= DateOnly.FromDateTime(Local(now)) ? "began" : "begins")} {start:d MMMM yyyy}, {(late ? "later than" : "in time for")} the {lead}-month rule (by {latest:d MMMM yyyy})."
                    : $"Devices arrive {rollout:d MMMM yyyy}; the academy should begin by {latest:d MMMM yyyy}{(late ? ", a date already past" : "")}. Add its first session.";
            }

            views.Add(new SchoolView(school, members, Enum.GetValues<TeamRole>().Where(r => members.All(m => m.Role != r)).ToList(),
                await cohorts.SchoolPeopleAsync(school.Id, cohort.DistrictId, cancellationToken), timing, late));
        }

        Schools = views;
        OtherSchools = (await organizations.ListAsync(await organizations.WithDescendantsAsync([cohort.DistrictId], cancellationToken), cancellationToken))
            .Where(o => o.Kind == PLBadges.Abstractions.Security.OrganizationKind.School && !schoolIds.Contains(o.Id)).OrderBy(o => o.Name).ToList();
        Required = (await db.Set<CohortRequirement>().AsNoTracking().Where(r => r.CohortId == id).OrderBy(r => r.Title).ToListAsync(cancellationToken))
            .Select(r => $"{r.Title} ({RequiredLearning.Label(r.Scope)})").ToList();
        Bank = await library.AvailableToAsync(cohort.DistrictId, cancellationToken);
        Offered = await catalog.AvailableToAsync(cohort.DistrictId, cancellationToken);
        Facilitators = views.SelectMany(v => v.Candidates).DistinctBy(p => p.Id).OrderBy(p => p.DisplayName).ToList();
        Facilitator = cohort.FacilitatorId is { } f ? (await people.GetAsync([f], cancellationToken)).FirstOrDefault() : null;
        return true;
    }
}
