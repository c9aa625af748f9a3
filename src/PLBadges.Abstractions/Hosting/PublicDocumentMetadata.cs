using Microsoft.AspNetCore.Builder;

namespace PLBadges.Abstractions.Hosting;

/// <summary>
/// Marks an endpoint whose answer depends on its request alone, never on who sends it (the verification of a
/// credential). The host skips authentication and the modules' own middleware for it: the request reads no sign-in
/// cookie and gets none, and costs less. The module switch still applies (a switched-off module's endpoints answer 404).
/// </summary>
public class SignInUnreadMetadata
{
    public static readonly SignInUnreadMetadata Instance = new();

    private protected SignInUnreadMetadata()
    {
    }
}

/// <summary>
/// Marks an endpoint that answers an anonymous public document, the same bytes for every reader (a credential, a key,
/// a status list): it reads no sign-in (see <see cref="SignInUnreadMetadata"/>), so a shared cache may keep what it answers.
/// </summary>
public sealed class PublicDocumentMetadata : SignInUnreadMetadata
{
    public static new readonly PublicDocumentMetadata Instance = new();

    private PublicDocumentMetadata()
    {
    }
}

public static class PublicDocumentEndpointExtensions
{
    /// <summary>Anyone may read it, and it is the same for everyone (see <see cref="PublicDocumentMetadata"/>).</summary>
    public static TBuilder AsPublicDocument<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AllowAnonymous().WithMetadata(PublicDocumentMetadata.Instance);

    /// <summary>Anyone may call it, and its answer depends on the request alone (see <see cref="SignInUnreadMetadata"/>).</summary>
    public static TBuilder ReadsNoSignIn<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AllowAnonymous().WithMetadata(SignInUnreadMetadata.Instance);
}
