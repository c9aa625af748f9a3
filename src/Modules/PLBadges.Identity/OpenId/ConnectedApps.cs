using OpenIddict.Abstractions;
using PLBadges.Abstractions.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PLBadges.Identity.OpenId;

/// <summary>An app the person allowed (a permanent authorization): what it may read, and since when.</summary>
public sealed record ConnectedApp(string AuthorizationId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset? Since);

/// <summary>The apps a person has allowed, listed on /me, where they can take an app's access back.</summary>
public sealed class ConnectedApps(IOpenIddictAuthorizationManager authorizations, IOpenIddictApplicationManager applications, IOpenIddictTokenManager tokens)
{
    public async Task<IReadOnlyList<ConnectedApp>> ListAsync(Guid personId, CancellationToken cancellationToken)
    {
        var list = new List<ConnectedApp>();
        await foreach (var authorization in authorizations.FindBySubjectAsync(personId.ToString(), cancellationToken))
        {
            if (await authorizations.GetStatusAsync(authorization, cancellationToken) != Statuses.Valid
                || await authorizations.GetTypeAsync(authorization, cancellationToken) != AuthorizationTypes.Permanent
                || await authorizations.GetApplicationIdAsync(authorization, cancellationToken) is not { } applicationId
                || await applications.FindByIdAsync(applicationId, cancellationToken) is not { } application)
            {
                continue;
            }

            var scopes = await authorizations.GetScopesAsync(authorization, cancellationToken);
            list.Add(new ConnectedApp(
                (await authorizations.GetIdAsync(authorization, cancellationToken))!,
                await applications.GetLocalizedDisplayNameAsync(application, cancellationToken) ?? (await applications.GetClientIdAsync(application, cancellationToken))!,
                scopes.Select(s => ApiScopes.Find(s)?.Description ?? s).ToList(),
                await authorizations.GetCreationDateAsync(authorization, cancellationToken)));
        }

        return list.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.Since).ToList();
    }

    /// <summary>Takes back one app's access: its authorization and every token issued under it. False when it is not this person's.</summary>
    public async Task<bool> RevokeAsync(Guid personId, string authorizationId, CancellationToken cancellationToken)
    {
        var authorization = await authorizations.FindByIdAsync(authorizationId, cancellationToken);
        if (authorization == null || await authorizations.GetSubjectAsync(authorization, cancellationToken) != personId.ToString())
        {
            return false;
        }

        await authorizations.TryRevokeAsync(authorization, cancellationToken);
        await tokens.RevokeByAuthorizationIdAsync(authorizationId, cancellationToken);
        return true;
    }
}
