using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Cohorts.Academy;
using PLBadges.Cohorts.Waves;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Cohorts.Pages.District;

/// <summary>
/// /district/waves: the district's waves of professional learning in order, a form to add one, and
/// placement: a school's teachers with their self-assessments, the wave each suggests, and the
/// wave the admin chooses.
/// </summary>
[RequirePermission(CohortPermissions.Names.Manage)]
public sealed class WavesModel(WaveService waves, CohortService cohorts, PLBadgesDbContext db, IOrganizationDirectory organizations) : PageModel, IRefusablePage
{
    /// <summary>The district and school the page shows (query or form), kept for showing it again after a refusal.</summary>
    [BindProperty(SupportsGet = true, Name = "district")]
    public Guid? DistrictId { get; set; }

    [BindProperty(SupportsGet = true, Name = "school")]
    public Guid? SchoolId { get; set; }

    public sealed record WaveLine(Guid Id, int Number, string Name, DateOnly StartsOn, DateOnly EndsOn, int Teachers, int Targets, int PeerCoaches);

    public sealed record Placement(WaveTeacher Teacher, int? Suggested, Guid? Current);

    public IReadOnlyList<OrganizationInfo> Districts { get; private set; } = [];

    public OrganizationInfo? District { get; private set; }

    public IReadOnlyList<WaveLine> Waves { get; private set; } = [];

    public IReadOnlyList<OrganizationInfo> Schools { get; private set; } = [];

    public OrganizationInfo? School { get; private set; }

    public IReadOnlyList<Placement> Placements { get; private set; } = [];

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Notice = done;
        return await ReloadAsync(cancellationToken) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostAsync(string? name, DateOnly? startsOn, DateOnly? endsOn, CancellationToken cancellationToken)
    {
        SchoolId = null;
        return ChangeAsync(district => waves.CreateAsync(district, name, startsOn, endsOn, cancellationToken), "Wave added.");
    }

    public Task<IActionResult> OnPostPlaceAsync(Guid personId, Guid? waveId, CancellationToken cancellationToken) =>
        ChangeAsync(district => waves.PlaceAsync(district, personId, waveId, cancellationToken), waveId == null ? "Taken out of the waves." : "Placed.");

    public Task<bool> ReloadAsync(CancellationToken cancellationToken) => LoadAsync(DistrictId, SchoolId, cancellationToken);

    private async Task<IActionResult> ChangeAsync(Func<Guid, Task> change, string done)
    {
        if (DistrictId is not { } district)
        {
            return NotFound();
        }

        await change(district);
        return Redirect($"/district/waves?district={district}{(SchoolId is { } s ? $"&school={s}" : "")}&done={Uri.EscapeDataString(done)}#{(SchoolId == null ? "waves-heading" : "placement-heading")}");
    }

    private async Task<bool> LoadAsync(Guid? districtId, Guid? schoolId, CancellationToken cancellationToken)
    {
        Districts = await cohorts.ManagedDistrictsAsync(cancellationToken);
        District = districtId is { } id ? Districts.FirstOrDefault(d => d.Id == id) : Districts.FirstOrDefault();
        if (District == null)
        {
            return districtId == null; // no district at all: an empty page; someone else's district: not found
        }

        var list = await waves.WavesAsync(District.Id, cancellationToken);
        var ids = list.Select(w => w.Id).ToList();
        var members = await db.Set<WaveMember>().AsNoTracking().Where(m => ids.Contains(m.WaveId)).GroupBy(m => m.WaveId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var targets = await db.Set<WaveTarget>().AsNoTracking().Where(t => ids.Contains(t.WaveId)).GroupBy(t => t.WaveId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var coaches = await db.Set<WavePeerCoach>().AsNoTracking().Where(c => ids.Contains(c.WaveId)).GroupBy(c => c.WaveId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Waves = list.Select(w => new WaveLine(w.Id, w.Number, w.Name, w.StartsOn, w.EndsOn, members.GetValueOrDefault(w.Id), targets.GetValueOrDefault(w.Id), coaches.GetValueOrDefault(w.Id))).ToList();

        Schools = (await organizations.ListAsync(await organizations.WithDescendantsAsync([District.Id], cancellationToken), cancellationToken))
            .Where(o => o.Kind == OrganizationKind.School).OrderBy(o => o.Name).ToList();
        School = schoolId is { } sid ? Schools.FirstOrDefault(s => s.Id == sid) : null;
        if (School != null)
        {
            var teachers = await waves.TeachersAsync(School, cancellationToken);
            var teacherIds = teachers.Select(t => t.Person.Id).ToList();
            var placed = await db.Set<WaveMember>().AsNoTracking().Where(m => m.DistrictId == District.Id && teacherIds.Contains(m.PersonId)).ToDictionaryAsync(m => m.PersonId, m => m.WaveId, cancellationToken);
            Placements = teachers.Select(t => new Placement(t, t.Comfort is { } c ? WavePlacement.Suggest(c, list.Count) : null, placed.TryGetValue(t.Person.Id, out var w) ? w : null)).ToList();
        }

        return true;
    }
}
