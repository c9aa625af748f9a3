using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Security;
using PLBadges.Identity.People;

namespace PLBadges.Identity.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public sealed class SignInModel(SignInManager<Person> signIn, UserManager<Person> users, IOptions<IdentityOptions> identityOptions, ILogger<SignInModel> logger) : PageModel
{
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

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Email), "Enter your email and password.");
            return Page();
        }

        var person = await users.FindByEmailAsync(Email.Trim());
        // The password is checked first (counting failures toward lockout), so that nothing about an
        // account is revealed to someone who does not know its password.
        var result = person == null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.CheckPasswordSignInAsync(person, Password, lockoutOnFailure: true);
        if (result.Succeeded && person!.IsActive)
        {
            await signIn.SignInAsync(person, RememberMe);
            logger.LogInformation("Person {PersonId} signed in", person.Id);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        if (result.Succeeded)
        {
            ModelState.AddModelError(nameof(Email), "This account has been deactivated. Ask your district administrator.");
        }
        else if (result.IsLockedOut)
        {
            logger.LogWarning("Person {PersonId} is locked out after repeated failures", person!.Id);
            var minutes = (int)Math.Ceiling(identityOptions.Value.Lockout.DefaultLockoutTimeSpan.TotalMinutes);
            ModelState.AddModelError(nameof(Email), $"Too many failed attempts: this account is locked for {minutes} minutes. You can reset your password meanwhile.");
        }
        else if (result.IsNotAllowed && await users.CheckPasswordAsync(person!, Password))
        {
            ModelState.AddModelError(nameof(Email), "Please confirm your email address first: use the link we emailed you, or reset your password to get a new one.");
        }
        else
        {
            if (result.IsNotAllowed)
            {
                // Identity checks confirmation before the password; count this failure as a wrong password.
                await users.AccessFailedAsync(person!);
            }

            ModelState.AddModelError(nameof(Email), "That email and password do not match an account.");
        }

        return Page();
    }
}
