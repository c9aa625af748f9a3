namespace PLBadges.Credentials.Wallet;

/// <summary>How a wallet takes a credential: the two ways the Learner Credential Wallet stores today, and the standard one kept for later.</summary>
public enum ExchangeKind
{
    /// <summary>A VC-API exchange reached from an interaction URL: <c>POST {}</c> answers with the credential.</summary>
    Offer,

    /// <summary>The wallet's request link: it posts a presentation signed with its DID and gets a copy issued to that DID.</summary>
    Request,

    /// <summary>
    /// A VC-API exchange that first asks for DID Authentication, then answers with a copy issued to the DID. Kept ready
    /// but offered to nobody: the Learner Credential Wallet 2.2.10 drops what such an exchange returns (its issue #957).
    /// </summary>
    DidAuthentication,
}

/// <summary>Where an exchange stands. "Expired" is not stored: an open exchange past its time is expired.</summary>
public enum ExchangeState
{
    Open,
    Delivered,
    Failed,
}

/// <summary>
/// One hand-off of a credential to a wallet, opened by the credential's owner: single use, 15 minutes. Its id is the
/// secret in the addresses the wallet is given (128 random bits).
/// </summary>
internal sealed class WalletExchange
{
    public required string Id { get; set; }

    public Guid PersonId { get; set; }

    public required string CredentialId { get; set; }

    public ExchangeKind Kind { get; set; }

    /// <summary>What the wallet must sign (request link, DID Authentication): random, single use.</summary>
    public required string Challenge { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public ExchangeState State { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>Why it failed, in words for the owner's page (the wallet shows no error text).</summary>
    public string? Failure { get; set; }

    /// <summary>The copy issued to the wallet's DID, when the exchange made one.</summary>
    public string? CopyId { get; set; }
}

/// <summary>
/// A credential issued again to the DID a wallet proved it holds: a new id, the wallet's DID as the subject, the
/// original's status entry (so one revocation covers both) and a reference to the original. Not a second award:
/// holdings, transcripts and counts read only the originals.
/// </summary>
internal sealed class WalletCopy
{
    public required string Id { get; set; }

    public required string OriginalId { get; set; }

    public required string HolderDid { get; set; }

    public required string Json { get; set; }

    public required string Jwt { get; set; }

    public DateTime CreatedAt { get; set; }
}
