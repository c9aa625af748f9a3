using PLBadges.Credentials.Signing;

namespace PLBadges.Credentials.Issuing;

/// <summary>What a credential recognises: one passed micro-credential, or a whole pathway (its capstone).</summary>
public enum CredentialKind
{
    MicroCredential,
    Pathway,

    /// <summary>Something another module recognises, such as an academy completed (<see cref="Contracts.AchievementAwarded"/>).</summary>
    Award,
}

/// <summary>
/// An issued Open Badges 3.0 credential. <see cref="Json"/> is the credential exactly as signed
/// into <see cref="Jwt"/>; neither ever changes. Revocation lives beside it and in the status list.
/// </summary>
internal sealed class IssuedCredential
{
    /// <summary>128 random bits, base64url: unguessable, and the last segment of the credential's URL.</summary>
    public required string Id { get; set; }

    public Guid IssuerId { get; set; }

    public Guid RecipientId { get; set; }

    public CredentialKind Kind { get; set; }

    /// <summary>The passed submission (micro-credential credentials): at most one credential each.</summary>
    public Guid? SubmissionId { get; set; }

    /// <summary>The pathway completed (capstone credentials): at most one per person and pathway.</summary>
    public Guid? CapstoneOf { get; set; }

    public Guid PathwayId { get; set; }

    /// <summary>What an award recognises ("academy:{cohort id}"): at most one credential per person and key.</summary>
    public string? AwardKey { get; set; }

    public Guid? MicroCredentialId { get; set; }

    public Guid? VersionId { get; set; }

    public required string Name { get; set; }

    public decimal Hours { get; set; }

    public DateTime ValidFrom { get; set; }

    public DateTime? ValidUntil { get; set; }

    public required string Json { get; set; }

    public required string Jwt { get; set; }

    public required string KeyId { get; set; }

    public Guid StatusListId { get; set; }

    public int StatusIndex { get; set; }

    public DateTime? RevokedAt { get; set; }

    public string? RevocationReason { get; set; }

    public Guid? RevokedBy { get; set; }
}

/// <summary>An issuer's signing key. The private key is kept only as Data Protection ciphertext.</summary>
internal sealed class IssuerKey
{
    public required string Id { get; set; }

    public Guid IssuerId { get; set; }

    public SigningAlgorithm Algorithm { get; set; }

    public required string PublicJwk { get; set; }

    public required string ProtectedPrivateKey { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When a newer key took over signing; the public key stays published so older credentials still verify.</summary>
    public DateTime? RetiredAt { get; set; }
}

/// <summary>
/// One Bitstring Status List of an issuer (131,072 entries, the size the specification recommends
/// for group privacy); credentials take the next free entry.
/// </summary>
internal sealed class StatusList
{
    public const int Size = 131_072;

    public Guid Id { get; set; }

    public Guid IssuerId { get; set; }

    public int Number { get; set; }

    /// <summary>The next entry to hand out (a concurrency token: two issuers at once cannot take the same one).</summary>
    public int NextIndex { get; set; }

    /// <summary>Raised with every revocation or its undoing, so a published copy knows it is stale.</summary>
    public int Revision { get; set; }

    /// <summary>When the list was made or last changed: the published list's <c>validFrom</c>, the same on every node.</summary>
    public DateTime RevisedAt { get; set; }
}

/// <summary>A person's choices about their credentials: the plain email in new ones, and a public profile page.</summary>
internal sealed class CredentialSharing
{
    public Guid PersonId { get; set; }

    public bool IncludeEmail { get; set; }

    public bool PublicProfile { get; set; }

    /// <summary>The public profile's address segment: random, so a profile is found only by those given the link.</summary>
    public required string ProfileId { get; set; }
}

/// <summary>
/// The identifier an educator's credentials name them by (<c>credentialSubject.id</c>, and the VC-JWT's <c>sub</c>):
/// a random urn:uuid made with their first credential and kept for every later one, never derived from their email.
/// </summary>
internal sealed class EducatorSubject
{
    public Guid PersonId { get; set; }

    /// <summary>"urn:uuid:" and a random UUID.</summary>
    public required string SubjectId { get; set; }
}
