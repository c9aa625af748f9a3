namespace PLBadges.Credentials.Contracts;

/// <summary>
/// Issuers this site trusts besides those it issues for (a state's list of trusted issuers), so that
/// verification may show their names. A module that keeps such a list implements it; with none, only
/// the site's own issuers go by name and every other by the host its key came from.
/// </summary>
public interface ITrustedIssuers
{
    /// <summary>The name the site knows the issuer by (by the URL credentials name it with), or null when it does not trust it.</summary>
    Task<string?> NameAsync(string issuerUrl, CancellationToken cancellationToken = default);
}
