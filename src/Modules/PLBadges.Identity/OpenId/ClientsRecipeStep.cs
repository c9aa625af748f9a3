using System.Text.Json;
using OpenIddict.Abstractions;
using PLBadges.Abstractions.Recipes;
using PLBadges.Abstractions.Security;
using PLBadges.Organizations.Contracts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PLBadges.Identity.OpenId;

/// <summary>
/// "OpenIdClients": { "clients": [ { "clientId", "clientSecret"?, "displayName", "type": "machine|app",
/// "firstParty": false, "redirectUris": [], "scopes": [], "organization": "code" } ] }. Machine clients use
/// client credentials (a state's licensure system); apps use the authorization code flow with PKCE, and
/// ask the person's consent unless the site lists them as first-party (its own apps).
/// </summary>
internal sealed class ClientsRecipeStep(IOpenIddictApplicationManager applications, IOrganizationDirectory organizations) : IRecipeStep
{
    public string Name => "OpenIdClients";

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken)
    {
        if (!step.TryGetProperty("clients", out var clients) || clients.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeException("The OpenIdClients step needs a \"clients\" array.");
        }

        foreach (var client in clients.EnumerateArray())
        {
            var clientId = client.GetProperty("clientId").GetString() ?? throw new RecipeException("A client has no clientId.");
            var machine = client.TryGetProperty("type", out var t) && t.GetString() == "machine";
            var firstParty = client.TryGetProperty("firstParty", out var f) && f.ValueKind == JsonValueKind.True;
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = clientId,
                DisplayName = client.TryGetProperty("displayName", out var d) ? d.GetString() : clientId,
                ClientType = machine ? ClientTypes.Confidential : ClientTypes.Public,
                // Machine clients act for themselves: there is no one to ask.
                ConsentType = machine || firstParty ? ConsentTypes.Implicit : ConsentTypes.Explicit,
            };
            if (client.TryGetProperty("clientSecret", out var secret) && secret.GetString() is { } value)
            {
                descriptor.ClientSecret = context.Expand(value);
                descriptor.ClientType = ClientTypes.Confidential;
            }

            descriptor.Permissions.Add(Permissions.Endpoints.Token);
            if (machine)
            {
                descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
            }
            else
            {
                descriptor.Permissions.Add(Permissions.Endpoints.Authorization);
                descriptor.Permissions.Add(Permissions.GrantTypes.AuthorizationCode);
                descriptor.Permissions.Add(Permissions.GrantTypes.RefreshToken);
                descriptor.Permissions.Add(Permissions.ResponseTypes.Code);
                descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
                descriptor.Permissions.Add(Permissions.Scopes.Email);
                descriptor.Permissions.Add(Permissions.Scopes.Profile);
            }

            if (client.TryGetProperty("redirectUris", out var uris))
            {
                foreach (var uri in uris.EnumerateArray())
                {
                    descriptor.RedirectUris.Add(new Uri(uri.GetString()!));
                }
            }

            if (client.TryGetProperty("scopes", out var scopes))
            {
                foreach (var scope in scopes.EnumerateArray())
                {
                    var name = scope.GetString() ?? "";
                    if (ApiScopes.Find(name) == null)
                    {
                        throw new RecipeException($"Client '{clientId}': the scope '{name}' is not one the site offers ({string.Join(", ", ApiScopes.All.Select(a => a.Name))}).");
                    }

                    descriptor.Permissions.Add(Permissions.Prefixes.Scope + name);
                }
            }

            if (client.TryGetProperty("organization", out var organization) && organization.GetString() is { } code)
            {
                var found = await organizations.FindByCodeAsync(code, cancellationToken) ?? throw new RecipeException($"Client '{clientId}': no organization with code '{code}'.");
                descriptor.Properties[IdentityModule.OrganizationProperty] = JsonSerializer.SerializeToElement(found.Id.ToString());
            }

            var existing = await applications.FindByClientIdAsync(clientId, cancellationToken);
            if (existing == null)
            {
                await applications.CreateAsync(descriptor, cancellationToken);
            }
            else if (!await SameAsync(existing, descriptor, cancellationToken))
            {
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
            }
        }
    }

    /// <summary>True when the stored client already says what the recipe says, so applying it again changes nothing.</summary>
    private async Task<bool> SameAsync(object existing, OpenIddictApplicationDescriptor wanted, CancellationToken cancellationToken)
    {
        var current = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(current, existing, cancellationToken);
        var secretMatches = wanted.ClientSecret == null || await applications.ValidateClientSecretAsync(existing, wanted.ClientSecret, cancellationToken);
        return secretMatches
            && current.DisplayName == wanted.DisplayName
            && current.ClientType == wanted.ClientType
            && current.ConsentType == wanted.ConsentType
            && current.Permissions.SetEquals(wanted.Permissions)
            && current.Requirements.SetEquals(wanted.Requirements)
            && current.RedirectUris.SetEquals(wanted.RedirectUris)
            && current.Properties.Count == wanted.Properties.Count
            && current.Properties.All(p => wanted.Properties.TryGetValue(p.Key, out var value) && value.GetRawText() == p.Value.GetRawText());
    }
}
