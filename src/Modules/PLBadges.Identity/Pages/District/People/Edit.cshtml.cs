using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.People;
using PLBadges.Identity.Sessions;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Pages.District.People;

/// <summary>
/// A district admin manages the roles one person holds in their district. A person of another
/// district (with no role here) is answered as not found. The account itself (deactivating it,
/// sending it a password link) is managed only by an admin who reaches every role the person holds,
/// so one district cannot lock out or take over someone who also works elsewhere.
/// </summary>
[RequirePermission(IdentityPermissions.Names.ManagePeople)]
public sealed class EditModel(IAccessControl access, IOrganizationDirectory organizations, UserManager<Person> users, Invitations invitations, PersonSessions sessions, PLBadgesDbContext db, TimeProvider clock) : PageModel
{
    public string Name { get; private set; } = "";

    public string Email { get; private set; } = "";

    public string Status { get; private set; } = "";

    public Guid DistrictId { get; private set; }

    public string DistrictName { get; private set; } = "";

    public IReadOnlyList<(Guid Id, string Label)> Roles { get; private set; } = [];

    /// <summary>True when every role the person holds is within this admin's reach.</summary>
    public bool ManagesAccount { get; private set; }

    public RoleChoices RoleChoices { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) == null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAddAsync(Guid id, Role role, Guid? school, CancellationToken cancellationToken)
    {
        var person = await LoadAsync(id, cancellationToken);
        if (person == null)
        {
            return NotFound();
        }

        var (organizationId, error) = RoleChoices.Resolve(DistrictId, role, school);
        if (error != null)
        {
            ModelState.AddModelError("School", error);
            RoleChoices = RoleChoices with { SelectedRole = role, SelectedSchool = school };
            return Page();
        }

        if (!await RoleChoices.HoldsAsync(db, person.Id, organizationId!.Value, role, cancellationToken))
        {
            db.Add(new Membership { PersonId = person.Id, OrganizationId = organizationId, Role = role, CreatedAt = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(cancellationToken);
        }

        TempData["Status"] = $"{person.DisplayName} is now {RoleNames.Of(role).ToLowerInvariant()} there.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid membership, CancellationToken cancellationToken)
    {
        var person = await LoadAsync(id, cancellationToken);
        var row = person == null ? null : await db.Set<Membership>().FirstOrDefaultAsync(m => m.Id == membership && m.PersonId == id, cancellationToken);
        if (row?.OrganizationId == null || !await access.HasAsync(IdentityPermissions.ManagePeople, row.OrganizationId, cancellationToken))
        {
            return NotFound();
        }

        db.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "The role is removed.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostReinviteAsync(Guid id, CancellationToken cancellationToken)
    {
        var person = await LoadAsync(id, cancellationToken);
        if (person == null || !ManagesAccount || person.PasswordHash != null)
        {
            return NotFound();
        }

        await invitations.InviteAsync(person, DistrictName, DistrictId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = $"The invitation is on its way to {person.Email}.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostActiveAsync(Guid id, bool active, CancellationToken cancellationToken)
    {
        var person = await LoadAsync(id, cancellationToken);
        if (person == null || !ManagesAccount)
        {
            return NotFound();
        }

        if (person.Id == access.PersonId && !active)
        {
            TempData["Status"] = "You cannot deactivate your own account.";
            return RedirectToPage(new { id });
        }

        person.IsActive = active;
        await users.UpdateAsync(person);
        if (!active)
        {
            // Out at once: their browsers' sessions end and apps' tokens are revoked.
            await sessions.EndEverywhereAsync(person.Id, keep: null, cancellationToken);
        }

        await users.UpdateSecurityStampAsync(person);
        TempData["Status"] = active ? $"{person.DisplayName} can sign in again." : $"{person.DisplayName} can no longer sign in.";
        return RedirectToPage(new { id });
    }

    private async Task<Person?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var person = await users.FindByIdAsync(id.ToString());
        if (person == null)
        {
            return null;
        }

        var scope = await access.ScopeAsync(IdentityPermissions.ManagePeople, cancellationToken);
        var memberships = await db.Set<Membership>().AsNoTracking().Where(m => m.PersonId == id).ToListAsync(cancellationToken);
        var here = memberships.Where(m => m.OrganizationId != null && scope.Contains(m.OrganizationId.Value)).ToList();
        ManagesAccount = memberships.All(m => m.OrganizationId == null ? scope.All : scope.Contains(m.OrganizationId.Value));
        if (here.Count == 0)
        {
            return null;
        }

        var district = await organizations.DistrictOfAsync(here[0].OrganizationId!.Value, cancellationToken);
        if (district == null)
        {
            return null;
        }

        DistrictId = district.Id;
        DistrictName = district.Name;
        var names = (await organizations.ListAsync(here.Select(m => m.OrganizationId!.Value), cancellationToken)).ToDictionary(o => o.Id, o => o.Name);
        Name = person.DisplayName;
        Email = person.Email!;
        Status = !person.IsActive ? "Deactivated" : person.PasswordHash == null ? "Invited" : "Active";
        Roles = here.Select(m => (m.Id, $"{RoleNames.Of(m.Role)}, {names.GetValueOrDefault(m.OrganizationId!.Value)}")).ToList();
        RoleChoices = await RoleChoices.ForAsync(DistrictId, organizations, Role.Teacher, null, cancellationToken);
        return person;
    }
}
