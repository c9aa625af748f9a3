using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Abstractions.Security;
using PLBadges.Identity.People;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Pages.Me;

public sealed class IndexModel(UserManager<Person> users, SignInManager<Person> signIn, IAccessControl access, IOrganizationDirectory organizations) : PageModel
{
    public string Name { get; private set; } = "";

    public string Email { get; private set; } = "";

    public IReadOnlyList<string> Roles { get; private set; } = [];

    [BindProperty]
    public string Current { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) == null ? Challenge() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var person = await LoadAsync(cancellationToken);
        if (person == null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(person, Current, Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(Password), error.Code == "PasswordMismatch" ? "The current password is not right." : error.Description);
            }

            return Page();
        }

        await signIn.RefreshSignInAsync(person);
        TempData["Status"] = "Your password is changed.";
        return RedirectToPage();
    }

    private async Task<Person?> LoadAsync(CancellationToken cancellationToken)
    {
        var person = await users.GetUserAsync(User);
        if (person == null)
        {
            return null;
        }

        Name = person.DisplayName;
        Email = person.Email!;
        var roles = await access.RolesAsync(cancellationToken);
        var names = (await organizations.ListAsync(roles.Where(r => r.OrganizationId != null).Select(r => r.OrganizationId!.Value), cancellationToken)).ToDictionary(o => o.Id, o => o.Name);
        Roles = roles.Select(r => r.OrganizationId is { } id ? $"{RoleNames.Of(r.Role)} at {names.GetValueOrDefault(id, "an organization")}" : $"{RoleNames.Of(r.Role)} of the platform").ToList();
        return person;
    }
}
