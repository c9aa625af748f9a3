using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Abstractions.Security;
using PLBadges.Cohorts.Academy;
using PLBadges.Cohorts.Waves;
using PLBadges.Credentials.Contracts;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Cohorts.Pages.District;

/// <summary>
/// /district/waves/{id}: one wave for its district's admins: its target micro-credentials, its
/// teachers by school with how many have earned every target, a whole school placed at once, and
/// its peer coaches, named from earlier waves' teachers who have completed a pathway.
/// </summary>
[RequirePermission(CohortPermissions.Names.Manage)]
public sealed class WaveModel(WaveService waves, PLBadgesDbContext db, IOrganizationDirectory organizations, IPeopleDirectory people, IMicroCredentialCatalog catalog, ICredentialHoldings holdings) : PageModel, IRefusablePage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public sealed record SchoolLine(OrganizationInfo School, int Teachers, int EarnedAll, IReadOnlyList<string> PeerCoaches);

    public sealed record Candidate(PersonInfo Person, int Wave, string School, string Pathways);

    public sealed record PeerCoachLine(PersonInfo Person, string School, string Pathway);

    internal Wave Wave { get; private set; } = null!;

    public string Title => $"Wave {Wave.Number}: {Wave.Name}";

    public DateOnly StartsOn => Wave.StartsOn;

    public DateOnly EndsOn => Wave.EndsOn;

    public IReadOnlyList<string> Targets { get; private set; } = [];

    public IReadOnlyList<MicroCredentialSummary> Offered { get; private set; } = [];

    public IReadOnlyList<SchoolLine> Schools { get; private set; } = [];

    public IReadOnlyList<OrganizationInfo> AllSchools { get; private set; } = [];

    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];

    public IReadOnlyList<PeerCoachLine> PeerCoaches { get; private set; } = [];

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Notice = done;
        return await ReloadAsync(cancellationToken) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostTargetAsync(string? slug, CancellationToken cancellationToken) =>
        ChangeAsync(w => waves.AddTargetAsync(w, slug, cancellationToken), "Target added.", cancellationToken);

    public Task<IActionResult> OnPostSchoolAsync(Guid schoolId, CancellationToken cancellationToken) =>
        ChangeAsync(async w => await waves.PlaceSchoolAsync(w, schoolId, cancellationToken), "The school's teachers who were in no wave are placed.", cancellationToken);

    public Task<IActionResult> OnPostPeerCoachAsync(Guid personId, CancellationToken cancellationToken) =>
        ChangeAsync(w => waves.NamePeerCoachAsync(w, personId, cancellationToken), "Peer coach named.", cancellationToken);

    public Task<IActionResult> OnPostRemovePeerCoachAsync(Guid personId, CancellationToken cancellationToken) =>
        ChangeAsync(w => waves.RemovePeerCoachAsync(w, personId, cancellationToken), "Peer coach removed.", cancellationToken);

    public Task<bool> ReloadAsync(CancellationToken cancellationToken) => LoadAsync(Id, cancellationToken);

    private async Task<IActionResult> ChangeAsync(Func<Wave, Task> change, string done, CancellationToken cancellationToken)
    {
        if (await waves.ManagedAsync(Id, cancellationToken) is not { } wave)
        {
            return NotFound();
        }

        await change(wave);
        return Redirect($"/district/waves/{Id}?done={Uri.EscapeDataString(done)}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await waves.ManagedAsync(id, cancellationToken) is not { } wave)
        {
            return false;
        }

        Wave = wave;
        var targets = await db.Set<WaveTarget>().AsNoTracking().Where(t => t.WaveId == id).OrderBy(t => t.Title).ToListAsync(cancellationToken);
        Targets = targets.Select(t => t.Title).ToList();
        Offered = await catalog.AvailableToAsync(wave.DistrictId, cancellationToken);
        AllSchools = (await organizations.ListAsync(await organizations.WithDescendantsAsync([wave.DistrictId], cancellationToken), cancellationToken))
            .Where(o => o.Kind == OrganizationKind.School).OrderBy(o => o.Name).ToList();
        var schoolNames = AllSchools.ToDictionary(s => s.Id, s => s.Name);

        var members = await db.Set<WaveMember>().AsNoTracking().Where(m => m.WaveId == id).Select(m => new { m.PersonId, m.SchoolId }).ToListAsync(cancellationToken);
        var held = await holdings.MicroCredentialsHeldAsync(members.Select(m => m.PersonId), cancellationToken);
        var coaches = await db.Set<WavePeerCoach>().AsNoTracking().Where(c => c.WaveId == id).ToListAsync(cancellationToken);
        var coachPeople = (await people.GetAsync(coaches.Select(c => c.PersonId), cancellationToken)).ToDictionary(p => p.Id);
        PeerCoaches = coaches.Where(c => coachPeople.ContainsKey(c.PersonId))
            .Select(c => new PeerCoachLine(coachPeople[c.PersonId], schoolNames.GetValueOrDefault(c.SchoolId, ""), c.Pathway)).OrderBy(c => c.School).ThenBy(c => c.Person.DisplayName).ToList();
        Schools = members.GroupBy(m => m.SchoolId).Where(g => schoolNames.ContainsKey(g.Key))
            .Select(g => new SchoolLine(AllSchools.First(s => s.Id == g.Key), g.Count(),
                g.Count(m => targets.Count > 0 && held.TryGetValue(m.PersonId, out var mine) && targets.All(t => mine.Contains(t.MicroCredentialId))),
                PeerCoaches.Where(c => c.School == schoolNames[g.Key]).Select(c => c.Person.DisplayName).ToList()))
            .OrderBy(s => s.School.Name).ToList();

        // Candidates: teachers of earlier waves who have completed a pathway and are not yet this wave's peer coaches.
        var earlier = await db.Set<Wave>().AsNoTracking().Where(w => w.DistrictId == wave.DistrictId && w.Number < wave.Number).ToDictionaryAsync(w => w.Id, w => w.Number, cancellationToken);
        var earlierIds = earlier.Keys.ToList();
        var earlierMembers = await db.Set<WaveMember>().AsNoTracking().Where(m => earlierIds.Contains(m.WaveId)).ToListAsync(cancellationToken);
        var pathways = await holdings.PathwaysCompletedAsync(earlierMembers.Select(m => m.PersonId), cancellationToken);
        var ready = earlierMembers.Where(m => pathways.ContainsKey(m.PersonId) && coaches.All(c => c.PersonId != m.PersonId)).ToList();
        var readyPeople = (await people.GetAsync(ready.Select(m => m.PersonId), cancellationToken)).Where(p => p.IsActive).ToDictionary(p => p.Id);
        Candidates = ready.Where(m => readyPeople.ContainsKey(m.PersonId))
            .Select(m => new Candidate(readyPeople[m.PersonId], earlier[m.WaveId], schoolNames.GetValueOrDefault(m.SchoolId, ""), string.Join(", ", pathways[m.PersonId].Select(p => p.Name).Order())))
            .OrderBy(c => c.School).ThenBy(c => c.Person.DisplayName).ToList();
        return true;
    }
}
