using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Organizations.Tree;

internal sealed class DistrictContext(IAccessControl access, PLBadgesDbContext db) : IDistrictContext
{
    public async Task<DistrictChoice> ResolveAsync(Permission permission, Guid? requestedDistrictId, CancellationToken cancellationToken = default)
    {
        var scope = await access.ScopeAsync(permission, cancellationToken);
        if (scope.IsEmpty)
        {
            return new DistrictChoice(null, [], scope);
        }

        var organizations = db.Set<Organization>().AsNoTracking();
        List<Organization> districts;
        if (scope.All)
        {
            districts = await organizations.Where(o => o.Kind == OrganizationKind.District).OrderBy(o => o.Name).ToListAsync(cancellationToken);
        }
        else
        {
            // A school leader's scope holds a school: its district is where they work.
            var ids = scope.OrganizationIds.ToList();
            var districtIds = await organizations.Where(o => ids.Contains(o.Id) && o.DistrictId != null).Select(o => o.DistrictId!.Value).Distinct().ToListAsync(cancellationToken);
            districts = await organizations.Where(o => districtIds.Contains(o.Id)).OrderBy(o => o.Name).ToListAsync(cancellationToken);
        }

        var available = districts.Select(d => d.ToInfo()).ToList();
        var current = requestedDistrictId == null
            ? available.FirstOrDefault()
            : available.FirstOrDefault(d => d.Id == requestedDistrictId);
        return new DistrictChoice(current, available, scope);
    }
}
