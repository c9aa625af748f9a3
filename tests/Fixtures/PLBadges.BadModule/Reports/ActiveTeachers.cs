using PLBadges.Abstractions.Security;
using PLBadges.Identity.Contracts;

namespace PLBadges.BadModule.Reports;

/// <summary>
/// Allowed by rule 1: uses Identity only through Identity.Contracts. The tests check that rule 1 does
/// not report it, so the rule cannot pass or fail by matching too much.
/// </summary>
public sealed class ActiveTeachers(IPeopleDirectory people)
{
    public async Task<IReadOnlyList<PersonInfo>> InAsync(Guid schoolId, CancellationToken cancellationToken) =>
        (await people.WithRoleAsync(Role.Teacher, [schoolId], cancellationToken)).Where(p => p.IsActive).ToList();
}
