using System.Text.Json;
using PLBadges.Abstractions.Recipes;
using PLBadges.Abstractions.Rules;
using PLBadges.Organizations.Contracts;

namespace PLBadges.Identity.Providers;

/// <summary>
/// Recipe step "SignIn": { "providers": [ { "registrationId", "kind": "Google|Microsoft|ClassLink|OpenIdConnect",
/// "district": "code" (omit for the platform's), "displayName", "issuer", "clientId", "clientSecret" } ],
/// "districts": [ { "district": "code", "domains", "tenants", "classLinkTenants", "localPasswordsOff", "admitUnknown" } ] }.
/// </summary>
internal sealed class SignInRecipeStep(SignInSettings settings, IOrganizationDirectory organizations) : IRecipeStep
{
    public string Name => "SignIn";

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken)
    {
        string Text(JsonElement item, string name, string fallback = "") => item.TryGetProperty(name, out var value) && value.GetString() is { } text ? context.Expand(text) : fallback;
        async Task<Guid?> DistrictAsync(JsonElement item) =>
            item.TryGetProperty("district", out var code) && code.GetString() is { } c
                ? (await organizations.FindByCodeAsync(c, cancellationToken) ?? throw new RecipeException($"SignIn: no organization with code '{c}'.")).Id
                : null;
        try
        {
            foreach (var item in step.TryGetProperty("districts", out var districts) ? districts.EnumerateArray() : default)
            {
                var district = await DistrictAsync(item) ?? throw new RecipeException("SignIn: a district entry needs \"district\".");
                await settings.SaveDistrictAsync(new DistrictSignInInput(district, Text(item, "domains"), Text(item, "tenants"), Text(item, "classLinkTenants"),
                    item.TryGetProperty("localPasswordsOff", out var off) && off.ValueKind == JsonValueKind.True,
                    item.TryGetProperty("admitUnknown", out var admit) && admit.ValueKind == JsonValueKind.True), cancellationToken);
            }

            foreach (var item in step.TryGetProperty("providers", out var providers) ? providers.EnumerateArray() : default)
            {
                var district = await DistrictAsync(item);
                var kind = Enum.TryParse<ProviderKind>(Text(item, "kind"), true, out var k) ? k : throw new RecipeException("SignIn: kind is Google, Microsoft, ClassLink or OpenIdConnect.");
                var id = Text(item, "registrationId", district is { } d ? SignInSettings.DistrictRegistrationId(d) : kind.ToString().ToLowerInvariant());
                await settings.SaveProviderAsync(new ProviderInput(id, kind, district, Text(item, "displayName", kind.ToString()), Text(item, "issuer"), Text(item, "clientId"),
                    Text(item, "clientSecret"), !(item.TryGetProperty("enabled", out var enabled) && enabled.ValueKind == JsonValueKind.False)), cancellationToken);
            }
        }
        catch (RuleException problem)
        {
            throw new RecipeException($"SignIn: {problem.Message}");
        }
    }
}
