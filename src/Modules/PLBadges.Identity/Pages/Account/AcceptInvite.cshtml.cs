using Microsoft.AspNetCore.Identity;
using PLBadges.Identity.People;

namespace PLBadges.Identity.Pages.Account;

public sealed class AcceptInviteModel(UserManager<Person> users) : ResetPasswordModel(users)
{
    public override bool IsInvite => true;
}
