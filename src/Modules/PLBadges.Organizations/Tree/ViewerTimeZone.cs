using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Security;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Organizations.Tree;

/// <summary>The signed-in person's time zone: of a school they hold a role at, else of their district, else of their state; found once a request.</summary>
internal sealed class ViewerTimeZone(IAccessControl access, IOrganizationDirectory organizations) : IViewerTimeZone
{
    private TimeZoneInfo? zone;

    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken cancellationToken = default)
    {
        if (zone != null)
        {
            return zone;
        }

        var places = access.PersonId == null ? [] : (await access.RolesAsync(cancellationToken)).Where(r => r.OrganizationId != null).Select(r => r.OrganizationId!.Value).Distinct().ToList();
        var nearest = places.Count == 0 ? null : (await organizations.ListAsync(places, cancellationToken))
            .OrderBy(o => o.Kind switch { OrganizationKind.School => 0, OrganizationKind.District => 1, _ => 2 }).ThenBy(o => o.Name, StringComparer.Ordinal).FirstOrDefault();
        return zone = nearest?.Zone ?? TimeZoneInfo.Utc;
    }
}
