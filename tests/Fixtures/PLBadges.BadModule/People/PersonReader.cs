using Microsoft.AspNetCore.Identity;
using PLBadges.Identity.People;

namespace PLBadges.BadModule.People;

/// <summary>Breaks rule 1: reads Identity's entity (only as a generic argument, which the rule must still see).</summary>
public sealed class PersonReader(UserManager<Person> users)
{
    public async Task<string?> DisplayNameAsync(Guid id) => (await users.FindByIdAsync(id.ToString()))?.DisplayName;
}
