using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PLBadges.Identity.People;

/// <summary>The cookie names the person by their display name; roles are read per request, never from the cookie.</summary>
internal sealed class PersonClaimsFactory(UserManager<Person> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Person>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Person person)
    {
        var identity = await base.GenerateClaimsAsync(person);
        var name = identity.FindFirst(Options.ClaimsIdentity.UserNameClaimType);
        if (name != null && !string.IsNullOrWhiteSpace(person.DisplayName))
        {
            identity.RemoveClaim(name);
            identity.AddClaim(new Claim(Options.ClaimsIdentity.UserNameClaimType, person.DisplayName));
        }

        return identity;
    }
}
