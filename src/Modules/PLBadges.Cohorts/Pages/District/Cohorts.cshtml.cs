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
using PLBadges.Organizations.Contracts;

namespace PLBadges.Cohorts.Pages.District;

/// <summary>
/// /district/cohorts: the district's academies, a form to start one, and the schools in no academy
/// yet with the academy that fits each one's rollout date (the year-ahead rule).
/// </summary>
[RequirePermission(CohortPermissions.Names.Manage)]
public sealed class CohortsModel(CohortService cohorts, PLBadgesDbContext db, IOrganizationDirectory organizations, TimeProvider clock) : PageModel, IRefusablePage
{
    public sealed record Listed(Guid Id, string Name, string ProgrammeYear, int Schools, DateOnly? Begins, int Sessions);

    /// <param name="NeedsFix">The school's stored rollout date is outside the planning range: it is shown to be corrected, not planned for.</param>
    public sealed record Waiting(OrganizationInfo School, DateOnly LatestStart, bool Overdue, Listed? Suggested, bool SuggestedInTime, bool NeedsFix = false);

    public IReadOnlyList<OrganizationInfo> Districts { get; private set; } = [];

    public IReadOnlyList<Listed> Academies { get; private set; } = [];

    public IReadOnlyList<Waiting> Unplaced { get; private set; } = [];

    public int LeadMonths { get; private set; } = YearAhead.DefaultLeadMonths;

    [BindProperty]
    public Guid DistrictId { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? ProgrammeYear { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (DistrictId == Guid.Empty && await cohorts.ManagedDistrictsAsync(cancellationToken) is [var only])
        {
            DistrictId = only.Id; // one district: the form does not ask
        }

        var cohort = await cohorts.CreateAsync(DistrictId, Name, ProgrammeYear, cancellationToken);
        return Redirect($"/district/cohorts/{cohort.Id}");
    }

    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return true;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Districts = await cohorts.ManagedDistrictsAsync(cancellationToken);
        var districtIds = Districts.Select(d => d.Id).ToList();
        var list = await db.Set<Cohort>().AsNoTracking().Where(c => districtIds.Contains(c.DistrictId)).OrderBy(c => c.Name).ToListAsync(cancellationToken);
        var ids = list.Select(c => c.Id).ToList();
        var schools = await db.Set<CohortSchool>().AsNoTracking().Where(s => ids.Contains(s.CohortId)).ToListAsync(cancellationToken);
        var sessions = await db.Set<CohortSession>().AsNoTracking().Where(s => ids.Contains(s.CohortId)).Select(s => new { s.CohortId, s.StartUtc }).ToListAsync(cancellationToken);
        var zones = new Dictionary<Guid, TimeZoneInfo>();
        foreach (var district in Districts)
        {
            zones[district.Id] = await cohorts.ZoneAsync(district.Id, cancellationToken);
        }

        Academies = list.Select(c =>
        {
            var first = sessions.Where(s => s.CohortId == c.Id).Select(s => (DateTime?)s.StartUtc).Min();
            return new Listed(c.Id, c.Name, c.ProgrammeYear, schools.Count(s => s.CohortId == c.Id),
                first is { } f ? DateOnly.FromDateTime(CohortService.ToLocal(zones[c.DistrictId], f)) : null,
                sessions.Count(s => s.CohortId == c.Id));
        }).ToList();

        var leads = await db.Set<ReadinessSettings>().AsNoTracking().Where(s => districtIds.Contains(s.DistrictId)).ToDictionaryAsync(s => s.DistrictId, s => s.LeadMonths, cancellationToken);
        int LeadOf(Guid? district) => district is { } d && leads.TryGetValue(d, out var months) ? months : YearAhead.DefaultLeadMonths;
        LeadMonths = Districts.Count == 1 ? LeadOf(Districts[0].Id) : YearAhead.DefaultLeadMonths;
        var placed = schools.Select(s => s.SchoolId).ToHashSet();
        var all = (await organizations.ListAsync(await organizations.WithDescendantsAsync(districtIds, cancellationToken), cancellationToken))
            .Where(o => o.Kind == PLBadges.Abstractions.Security.OrganizationKind.School && !placed.Contains(o.Id) && o.DeviceRolloutDate != null).OrderBy(o => o.DeviceRolloutDate).ToList();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Unplaced = all.Select(s =>
        {
            var lead = LeadOf(s.DistrictId);
            if (!YearAhead.IsUsable(s.DeviceRolloutDate!.Value))
            {
                return new Waiting(s, DateOnly.MinValue, false, null, false, NeedsFix: true);
            }

            var latest = YearAhead.LatestStart(s.DeviceRolloutDate!.Value, lead);
            var suggested = YearAhead.Suggest(Academies.Where(a => list.First(c => c.Id == a.Id).DistrictId == s.DistrictId), a => a.Begins, s.DeviceRolloutDate.Value, lead, today);
            return new Waiting(s, latest, today > latest, suggested, suggested?.Begins is { } b && YearAhead.BeganInTime(b, s.DeviceRolloutDate.Value, lead));
        }).ToList();
    }
}
