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

namespace PLBadges.Cohorts.Pages.Me;

/// <summary>
/// /me/waves: a teacher's self-assessment (comfort with technology in instruction, role, learning
/// goal), their wave with its dates and targets, their peer coaches, and, for a peer coach, the
/// teachers they coach.
/// </summary>
[RequirePermission(CohortPermissions.Names.Waves)]
public sealed class WavesModel(WaveService waves, PLBadgesDbContext db, IPeopleDirectory people, IOrganizationDirectory organizations, ICredentialHoldings holdings) : PageModel, IRefusablePage
{
    private (TechnologyComfort? Comfort, TeachingRole? Role, string? Goal)? typed;

    public sealed record Target(string Title, bool Earned);

    public sealed record Coaching(string Wave, string School, IReadOnlyList<PersonInfo> Teachers);

    public bool Teaches { get; private set; }

    public TechnologyComfort? Comfort { get; private set; }

    public TeachingRole? Role { get; private set; }

    public string? Goal { get; private set; }

    public string? WaveTitle { get; private set; }

    public DateOnly? StartsOn { get; private set; }

    public DateOnly? EndsOn { get; private set; }

    public IReadOnlyList<Target> Targets { get; private set; } = [];

    public IReadOnlyList<PersonInfo> PeerCoaches { get; private set; } = [];

    public IReadOnlyList<Coaching> Coached { get; private set; } = [];

    public string? Notice { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Notice = done;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(TechnologyComfort? comfort, TeachingRole? role, string? goal, CancellationToken cancellationToken)
    {
        typed = (comfort, role, goal);
        await waves.SelfAssessAsync(comfort, role, goal, cancellationToken);
        return Redirect("/me/waves?done=" + Uri.EscapeDataString("Thank you: your district will use your answers to place you in a wave."));
    }

    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (typed is { } answers)
        {
            (Comfort, Role, Goal) = answers; // the answers as given, to correct
        }

        return true;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (waves.PersonId is not { } me || await waves.TeachingDistrictAsync(me, cancellationToken) is not { } district)
        {
            return;
        }

        Teaches = true;
        if (await db.Set<SelfAssessment>().AsNoTracking().FirstOrDefaultAsync(a => a.DistrictId == district && a.PersonId == me, cancellationToken) is { } answer)
        {
            (Comfort, Role, Goal) = (answer.Comfort, answer.Role, answer.Goal);
        }

        if (await db.Set<WaveMember>().AsNoTracking().FirstOrDefaultAsync(m => m.DistrictId == district && m.PersonId == me, cancellationToken) is { } membership
            && await db.Set<Wave>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == membership.WaveId, cancellationToken) is { } wave)
        {
            WaveTitle = $"Wave {wave.Number}: {wave.Name}";
            (StartsOn, EndsOn) = (wave.StartsOn, wave.EndsOn);
            var held = await holdings.MicroCredentialsHeldAsync([me], cancellationToken);
            var mine = held.TryGetValue(me, out var set) ? set : new HashSet<Guid>();
            Targets = (await db.Set<WaveTarget>().AsNoTracking().Where(t => t.WaveId == wave.Id).OrderBy(t => t.Title).ToListAsync(cancellationToken))
                .Select(t => new Target(t.Title, mine.Contains(t.MicroCredentialId))).ToList();
            var coachIds = await db.Set<WavePeerCoach>().AsNoTracking().Where(c => c.WaveId == wave.Id && c.SchoolId == membership.SchoolId).Select(c => c.PersonId).ToListAsync(cancellationToken);
            PeerCoaches = (await people.GetAsync(coachIds, cancellationToken)).Where(p => p.IsActive).OrderBy(p => p.DisplayName).ToList();
        }

        var coaching = await db.Set<WavePeerCoach>().AsNoTracking().Where(c => c.PersonId == me).ToListAsync(cancellationToken);
        var list = new List<Coaching>();
        foreach (var role in coaching)
        {
            var coachedWave = await db.Set<Wave>().AsNoTracking().FirstAsync(w => w.Id == role.WaveId, cancellationToken);
            var teacherIds = await db.Set<WaveMember>().AsNoTracking().Where(m => m.WaveId == role.WaveId && m.SchoolId == role.SchoolId).Select(m => m.PersonId).ToListAsync(cancellationToken);
            var school = await organizations.GetAsync(role.SchoolId, cancellationToken);
            list.Add(new Coaching($"Wave {coachedWave.Number}: {coachedWave.Name}", school?.Name ?? "", (await people.GetAsync(teacherIds, cancellationToken)).Where(p => p.IsActive).OrderBy(p => p.DisplayName).ToList()));
        }

        Coached = list;
    }
}
