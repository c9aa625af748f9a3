using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Events;
using PLBadges.Abstractions.Recipes;
using PLBadges.Abstractions.Security;
using PLBadges.Data;
using PLBadges.Identity.Contracts;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;
using PLBadges.Recognition.Rules;

namespace PLBadges.Recognition.StateCredit;

/// <summary>
/// "StateCredit": { "shippedProfiles": true,
///   "states": [ { "state": code, "profile": profile code } ],
///   "providers": [ { "organization": code, "profile": profile code, "name": text, "number": text } ],
///   "educatorIds": [ { "person": email, "profile": profile code, "value": text, "area": code, "licenseExpiresOn": "yyyy-MM-dd" } ],
///   "signOffs": [ { "district": code, "profile": profile code, "person": email, "by": email, "credentials": [slug], "export": "StateFile|EdFi|Ceds" } ] }.
/// Every part is an upsert: shipped profiles and versions by code and number, a state's choice, a provider's name and
/// number; an identifier or a sign-off that exists is left alone. Sign-offs follow the credentials they name, which the
/// outbox issues after the recipe.
/// </summary>
internal sealed class StateCreditRecipeStep(PLBadgesDbContext db, IOrganizationDirectory organizations, IPeopleDirectory people, IMicroCredentialCatalog catalog,
    ProfileCatalog profiles, IEventOutbox events, TimeProvider clock) : IRecipeStep
{
    public string Name => "StateCredit";

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken)
    {
        if (step.TryGetProperty("shippedProfiles", out var shipped) && shipped.ValueKind == JsonValueKind.True)
        {
            await profiles.LoadShippedAsync(cancellationToken);
        }

        foreach (var entry in Array(step, "states"))
        {
            var state = await OrganizationAsync(Text(entry, "state"), OrganizationKind.State, cancellationToken);
            var profile = await ProfileAsync(Text(entry, "profile"), cancellationToken);
            var choice = await db.Set<StateProfileChoice>().FirstOrDefaultAsync(c => c.StateId == state.Id, cancellationToken);
            if (choice == null)
            {
                db.Add(new StateProfileChoice { StateId = state.Id, ProfileId = profile.Id, ChosenAt = clock.GetUtcNow().UtcDateTime });
            }
            else
            {
                choice.ProfileId = profile.Id;
            }
        }

        foreach (var entry in Array(step, "providers"))
        {
            var organization = await organizations.FindByCodeAsync(Text(entry, "organization"), cancellationToken) is { Kind: OrganizationKind.District or OrganizationKind.State } o ? o
                : throw new RecipeException($"No district or state with code '{Text(entry, "organization")}'.");
            var profile = await ProfileAsync(Text(entry, "profile"), cancellationToken);
            var identity = await db.Set<ProviderIdentity>().FirstOrDefaultAsync(p => p.OrganizationId == organization.Id && p.ProfileId == profile.Id, cancellationToken);
            if (identity == null)
            {
                db.Add(identity = new ProviderIdentity { OrganizationId = organization.Id, ProfileId = profile.Id, ProviderName = "", UpdatedAt = clock.GetUtcNow().UtcDateTime });
            }

            identity.ProviderName = Text(entry, "name");
            identity.ProviderNumber = entry.TryGetProperty("number", out var number) ? number.GetString() ?? "" : "";
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var entry in Array(step, "educatorIds"))
        {
            var person = await PersonAsync(Text(entry, "person"), cancellationToken);
            var definition = (await profiles.ProfileByCodeAsync(Text(entry, "profile"), cancellationToken))?.Latest.Definition
                ?? throw new RecipeException($"No state profile '{Text(entry, "profile")}'.");
            var value = Text(entry, "value");
            if (!definition.IdMatches(value))
            {
                throw new RecipeException($"'{value}' is not a {definition.StateName} {definition.EducatorId.Name} ({definition.EducatorId.Hint}).");
            }

            if (!await db.Set<StateEducatorId>().AnyAsync(i => i.PersonId == person.Id && i.Jurisdiction == definition.Jurisdiction, cancellationToken))
            {
                db.Add(new StateEducatorId
                {
                    PersonId = person.Id, Jurisdiction = definition.Jurisdiction, Value = value, UpdatedAt = clock.GetUtcNow().UtcDateTime,
                    LicenseArea = entry.TryGetProperty("area", out var area) ? area.GetString() : null,
                    LicenseExpiresOn = entry.TryGetProperty("licenseExpiresOn", out var expires) && DateOnly.TryParse(expires.GetString(), out var day) ? day : null,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var entry in Array(step, "signOffs"))
        {
            var district = await OrganizationAsync(Text(entry, "district"), OrganizationKind.District, cancellationToken);
            var profile = await ProfileAsync(Text(entry, "profile"), cancellationToken);
            var person = await PersonAsync(Text(entry, "person"), cancellationToken);
            var by = await PersonAsync(Text(entry, "by"), cancellationToken);
            if (await db.Set<SignOff>().AnyAsync(s => s.DistrictId == district.Id && s.ProfileId == profile.Id && s.PersonId == person.Id, cancellationToken))
            {
                continue;
            }

            var offered = (await catalog.AvailableToAsync(district.Id, cancellationToken)).ToDictionary(m => m.Slug, m => m.MicroCredentialId, StringComparer.Ordinal);
            var credentials = Array(entry, "credentials").Select(c => offered.TryGetValue(c.GetString() ?? "", out var id) ? id : throw new RecipeException($"No micro-credential '{c.GetString()}' is offered in {district.Name}.")).ToList();
            ExportKind? export = entry.TryGetProperty("export", out var kind) ? Enum.TryParse<ExportKind>(kind.GetString(), out var k) ? k : throw new RecipeException("\"export\" is StateFile, EdFi or Ceds.") : null;
            events.Add(new RecipeSignOffQueued(district.Id, profile.Id, person.Id, by.Id, credentials, export));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<StateProfile> ProfileAsync(string code, CancellationToken cancellationToken) =>
        await db.Set<StateProfile>().FirstOrDefaultAsync(p => p.Code == code, cancellationToken)
            ?? throw new RecipeException($"No state profile '{code}' (load the shipped profiles with \"shippedProfiles\": true).");

    private async Task<OrganizationInfo> OrganizationAsync(string code, OrganizationKind kind, CancellationToken cancellationToken) =>
        await organizations.FindByCodeAsync(code, cancellationToken) is { } o && o.Kind == kind ? o : throw new RecipeException($"No {kind.ToString().ToLowerInvariant()} with code '{code}'.");

    private async Task<PersonInfo> PersonAsync(string email, CancellationToken cancellationToken) =>
        await people.FindByEmailAsync(email, cancellationToken) ?? throw new RecipeException($"No person with email '{email}'.");

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : throw new RecipeException($"\"{name}\" is required.");
}

/// <summary>A recipe's sign-off (and, where it asks, an export of it), made once the credentials it names are issued.</summary>
public sealed record RecipeSignOffQueued(Guid DistrictId, Guid ProfileId, Guid PersonId, Guid SignerId, IReadOnlyList<Guid> MicroCredentialIds, ExportKind? Export) : IDomainEvent;

/// <summary>Signs off a recipe's credentials; while one is not issued yet, fails so the outbox tries again later.</summary>
internal sealed class SignOffAfterRecipe(PLBadgesDbContext db, IPeopleDirectory people, SignOffs signOffs, DistrictSetup setup, StateExports exports, ProfileCatalog profiles)
    : IEventHandler<RecipeSignOffQueued>
{
    public async Task HandleAsync(RecipeSignOffQueued queued, CancellationToken cancellationToken)
    {
        if (await db.Set<SignOff>().AnyAsync(s => s.DistrictId == queued.DistrictId && s.ProfileId == queued.ProfileId && s.PersonId == queued.PersonId, cancellationToken))
        {
            return;
        }

        var provider = (await setup.ProvidersAsync(queued.DistrictId, cancellationToken)).FirstOrDefault(p => p.Profile.Profile.Id == queued.ProfileId)
            ?? throw new InvalidOperationException("The recipe's district is not set up for the profile.");
        var educator = await signOffs.FindEducatorAsync(queued.DistrictId, queued.PersonId, cancellationToken) ?? throw new InvalidOperationException("The recipe's educator is not in the district.");
        var signer = (await people.GetAsync([queued.SignerId], cancellationToken)).Single();
        var candidates = await signOffs.CandidatesAsync(queued.DistrictId, provider, queued.PersonId, cancellationToken);
        var picked = candidates.Where(c => c.Kind == ItemKind.MicroCredential && c.MicroCredentialId is { } id && queued.MicroCredentialIds.Contains(id)).ToList();
        if (picked.Select(c => c.MicroCredentialId).Distinct().Count() < queued.MicroCredentialIds.Distinct().Count())
        {
            throw new InvalidOperationException("Not every credential the sign-off names is issued yet; the outbox tries again.");
        }

        var signOff = await signOffs.RecordAsync(queued.DistrictId, provider, educator, picked.Select(c => new SignOffPick(c.Key, null)).ToList(), signer, cancellationToken);
        if (queued.Export is { } kind)
        {
            var today = profiles.Today;
            var first = picked.Min(c => c.CompletedOn);
            await exports.WriteAsync(queued.DistrictId, provider, kind, first < today.AddYears(-1) ? first : today.AddYears(-1), today, signOff.SignedBy, signOff.SignedByName, cancellationToken);
        }
    }
}
