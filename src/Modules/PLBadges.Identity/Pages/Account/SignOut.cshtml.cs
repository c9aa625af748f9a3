using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Identity.People;

namespace PLBadges.Identity.Pages.Account;

[AllowAnonymous]
public sealed class SignOutModel(SignInManager<Person> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        TempData["Status"] = "You are signed out.";
        return Redirect("/");
    }
}
