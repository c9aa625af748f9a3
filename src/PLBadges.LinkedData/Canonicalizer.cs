using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PLBadges.LinkedData.Canonicalization;
using PLBadges.LinkedData.JsonLd;

namespace PLBadges.LinkedData;

/// <summary>
/// A JSON-LD document to its RDFC-1.0 canonical N-Quads, as the eddsa-rdfc-2022 and Ed25519Signature2020
/// cryptosuites need: JSON-LD to RDF in safe mode (always; nothing is signed that a reference verifier would read
/// differently) with no base IRI, then RDF Dataset Canonicalization. Thread-safe.
/// </summary>
public sealed class Canonicalizer(JsonLdProcessor? processor = null)
{
    private readonly JsonLdProcessor processor = processor ?? JsonLdProcessor.Default;

    /// <summary>Over the shipped contexts.</summary>
    public static Canonicalizer Default { get; } = new();

    /// <summary>The canonical N-Quads of the document.</summary>
    /// <exception cref="JsonLdException">The document is not valid JSON-LD, names a context that is not shipped, or fails safe mode (<see cref="JsonLdSafeModeException"/> names the term).</exception>
    /// <exception cref="CanonicalizationLimitExceededException">The document's blank nodes are arranged to make canonicalization explode.</exception>
    public string Canonicalize(JsonObject document, CanonicalizationOptions? options = null) =>
        CanonicalizeDataset(document, options).NQuads;

    /// <summary>The canonical form with its statements and the canonical blank node labels.</summary>
    public CanonicalizationResult CanonicalizeDataset(JsonObject document, CanonicalizationOptions? options = null) =>
        RdfCanonicalizer.Canonicalize(processor.ToRdf(document), options);

    /// <summary>
    /// The hash of the canonical N-Quads (UTF-8) with the options' algorithm: what a Data Integrity proof hashes
    /// for the document and for its proof options.
    /// </summary>
    public byte[] Hash(JsonObject document, CanonicalizationOptions? options = null)
    {
        options ??= CanonicalizationOptions.Default;
        return CryptographicOperations.HashData(options.HashAlgorithm, Encoding.UTF8.GetBytes(Canonicalize(document, options)));
    }
}
