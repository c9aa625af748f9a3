using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Display;
using PLBadges.Abstractions.Recipes;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.People;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Recipes;

/// <summary>
/// "People": { "people": [ { "email", "name", "password", "roles": [ { "role": "Teacher", "organization": "code" } ] } ] }.
/// An upsert by email: a person is created once (with the password, email confirmed); roles are added
/// when missing; nothing is removed. The password may be "{{DemoPassword}}".
/// </summary>
internal sealed class PeopleRecipeStep(UserManager<Person> users, PLBadgesDbContext db, IOrganizationDirectory organizations, TimeProvider clock) : IRecipeStep
{
    public string Name => "People";

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken)
    {
        if (!step.TryGetProperty("people", out var people) || people.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeException("The People step needs a \"people\" array.");
        }

        foreach (var item in people.EnumerateArray())
        {
            var email = item.TryGetProperty("email", out var e) ? e.GetString()?.Trim() : null;
            if (string.IsNullOrEmpty(email))
            {
                throw new RecipeException("A person has no \"email\".");
            }

            var name = DisplayText.Clean(item.TryGetProperty("name", out var n) ? n.GetString() ?? email : email);
            var person = await users.FindByEmailAsync(email);
            if (person == null)
            {
                person = new Person { UserName = email, Email = email, DisplayName = name, EmailConfirmed = true, CreatedAt = clock.GetUtcNow().UtcDateTime };
                var password = item.TryGetProperty("password", out var p) && p.GetString() is { } text ? context.Expand(text) : null;
                var created = password == null ? await users.CreateAsync(person) : await users.CreateAsync(person, password);
                if (!created.Succeeded)
                {
                    throw new RecipeException($"Person '{email}': {string.Join(" ", created.Errors.Select(x => x.Description))}");
                }
            }
            else if (person.DisplayName != name)
            {
                person.DisplayName = name;
                await users.UpdateAsync(person);
            }

            if (!item.TryGetProperty("roles", out var roles))
            {
                continue;
            }

            foreach (var roleItem in roles.EnumerateArray())
            {
                if (!Enum.TryParse<Role>(roleItem.GetProperty("role").GetString(), true, out var role))
                {
                    throw new RecipeException($"Person '{email}': unknown role '{roleItem.GetProperty("role").GetString()}'.");
                }

                Guid? organizationId = null;
                if (role != Role.PlatformAdmin)
                {
                    var code = roleItem.TryGetProperty("organization", out var o) ? o.GetString() : null;
                    var organization = code == null ? null : await organizations.FindByCodeAsync(code, cancellationToken);
                    organizationId = organization?.Id ?? throw new RecipeException($"Person '{email}': role {role} needs an existing \"organization\" code (got '{code}').");
                }

                var personId = person.Id;
                if (!await db.Set<Membership>().AnyAsync(m => m.PersonId == personId && m.OrganizationId == organizationId && m.Role == role, cancellationToken))
                {
                    db.Set<Membership>().Add(new Membership { PersonId = personId, OrganizationId = organizationId, Role = role, CreatedAt = clock.GetUtcNow().UtcDateTime });
                    await db.SaveChangesAsync(cancellationToken);
                }
            }
        }
    }
}
