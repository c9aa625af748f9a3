using PLBadges.Credentials.Signing;

namespace PLBadges.Credentials;

/// <summary>Settings under <c>Credentials</c>.</summary>
public sealed class CredentialOptions
{
    public const string Section = "Credentials";

    /// <summary>The algorithm new credentials are signed with: RS256 (every verifier supports it) or ES256.</summary>
    public SigningAlgorithm Algorithm { get; set; } = SigningAlgorithm.RS256;

    /// <summary>The contact address in issuer profiles (an issuer Profile has an email).</summary>
    public string IssuerEmail { get; set; } = "credentials@plbadges.example";

    /// <summary>The largest credential, token or baked image that verification reads.</summary>
    public int MaxVerifyBytes { get; set; } = 2 * 1024 * 1024;
}
