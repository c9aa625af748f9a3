using Microsoft.AspNetCore.Identity;
using PLBadges.Identity.Passwords;
using PLBadges.Identity.People;
using PLBadges.Identity.Sessions;

namespace PLBadges.Identity.Pages.Account;

public sealed class AcceptInviteModel(UserManager<Person> users, SignInThrottle throttle, PersonSessions sessions) : ResetPasswordModel(users, throttle, sessions)
{
    public override bool IsInvite => true;
}
