using System.Text;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Organizations.Tree;

internal sealed class RosterOrganizations(PLBadgesDbContext db, TimeProvider clock) : IRosterOrganizations
{
    public async Task<IReadOnlyDictionary<string, Guid>> BySourcedIdAsync(Guid districtId, CancellationToken cancellationToken = default) =>
        await db.Set<Organization>().AsNoTracking()
            .Where(o => o.DistrictId == districtId && o.SourcedId != null)
            .ToDictionaryAsync(o => o.SourcedId!, o => o.Id, StringComparer.Ordinal, cancellationToken);

    public async Task<IReadOnlyList<RosterOrganizationMatch>> MatchSchoolsAsync(Guid districtId, IReadOnlyList<RosterOrganization> schools, CancellationToken cancellationToken = default)
    {
        var existing = await SchoolsAsync(districtId, tracked: false, cancellationToken);
        return schools.Select(s => Find(existing, s) is { } found ? new RosterOrganizationMatch(s.SourcedId, found.Id, found.Name != s.Name) : new RosterOrganizationMatch(s.SourcedId, null, false)).ToList();
    }

    public async Task<IReadOnlyDictionary<string, Guid>> SaveAsync(Guid districtId, string? districtSourcedId, IReadOnlyList<RosterOrganization> schools, CancellationToken cancellationToken = default)
    {
        var district = await db.Set<Organization>().FirstAsync(o => o.Id == districtId && o.Kind == OrganizationKind.District, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        if (districtSourcedId != null)
        {
            district.SourcedId = districtSourcedId;
            ids[districtSourcedId] = district.Id;
        }

        var existing = await SchoolsAsync(districtId, tracked: true, cancellationToken);
        var codes = (await db.Set<Organization>().AsNoTracking().Select(o => o.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var school in schools)
        {
            if (Find(existing, school) is { } found)
            {
                found.SourcedId = school.SourcedId;
                if (found.Name != school.Name)
                {
                    found.Name = school.Name;
                    found.UpdatedAt = now;
                }

                ids[school.SourcedId] = found.Id;
                continue;
            }

            var added = new Organization { Kind = OrganizationKind.School, Code = NewCode(district.Code, school, codes), Name = school.Name, SourcedId = school.SourcedId, CreatedAt = now, UpdatedAt = now };
            added.PlaceUnder(district);
            db.Add(added);
            existing.Add(added);
            ids[school.SourcedId] = added.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
        return ids;
    }

    private async Task<List<Organization>> SchoolsAsync(Guid districtId, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.Set<Organization>().Where(o => o.DistrictId == districtId && o.Kind == OrganizationKind.School);
        return await (tracked ? query : query.AsNoTracking()).ToListAsync(cancellationToken);
    }

    /// <summary>By sourcedId; failing that, a school set up by hand (no sourcedId yet) whose code is the roster's identifier, or whose name is the same.</summary>
    private static Organization? Find(List<Organization> schools, RosterOrganization school) =>
        schools.FirstOrDefault(s => s.SourcedId == school.SourcedId)
        ?? schools.FirstOrDefault(s => s.SourcedId == null && school.Identifier is { Length: > 0 } id && string.Equals(s.Code, id, StringComparison.OrdinalIgnoreCase))
        ?? schools.FirstOrDefault(s => s.SourcedId == null && string.Equals(s.Name, school.Name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A readable, unused code: the district's code and the school's name ("demo-district-lincoln-elementary").</summary>
    private static string NewCode(string districtCode, RosterOrganization school, HashSet<string> used)
    {
        var slug = new StringBuilder();
        foreach (var c in (school.Identifier is { Length: > 0 } id ? id : school.Name).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var stem = $"{districtCode}-{slug.ToString().Trim('-')}";
        stem = stem[..Math.Min(stem.Length, 70)].TrimEnd('-');
        var code = stem;
        for (var n = 2; !used.Add(code); n++)
        {
            code = $"{stem}-{n}";
        }

        return code;
    }
}
