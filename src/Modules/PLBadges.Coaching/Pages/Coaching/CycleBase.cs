using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Rules;
using PLBadges.Coaching.Cycles;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Coaching.Pages.Coaching;

/// <summary>
/// What the cycle and meeting pages share: the cycle, how the person stands to it, names and the
/// school's zone; and, after a refused change, the page shown again (<see cref="IRefusablePage"/>).
/// </summary>
public abstract class CyclePageModel(PLBadgesDbContext db, CoachingAccess access, CoachingService coaching, IPeopleDirectory people, IOrganizationDirectory organizations) : PageModel, IRefusablePage
{
    /// <summary>The cycle's or meeting's id, from the address.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public abstract Task<bool> ReloadAsync(CancellationToken cancellationToken);

    protected PLBadgesDbContext Db => db;

    protected CoachingService Coaching => coaching;

    protected Guid Me => access.PersonId ?? Guid.Empty;

    internal CoachingCycle Cycle { get; private set; } = null!;

    public CycleRole Role { get; private set; }

    public OrganizationInfo? School { get; private set; }

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public IReadOnlyList<Guid> TeacherIds { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    public bool IsCoach => Role == CycleRole.Coach;

    public string TeacherNames => string.Join(", ", TeacherIds.Select(t => Names.GetValueOrDefault(t, "a teacher")));

    public string When(DateTime startUtc, DateTime endUtc) => CoachingService.When(Zone, startUtc, endUtc);

    /// <summary>Loads the cycle for someone who may see it; false (answer 404) for anyone else.</summary>
    protected async Task<bool> LoadCycleAsync(Guid cycleId, CancellationToken cancellationToken)
    {
        var cycle = await db.Set<CoachingCycle>().FirstOrDefaultAsync(c => c.Id == cycleId, cancellationToken);
        if (cycle == null)
        {
            return false;
        }

        Role = await access.RoleInAsync(cycle, cancellationToken);
        if (Role == CycleRole.None)
        {
            return false;
        }

        Cycle = cycle;
        School = await organizations.GetAsync(cycle.SchoolId, cancellationToken);
        Zone = School?.Zone ?? TimeZoneInfo.Utc;
        TeacherIds = await coaching.TeachersOfAsync(cycle.Id, cancellationToken);
        Names = (await people.GetAsync(TeacherIds.Append(cycle.CoachId), cancellationToken)).ToDictionary(p => p.Id, p => p.DisplayName);
        return true;
    }
}
