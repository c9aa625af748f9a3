namespace PLBadges.Credentials.Contracts;

/// <summary>An organization's (a state's) Open Badges 3.0 EndorsementCredential of one micro-credential.</summary>
/// <param name="Url">The endorsement's id: where its JSON is published (its VC-JWT at <c>Url + ".jwt"</c>).</param>
/// <param name="AchievementId">The endorsed achievement's id, the micro-credential's page.</param>
public sealed record EndorsementInfo(
    string Id,
    string Url,
    Guid EndorserId,
    Guid MicroCredentialId,
    string AchievementId,
    string Name,
    string Comment,
    DateTime EndorsedAt,
    Guid EndorsedBy,
    DateTime? WithdrawnAt,
    string? WithdrawalReason,
    string Jwt);

/// <summary>An endorsement made, or the reason it was refused.</summary>
public sealed record EndorsementOutcome(EndorsementInfo? Endorsement, string? Refused);

/// <summary>
/// Endorsements signed with the endorser's own issuer key, published, and referenced (as
/// <c>endorsementJwt</c>) from the achievement of every credential issued for the micro-credential
/// afterwards. Withdrawing one revokes it through the endorser's status list. Each call is its own
/// transaction; the caller has checked that the person may endorse for the endorser.
/// </summary>
public interface IEndorsements
{
    /// <summary>Signs and publishes the endorsement; refused (with the reason) without a comment, or when the endorser already endorses the micro-credential.</summary>
    Task<EndorsementOutcome> EndorseAsync(Guid endorserId, Guid microCredentialId, string slug, string name, string comment, Guid endorsedBy, CancellationToken cancellationToken = default);

    /// <summary>Withdraws it: marked in the endorser's status list, so every copy of it checks as revoked. Null when done, else why not.</summary>
    Task<string?> WithdrawAsync(string endorsementId, string reason, Guid withdrawnBy, CancellationToken cancellationToken = default);

    /// <summary>The endorser's endorsements, current and withdrawn, newest first.</summary>
    Task<IReadOnlyList<EndorsementInfo>> ByEndorserAsync(Guid endorserId, CancellationToken cancellationToken = default);
}

/// <summary>What kind of thing a held credential recognises.</summary>
public enum HeldKind
{
    MicroCredential,
    Pathway,
    Award,
}

/// <summary>One credential a person holds (or held: <paramref name="Revoked"/>), for pickers and transcripts.</summary>
public sealed record HeldCredential(
    string Id,
    string Url,
    HeldKind Kind,
    string Name,
    Guid IssuerId,
    Guid? MicroCredentialId,
    Guid? PathwayId,
    decimal Hours,
    DateTime IssuedAt,
    bool Revoked);

/// <summary>One check of a verification: format, schema, signature, issuer, validity, status, recipient.</summary>
public sealed record CredentialCheck(string Name, bool Passed, string Message);

/// <summary>
/// A credential brought from elsewhere (JSON, a VC-JWT, or a baked image), checked as the verifier
/// checks any: <paramref name="Valid"/> only when every check passed, the recipient's among them.
/// <paramref name="IssuerId"/> is the issuer's URL as the credential names it.
/// </summary>
public sealed record CheckedCredential(
    bool Valid,
    IReadOnlyList<CredentialCheck> Checks,
    string? Id,
    string? Name,
    string? AchievementId,
    string? AchievementName,
    string? IssuerId,
    string? IssuerName,
    DateTime? ValidFrom,
    decimal Hours,
    string? Json);

/// <summary>Checks credentials brought from elsewhere, and names this site's issuers by URL.</summary>
public interface ICredentialChecks
{
    /// <summary>Verifies the bytes and checks that the credential is <paramref name="recipientEmail"/>'s (its identity hash).</summary>
    Task<CheckedCredential> CheckAsync(byte[] bytes, string? contentType, string recipientEmail, CancellationToken cancellationToken = default);

    /// <summary>This site's identifier for an issuer (an organization): its DID, what its credentials (and so trust lists) name it by.</summary>
    string IssuerUrl(Guid issuerId);
}
