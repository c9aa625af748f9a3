using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.People;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Pages.District.People;

[RequirePermission(IdentityPermissions.Names.ViewPeople)]
public sealed class IndexModel(IDistrictContext districts, IOrganizationDirectory organizations, IAccessControl access, DistrictInvitations invitations, PLBadgesDbContext db) : PageModel
{
    private const int PageSize = 500;

    public DistrictChoice Choice { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<PersonRow> People { get; private set; } = [];

    public bool Truncated { get; private set; }

    public bool CanManage { get; private set; }

    /// <summary>People with an account elsewhere who were invited and have not accepted yet.</summary>
    public IReadOnlyList<InvitedRow> Invited { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? district, CancellationToken cancellationToken)
    {
        Choice = await districts.ResolveAsync(IdentityPermissions.ViewPeople, district, cancellationToken);
        if (Choice.Current == null)
        {
            return NotFound();
        }

        // Only the organizations of this district that the person may see (a school leader: their school).
        var districtTree = await organizations.WithDescendantsAsync([Choice.Current.Id], cancellationToken);
        var visible = districtTree.Where(Choice.Scope.Contains).ToList();
        var names = (await organizations.ListAsync(visible, cancellationToken)).ToDictionary(o => o.Id, o => o.Name);
        var memberships = db.Set<Membership>().Where(m => m.OrganizationId != null && visible.Contains(m.OrganizationId.Value));
        var query = db.Set<Person>().AsNoTracking().Where(p => memberships.Any(m => m.PersonId == p.Id));
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var term = Query.Trim().ToLower();
            query = query.Where(p => p.DisplayName.ToLower().Contains(term) || p.NormalizedEmail!.Contains(term.ToUpper()));
        }

        var people = await query.OrderBy(p => p.DisplayName).Take(PageSize + 1).ToListAsync(cancellationToken);
        Truncated = people.Count > PageSize;
        people = people.Take(PageSize).ToList();
        var ids = people.Select(p => p.Id).ToList();
        var roles = await memberships.Where(m => ids.Contains(m.PersonId)).ToListAsync(cancellationToken);
        People = people.Select(p => new PersonRow(
            p.Id,
            p.DisplayName,
            p.Email!,
            roles.Where(r => r.PersonId == p.Id).Select(r => $"{RoleNames.Of(r.Role)}, {names.GetValueOrDefault(r.OrganizationId!.Value)}").Order().ToList(),
            !p.IsActive ? "Deactivated" : p.PasswordHash == null ? "Invited" : "Active")).ToList();
        CanManage = await access.HasAsync(IdentityPermissions.ManagePeople, Choice.Current.Id, cancellationToken);
        // Only what the district typed: the person's own account is not this district's to show until they accept.
        Invited = (await invitations.PendingInAsync(Choice.Current.Id, cancellationToken))
            .Where(i => i.OfferedRoles().Any(r => Choice.Scope.Contains(r.OrganizationId)))
            .Select(i => new InvitedRow(i.Name, i.Email, i.OfferedRoles().Select(r => $"{RoleNames.Of(r.Role)}, {names.GetValueOrDefault(r.OrganizationId)}").Order().ToList()))
            .ToList();
        return Page();
    }

    public sealed record InvitedRow(string Name, string Email, IReadOnlyList<string> Roles);

    public sealed record PersonRow(Guid Id, string Name, string Email, IReadOnlyList<string> Roles, string Status);
}
