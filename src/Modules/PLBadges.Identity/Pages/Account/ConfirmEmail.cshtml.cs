using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PLBadges.Identity.People;

namespace PLBadges.Identity.Pages.Account;

[AllowAnonymous]
public sealed class ConfirmEmailModel(UserManager<Person> users) : PageModel
{
    public string Message { get; private set; } = "";

    public async Task OnGetAsync(Guid person, string? token)
    {
        var found = await users.FindByIdAsync(person.ToString());
        var decoded = Invitations.DecodeToken(token);
        var result = found == null || decoded == null ? null : await users.ConfirmEmailAsync(found, decoded);
        Message = result?.Succeeded == true
            ? "Thank you: your email address is confirmed."
            : "This link is not valid or has expired. Sign in and ask for a new one, or reset your password.";
    }
}
