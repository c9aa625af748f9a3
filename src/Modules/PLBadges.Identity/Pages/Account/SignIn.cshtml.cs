using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Logging;
using PLBadges.Abstractions.Security;
using PLBadges.Identity.Passwords;
using PLBadges.Identity.People;

namespace PLBadges.Identity.Pages.Account;

/// <summary>
/// Signing in with an email and password. Whatever else changes on this page, these hold: a known and
/// an unknown email take the same path (PasswordCheck: the throttle, then the hasher, once); a wrong
/// email and a wrong password get one message; the throttle's message is the same for both.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public sealed class SignInModel(SignInManager<Person> signIn, PasswordCheck passwords, ILogger<SignInModel> logger) : PageModel
{
    public const string NoMatch = "That email and password do not match an account.";

    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Email), "Enter your email and password.");
            return Page();
        }

        var check = await passwords.SignInAsync(Email, Password, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        switch (check)
        {
            case { Outcome: PasswordOutcome.Wait }:
                ModelState.AddModelError(nameof(Email), PasswordCheck.WaitMessage(check.Wait));
                return Page();
            case { Outcome: PasswordOutcome.Right, Person: { EmailConfirmed: false } }:
                // Only someone who knows the password learns this.
                ModelState.AddModelError(nameof(Email), "Please confirm your email address first: use the link we emailed you, or reset your password to get a new one.");
                return Page();
            case { Outcome: PasswordOutcome.Right, Person: { IsActive: false } }:
                ModelState.AddModelError(nameof(Email), "This account has been deactivated. Ask your district administrator.");
                return Page();
            case { Outcome: PasswordOutcome.Right, Person: { } person }:
                await signIn.SignInAsync(person, RememberMe);
                logger.LogInformation("Person {PersonId} signed in", person.Id);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            default:
                ModelState.AddModelError(nameof(Email), NoMatch);
                return Page();
        }
    }
}
