using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PLBadges.Abstractions.Security;
using PLBadges.Identity.OpenId;
using PLBadges.Identity.Passwords;
using PLBadges.Identity.People;
using PLBadges.Identity.Sessions;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Pages.Me;

/// <summary>/me: the person's name and roles, their password, the apps they allowed, and signing out everywhere.</summary>
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public sealed class IndexModel(
    UserManager<Person> users,
    SignInManager<Person> signIn,
    PasswordCheck passwords,
    PersonSessions sessions,
    ConnectedApps apps,
    IAccessControl access,
    IOrganizationDirectory organizations) : PageModel
{
    public string Name { get; private set; } = "";

    public string Email { get; private set; } = "";

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public IReadOnlyList<ConnectedApp> Apps { get; private set; } = [];

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

        var (check, change) = await passwords.ChangeAsync(person, Current, Password, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (check.Outcome == PasswordOutcome.Wait)
        {
            ModelState.AddModelError(nameof(Current), PasswordCheck.WaitMessage(check.Wait));
            return Page();
        }

        if (change is not { Succeeded: true })
        {
            foreach (var error in change?.Errors ?? [])
            {
                ModelState.AddModelError(nameof(Password), error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "The current password is not right." : error.Description);
            }

            return Page();
        }

        // Whoever knew the old password is out: every other browser, and every app.
        await sessions.EndEverywhereAsync(person.Id, SessionCookieEvents.SessionOf(User), cancellationToken);
        await signIn.RefreshSignInAsync(person);
        TempData["Status"] = "Your password is changed. You are signed out everywhere else, and apps must ask again.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync(CancellationToken cancellationToken)
    {
        if (access.PersonId is not { } me)
        {
            return Challenge();
        }

        await sessions.EndEverywhereAsync(me, keep: null, cancellationToken);
        await signIn.SignOutAsync();
        TempData["Status"] = "You are signed out everywhere, and apps you allowed must ask again.";
        return Redirect("/");
    }

    public async Task<IActionResult> OnPostRevokeAppAsync(string authorization, CancellationToken cancellationToken)
    {
        if (access.PersonId is not { } me)
        {
            return Challenge();
        }

        if (!await apps.RevokeAsync(me, authorization, cancellationToken))
        {
            return NotFound();
        }

        TempData["Status"] = "The app can no longer use your account. It will ask again if you use it.";
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
        Apps = await apps.ListAsync(person.Id, cancellationToken);
        return person;
    }
}
