using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.People;

namespace PLBadges.Identity.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public sealed class ForgotPasswordModel(UserManager<Person> users, Invitations invitations, PLBadgesDbContext db) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Email))
        {
            ModelState.AddModelError(nameof(Email), "Enter your email address.");
            return Page();
        }

        // The same answer whether or not the address has an account, so the page reveals nobody.
        var person = await users.FindByEmailAsync(Email.Trim());
        if (person is { IsActive: true })
        {
            await invitations.SendPasswordResetAsync(person, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        Sent = true;
        return Page();
    }
}
