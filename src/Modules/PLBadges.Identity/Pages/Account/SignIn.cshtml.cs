using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Logging;
using PLBadges.Abstractions.Security;
using PLBadges.Identity.Passwords;
using PLBadges.Identity.People;
using PLBadges.Identity.Providers;

namespace PLBadges.Identity.Pages.Account;

/// <summary>
/// Signing in with an email and password. Whatever else changes on this page, these hold: a known and
/// an unknown email take the same path (PasswordCheck: the throttle, then the hasher, once); a wrong
/// email and a wrong password get one message; the throttle's message is the same for both.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public sealed class SignInModel(SignInManager<Person> signIn, PasswordCheck passwords, HomeRealm realms, ILogger<SignInModel> logger) : PageModel
{
    public const string NoMatch = "That email and password do not match an account.";
    public const string DistrictAccountOnly = "Your district asks you to sign in with your district account. Use the button for it below.";

    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The ways to sign in with a district account: the platform's, or those an email's domain led to.</summary>
    public IReadOnlyList<ProviderChoice> Providers { get; private set; } = [];

    /// <summary>
    /// The provider the email led to and the address that starts a sign-in there: the page links to it (and
    /// signin.js follows the link), since the site's policy (form-action 'self') stops a form's redirect to another site.
    /// </summary>
    public (ProviderChoice Provider, string Url)? Continue { get; private set; }

    /// <summary>Why a sign-in through a provider did not work, when it came back here.</summary>
    public string? Problem { get; private set; }

    public async Task OnGetAsync(string? problem, CancellationToken cancellationToken)
    {
        Providers = await realms.PlatformAsync(cancellationToken);
        Problem = problem switch
        {
            null => null,
            "nodistrict" => "That account does not belong to a district that uses PLBadges with this sign-in. Try another way to sign in, or ask your district administrator.",
            "notfound" => "We could not find you among your district's people. Ask your district administrator to add you, then sign in again.",
            "wrongdistrict" => "That sign-in belongs to another district. Use your own district's sign-in.",
            "deactivated" => "This account has been deactivated. Ask your district administrator.",
            "linkedelsewhere" => "The PLBadges account with this email is linked to another account at that provider. Ask your district administrator.",
            _ => "We could not sign you in with that account. Try again, or use another way to sign in.",
        };
    }

    /// <summary>"Sign in with your district account": the email's domain leads to its district's provider, or to a choice.</summary>
    public async Task<IActionResult> OnPostDistrictAsync(CancellationToken cancellationToken)
    {
        var (one, choices) = await realms.DiscoverAsync(Email, cancellationToken);
        if (one != null)
        {
            Continue = (one, WithProvider(one, Email));
            return Page();
        }

        Providers = choices;
        ModelState.AddModelError(nameof(Email), choices.Count == 0
            ? "Your district has not set up sign-in with a district account. Sign in with your email and password."
            : "Choose your district's sign-in below.");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Providers = await realms.PlatformAsync(cancellationToken);
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
            case { Outcome: PasswordOutcome.Right, Person: { } person } when await realms.LocalPasswordsOffAsync(person.Id, cancellationToken):
                // Only someone who knows the password learns this, as above; a wrong one got NoMatch after
                // the same hasher work. They are sent on to their district's provider when their email leads to one.
                var (provider, choices) = await realms.DiscoverAsync(person.Email ?? Email, cancellationToken);
                if (provider != null)
                {
                    Continue = (provider, WithProvider(provider, person.Email ?? Email));
                    return Page();
                }

                Providers = choices;
                ModelState.AddModelError(nameof(Email), DistrictAccountOnly);
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

    private string WithProvider(ProviderChoice provider, string email) =>
        $"/signin/with/{provider.RegistrationId}?email={Uri.EscapeDataString(email.Trim())}&returnUrl={Uri.EscapeDataString(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/")}";
}
