using System.Net.Mail;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.People;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Pages.District.People;

[RequirePermission(IdentityPermissions.Names.ManagePeople)]
public sealed class InviteModel(IDistrictContext districts, IOrganizationDirectory organizations, UserManager<Person> users, Invitations invitations, DistrictInvitations districtInvitations, IAccessControl access, PLBadgesDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? District { get; set; }

    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public Role Role { get; set; } = Role.Teacher;

    [BindProperty]
    public Guid? School { get; set; }

    public string DistrictName { get; private set; } = "";

    public RoleChoices RoleChoices { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var email = Email.Trim();
        Name = DisplayText.Clean(Name); // no bidi overrides or line breaks in a name shown everywhere
        if (string.IsNullOrWhiteSpace(Name))
        {
            ModelState.AddModelError(nameof(Name), "Enter the person's name.");
        }

        if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            ModelState.AddModelError(nameof(Email), "Enter a valid email address.");
        }

        var (organizationId, error) = RoleChoices.Resolve(District!.Value, Role, School);
        if (error != null)
        {
            ModelState.AddModelError(nameof(School), error);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var refused = await db.InTransactionAsync(async ct =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var person = await users.FindByEmailAsync(email);
            if (person == null)
            {
                person = new Person { UserName = email, Email = email, DisplayName = Name, CreatedAt = now };
                var created = await users.CreateAsync(person);
                if (!created.Succeeded)
                {
                    return string.Join(" ", created.Errors.Select(e => e.Description));
                }

                db.Add(new Membership { PersonId = person.Id, OrganizationId = organizationId, Role = Role, CreatedAt = now });
                await invitations.InviteAsync(person, DistrictName, District, ct);
                return null;
            }

            var tree = (await organizations.WithDescendantsAsync([District!.Value], ct)).ToList();
            var personId = person.Id;
            if (!await db.Set<Membership>().AnyAsync(m => m.PersonId == personId && m.OrganizationId != null && tree.Contains(m.OrganizationId.Value), ct))
            {
                // An account from elsewhere is invited, never attached: until they accept, this district sees only what it typed.
                await districtInvitations.OfferAsync(District.Value, DistrictName, personId, email, Name, organizationId!.Value, Role, access.PersonId, ct);
                return null;
            }

            if (!await RoleChoices.HoldsAsync(db, personId, organizationId!.Value, Role, ct))
            {
                db.Add(new Membership { PersonId = personId, OrganizationId = organizationId, Role = Role, CreatedAt = now });
            }

            return null;
        }, cancellationToken);
        if (refused != null)
        {
            ModelState.AddModelError(nameof(Email), refused);
            return Page();
        }

        // The same words for a new and an existing account, so the page tells nobody who has one.
        TempData["Status"] = $"{email} is invited as {RoleNames.Of(Role).ToLowerInvariant()}: a new account gets an invitation email, and a person with an account in another district joins when they accept.";
        return Redirect($"/district/people?district={District}");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var choice = await districts.ResolveAsync(IdentityPermissions.ManagePeople, District, cancellationToken);
        if (choice.Current == null || (District != null && District != choice.Current.Id))
        {
            return false;
        }

        District = choice.Current.Id;
        DistrictName = choice.Current.Name;
        RoleChoices = await RoleChoices.ForAsync(choice.Current.Id, organizations, Role, School, cancellationToken);
        return true;
    }
}
