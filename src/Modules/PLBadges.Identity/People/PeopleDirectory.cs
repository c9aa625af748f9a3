using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.Contracts;

namespace PLBadges.Identity.People;

internal sealed class PeopleDirectory(PLBadgesDbContext db) : IPeopleDirectory
{
    public async Task<IReadOnlyList<PersonInfo>> GetAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken = default)
    {
        var set = ids.Distinct().ToList();
        return await db.Set<Person>().AsNoTracking().Where(p => set.Contains(p.Id))
            .OrderBy(p => p.DisplayName)
            .Select(p => new PersonInfo(p.Id, p.DisplayName, p.Email!, p.IsActive))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PersonInfo>> WithRoleAsync(Role role, IEnumerable<Guid> organizationIds, CancellationToken cancellationToken = default)
    {
        var set = organizationIds.Distinct().ToList();
        var personIds = db.Set<Membership>().Where(m => m.Role == role && m.OrganizationId != null && set.Contains(m.OrganizationId.Value)).Select(m => m.PersonId);
        return await db.Set<Person>().AsNoTracking().Where(p => personIds.Contains(p.Id))
            .OrderBy(p => p.DisplayName)
            .Select(p => new PersonInfo(p.Id, p.DisplayName, p.Email!, p.IsActive))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<Guid>>> ActiveWithRoleByOrganizationAsync(Role role, IEnumerable<Guid> organizationIds, CancellationToken cancellationToken = default)
    {
        var set = organizationIds.Distinct().ToList();
        // "No inactive person of that id" rather than a join: the few deactivated people are found through a small partial index, not a scan of People.
        var rows = await db.Set<Membership>().AsNoTracking()
            .Where(m => m.Role == role && m.OrganizationId != null && set.Contains(m.OrganizationId.Value) && !db.Set<Person>().Any(p => p.Id == m.PersonId && !p.IsActive))
            .Select(m => new { OrganizationId = m.OrganizationId!.Value, m.PersonId }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.OrganizationId).ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)g.Select(r => r.PersonId).Distinct().ToList());
    }

    /// <summary>A deactivated person holds no role, whatever their memberships say.</summary>
    public async Task<IReadOnlyList<RoleAssignment>> RolesOfAsync(Guid personId, CancellationToken cancellationToken = default) =>
        await db.Set<Membership>().AsNoTracking()
            .Where(m => m.PersonId == personId && db.Set<Person>().Any(p => p.Id == personId && p.IsActive))
            .Select(m => new RoleAssignment(m.Role, m.OrganizationId))
            .ToListAsync(cancellationToken);

    public async Task<PersonInfo?> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        var normalized = email.Trim().ToUpperInvariant();
        return await db.Set<Person>().AsNoTracking().Where(p => p.NormalizedEmail == normalized)
            .Select(p => new PersonInfo(p.Id, p.DisplayName, p.Email!, p.IsActive))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
