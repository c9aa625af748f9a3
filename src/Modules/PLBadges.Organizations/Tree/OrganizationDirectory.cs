using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Organizations.Tree;

internal sealed class OrganizationDirectory(PLBadgesDbContext db) : IOrganizationDirectory
{
    private IQueryable<Organization> Organizations => db.Set<Organization>().AsNoTracking();

    public async Task<OrganizationInfo?> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        (await Organizations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken))?.ToInfo();

    public async Task<OrganizationInfo?> FindByCodeAsync(string code, CancellationToken cancellationToken = default) =>
        (await Organizations.FirstOrDefaultAsync(o => o.Code == code, cancellationToken))?.ToInfo();

    public async Task<IReadOnlyList<OrganizationInfo>> ListAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken = default)
    {
        var set = ids.Distinct().ToList();
        var rows = await Organizations.Where(o => set.Contains(o.Id)).OrderBy(o => o.Name).ToListAsync(cancellationToken);
        return rows.Select(o => o.ToInfo()).ToList();
    }

    public async Task<IReadOnlySet<Guid>> WithDescendantsAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken = default)
    {
        var roots = ids.Distinct().ToList();
        if (roots.Count == 0)
        {
            return new HashSet<Guid>();
        }

        var below = await Organizations
            .Where(o => roots.Contains(o.Id) || (o.StateId != null && roots.Contains(o.StateId.Value)) || (o.DistrictId != null && roots.Contains(o.DistrictId.Value)))
            .Select(o => o.Id)
            .ToListAsync(cancellationToken);
        return below.ToHashSet();
    }

    public async Task<OrganizationInfo?> FindSchoolAsync(Guid districtId, string codeOrName, CancellationToken cancellationToken = default)
    {
        var key = codeOrName.Trim();
        var schools = await Organizations.Where(o => o.Kind == OrganizationKind.School && o.DistrictId == districtId).ToListAsync(cancellationToken);
        return (schools.FirstOrDefault(s => string.Equals(s.Code, key, StringComparison.OrdinalIgnoreCase))
            ?? schools.FirstOrDefault(s => string.Equals(s.Name, key, StringComparison.OrdinalIgnoreCase)))?.ToInfo();
    }

    public async Task<OrganizationInfo?> DistrictOfAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        var organization = await Organizations.FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization?.DistrictId == null)
        {
            return null;
        }

        return organization.Kind == OrganizationKind.District ? organization.ToInfo() : await GetAsync(organization.DistrictId.Value, cancellationToken);
    }
}
