using Microsoft.AspNetCore.Builder;

namespace PLBadges.Abstractions.Hosting;

/// <summary>
/// Marks an endpoint that answers an anonymous public document, the same bytes for every reader (a credential, a key,
/// a status list). The host skips authentication and the modules' own middleware for it: such a request reads no
/// sign-in cookie and gets none, so a shared cache may keep what it answers, and it costs less. The module switch
/// still applies (a switched-off module's documents answer 404).
/// </summary>
public sealed class PublicDocumentMetadata
{
    public static readonly PublicDocumentMetadata Instance = new();

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
}
