using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Coaching.Cycles;

/// <summary>How a person stands to a cycle: its coach, one of its teachers, or someone who oversees its school.</summary>
public enum CycleRole
{
    None,
    Overseer,
    Teacher,
    Coach,
}

/// <summary>
/// Who may see and change coaching: the cycle's coach runs it; its teachers see it (notes once
/// shared); a school leader or district admin over its school sees it; nobody else.
/// </summary>
public sealed class CoachingAccess(IAccessControl access, IReachedOrganizations reached, PLBadgesDbContext db)
{
    public Guid? PersonId => access.PersonId;

    internal async Task<CycleRole> RoleInAsync(CoachingCycle cycle, CancellationToken cancellationToken)
    {
        if (access.PersonId is not { } me)
        {
            return CycleRole.None;
        }

        if (cycle.CoachId == me)
        {
            return CycleRole.Coach;
        }

        if (await db.Set<CycleTeacher>().AnyAsync(t => t.CycleId == cycle.Id && t.TeacherId == me, cancellationToken))
        {
            return CycleRole.Teacher;
        }

        return (await access.ScopeAsync(CoachingPermissions.Oversee, cancellationToken)).Contains(cycle.SchoolId) ? CycleRole.Overseer : CycleRole.None;
    }

    /// <summary>The schools where the person coaches.</summary>
    public Task<IReadOnlyList<OrganizationInfo>> CoachingSchoolsAsync(CancellationToken cancellationToken) =>
        reached.ReachedAsync(CoachingPermissions.Coach, OrganizationKind.School, cancellationToken);

    /// <summary>The schools the person oversees (a school leader's school, a district admin's district).</summary>
    public Task<IReadOnlyList<OrganizationInfo>> OverseenSchoolsAsync(CancellationToken cancellationToken) =>
        reached.ReachedAsync(CoachingPermissions.Oversee, OrganizationKind.School, cancellationToken);

    public Task<IReadOnlyList<OrganizationInfo>> ScheduleSchoolsAsync(CancellationToken cancellationToken) =>
        reached.ReachedAsync(CoachingPermissions.Schedules, OrganizationKind.School, cancellationToken);

    public Task<bool> HasAsync(Permission permission, CancellationToken cancellationToken) => access.HasAsync(permission, null, cancellationToken);
}
