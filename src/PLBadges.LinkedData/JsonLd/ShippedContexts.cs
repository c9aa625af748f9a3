using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace PLBadges.LinkedData.JsonLd;

/// <summary>
/// The contexts shipped inside this library (Contexts/README.md says where each came from), and the loader
/// that serves them and refuses everything else.
/// </summary>
public sealed class ShippedContexts : IDocumentLoader
{
    public const string CredentialsV2 = "https://www.w3.org/ns/credentials/v2";
    public const string CredentialsV1 = "https://www.w3.org/2018/credentials/v1";
    public const string OpenBadgesV3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
    public const string OpenBadgesV3_0_2 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json";
    public const string OpenBadgesV3_0_1 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json";
    public const string OpenBadgesV3_0_0 = "https://purl.imsglobal.org/spec/ob/v3p0/context.json";
    public const string OpenBadgesExtensions = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json";
    public const string DidV1 = "https://www.w3.org/ns/did/v1";
    public const string MultikeyV1 = "https://w3id.org/security/multikey/v1";
    public const string DataIntegrityV1 = "https://w3id.org/security/data-integrity/v1";
    public const string DataIntegrityV2 = "https://w3id.org/security/data-integrity/v2";
    public const string Ed25519Signature2020V1 = "https://w3id.org/security/suites/ed25519-2020/v1";
    public const string BitstringStatusListV1 = "https://www.w3.org/ns/credentials/status/v1";

    private static readonly FrozenDictionary<string, string> Files = new Dictionary<string, string>
    {
        [CredentialsV2] = "credentials-v2.json",
        [CredentialsV1] = "credentials-v1.json",
        [OpenBadgesV3] = "ob-v3p0-context-3.0.3.json",
        [OpenBadgesV3_0_2] = "ob-v3p0-context-3.0.2.json",
        [OpenBadgesV3_0_1] = "ob-v3p0-context-3.0.1.json",
        [OpenBadgesV3_0_0] = "ob-v3p0-context.json",
        [OpenBadgesExtensions] = "ob-v3p0-extensions.json",
        [DidV1] = "did-v1.json",
        [MultikeyV1] = "multikey-v1.json",
        [DataIntegrityV1] = "data-integrity-v1.json",
        [DataIntegrityV2] = "data-integrity-v2.json",
        [Ed25519Signature2020V1] = "ed25519-signature-2020-v1.json",
        [BitstringStatusListV1] = "vc-bitstring-status-list-v1.json",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Parsed once per process; the documents are frozen and shared read-only by every processor.
    private static readonly Lazy<FrozenDictionary<string, RemoteDocument>> Documents = new(LoadAll);

    private ShippedContexts()
    {
    }

    /// <summary>The loader that serves exactly the shipped contexts.</summary>
    public static ShippedContexts Loader { get; } = new();

    public static IReadOnlyCollection<string> Urls => Files.Keys;

    public RemoteDocument Load(string url) =>
        Documents.Value.TryGetValue(url, out var document) ? document : throw InMemoryDocumentLoader.NotServed(url);

    private static FrozenDictionary<string, RemoteDocument> LoadAll()
    {
        var assembly = typeof(ShippedContexts).Assembly;
        return Files.ToFrozenDictionary(
            pair => pair.Key,
            pair =>
            {
                var resource = $"PLBadges.LinkedData.Contexts.{pair.Value}";
                using var stream = assembly.GetManifestResourceStream(resource)
                    ?? throw new InvalidOperationException($"The shipped context {resource} is missing from the assembly.");
                var document = JsonNode.Parse(stream)
                    ?? throw new InvalidOperationException($"The shipped context {resource} is empty.");
                return new RemoteDocument(pair.Key, JsonTree.Freeze(document));
            },
            StringComparer.Ordinal);
    }
}
