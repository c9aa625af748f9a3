using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Data.Locks;
using PLBadges.Identity.People;

namespace PLBadges.Identity.Pages;

/// <summary>The first visit to a site with no accounts creates the platform admin; afterwards this page does not exist.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public sealed class SetupModel(UserManager<Person> users, SignInManager<Person> signIn, PLBadgesDbContext db, SiteHasPeople siteHasPeople, TimeProvider clock) : PageModel
{
    private static readonly LockKey SetupLock = new("setup");

    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await siteHasPeople.ExistsAsync(cancellationToken) ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await siteHasPeople.ExistsAsync(cancellationToken))
        {
            return NotFound();
        }

        Name = DisplayText.Clean(Name); // no bidi overrides or line breaks in a name shown everywhere
        if (string.IsNullOrWhiteSpace(Name) || string.IsNullOrWhiteSpace(Email))
        {
            ModelState.AddModelError(nameof(Name), "Enter your name and email.");
            return Page();
        }

        // Of two first visitors posting at once, one becomes admin: the check and the insert happen under
        // a lock that every node shares, and inside one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockInTransactionAsync(SetupLock, cancellationToken);
        if (await db.Set<Person>().AnyAsync(cancellationToken))
        {
            return NotFound();
        }

        var person = new Person { UserName = Email.Trim(), Email = Email.Trim(), DisplayName = Name, EmailConfirmed = true, CreatedAt = clock.GetUtcNow().UtcDateTime };
        var result = await users.CreateAsync(person, Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(Password), error.Description);
            }

            return Page();
        }

        db.Set<Membership>().Add(new Membership { PersonId = person.Id, Role = Role.PlatformAdmin, CreatedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        siteHasPeople.Created();
        await signIn.SignInAsync(person, isPersistent: false);
        TempData["Status"] = "Welcome. Add your state and districts next.";
        return Redirect("/admin/organizations");
    }
}
