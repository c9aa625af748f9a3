using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Security;
using PLBadges.Coaching.Cycles;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Coaching.Pages.Coaching;

/// <summary>A coach's caseload: active cycles, this week's meetings, next steps due, teachers not seen lately.</summary>
[RequirePermission(CoachingPermissions.Names.Coach)]
public sealed class IndexModel(PLBadgesDbContext db, CoachingAccess access, IPeopleDirectory people, IOrganizationDirectory organizations, TimeProvider clock) : PageModel
{
    public Caseload Caseload { get; private set; } = null!;

    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyDictionary<Guid, OrganizationInfo> Schools { get; private set; } = new Dictionary<Guid, OrganizationInfo>();

    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Caseload = await Caseload.ForCoachAsync(db, access.PersonId ?? Guid.Empty, Now, cancellationToken);
        var ids = Caseload.Cycles.SelectMany(c => c.TeacherIds).Concat(Caseload.StepsDue.Select(s => s.OwnerId)).Distinct();
        Names = (await people.GetAsync(ids, cancellationToken)).ToDictionary(p => p.Id, p => p.DisplayName);
        Schools = (await organizations.ListAsync(Caseload.Cycles.Select(c => c.SchoolId).Concat(Caseload.Week.Select(m => m.SchoolId)).Distinct(), cancellationToken)).ToDictionary(o => o.Id);
    }

    public string NamesOf(IEnumerable<Guid> ids) => string.Join(", ", ids.Select(id => Names.GetValueOrDefault(id, "a teacher")));

    public string When(MeetingRow meeting) => CoachingService.When(Schools.GetValueOrDefault(meeting.SchoolId)?.Zone ?? TimeZoneInfo.Utc, meeting.StartUtc, meeting.EndUtc);
}
