using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PLBadges.Abstractions.Security;
using PLBadges.Identity.Passwords;
using PLBadges.Identity.People;
using PLBadges.Identity.Sessions;

namespace PLBadges.Identity.Pages.Account;

/// <summary>Sets a password from a one-time link: a reset, or (at /account/accept-invite) an invitation.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public class ResetPasswordModel(UserManager<Person> users, SignInThrottle throttle, PersonSessions sessions) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Person { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public string Confirm { get; set; } = "";

    public virtual bool IsInvite => false;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Password != Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), "The two passwords differ.");
            return Page();
        }

        var person = await users.FindByIdAsync(Person.ToString());
        var token = Invitations.DecodeToken(Token);
        if (person == null || token == null || !person.IsActive)
        {
            ModelState.AddModelError(nameof(Password), "This link is not valid. Ask for a new one.");
            return Page();
        }

        var result = await users.ResetPasswordAsync(person, token, Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(Password), error.Code == "InvalidToken" ? "This link has expired or was already used. Ask for a new one." : error.Description);
            }

            return Page();
        }

        // The link came to their inbox, so the address is theirs.
        if (!person.EmailConfirmed)
        {
            person.EmailConfirmed = true;
            await users.UpdateAsync(person);
        }

        // The link came to their inbox: the password's failures are forgotten, and whoever knew the old password is out.
        await throttle.ForgetAsync(person.Email!, cancellationToken);
        await sessions.EndEverywhereAsync(person.Id, keep: null, cancellationToken);
        TempData["Status"] = "Your password is saved. You can sign in now.";
        return Redirect("/account/signin");
    }
}
