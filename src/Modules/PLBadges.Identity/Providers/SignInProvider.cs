namespace PLBadges.Identity.Providers;

/// <summary>Which rules link a first sign-in to a person: Google's, Microsoft's, ClassLink's, or those of any other OpenID Connect provider.</summary>
public enum ProviderKind
{
    Google,
    Microsoft,
    ClassLink,
    OpenIdConnect,
}

/// <summary>
/// A registration at an identity provider, kept in the database and handed to OpenIddict's client
/// at run time (ADR 0008). Platform registrations (Google, Microsoft, ClassLink) have no district;
/// each district may add its own OpenID Connect provider.
/// </summary>
internal sealed class SignInProvider
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>OpenIddict's registration id, also the last segment of the redirect URI: "google", "microsoft", "classlink", or "d-…" for a district's.</summary>
    public required string RegistrationId { get; set; }

    public ProviderKind Kind { get; set; }

    public Guid? DistrictId { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>The issuer, whose discovery document gives the endpoints and keys.</summary>
    public required string Issuer { get; set; }

    public required string ClientId { get; set; }

    /// <summary>The client secret, encrypted with the site's Data Protection key ring; never shown again.</summary>
    public string? ProtectedSecret { get; set; }

    public bool Enabled { get; set; } = true;

    public DateTime UpdatedAt { get; set; }
}

/// <summary>What identifies a district at the platform providers, and its sign-in rules.</summary>
internal sealed class DistrictSignIn
{
    public Guid DistrictId { get; set; }

    /// <summary>Email domains (and Google Workspace domains, <c>hd</c>) of the district, separated by spaces.</summary>
    public string Domains { get; set; } = "";

    /// <summary>Microsoft Entra tenant ids (<c>tid</c>), separated by spaces.</summary>
    public string Tenants { get; set; } = "";

    /// <summary>ClassLink tenant ids, separated by spaces.</summary>
    public string ClassLinkTenants { get; set; } = "";

    /// <summary>The district's people sign in with their district account only.</summary>
    public bool LocalPasswordsOff { get; set; }

    /// <summary>People the district does not know, whom its provider vouches for, get in as teachers once a district admin confirms them.</summary>
    public bool AdmitUnknown { get; set; }

    public DateTime UpdatedAt { get; set; }

    public static IReadOnlyList<string> Split(string list) => list.Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => x.ToLowerInvariant()).Distinct().ToList();
}

/// <summary>
/// Someone the district did not know, let in through its provider and waiting for a district admin:
/// an account with no role until confirmed, when they become a teacher of the district.
/// </summary>
internal sealed class PendingPerson
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid DistrictId { get; set; }

    public Guid PersonId { get; set; }

    /// <summary>The registration they signed in through.</summary>
    public required string RegistrationId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ConfirmedAt { get; set; }

    public Guid? ConfirmedBy { get; set; }
}
