using System.Text.Json.Nodes;
using PLBadges.LinkedData.Rdf;

namespace PLBadges.LinkedData.JsonLd;

/// <summary>
/// JSON-LD 1.1 expansion and conversion to RDF, always in safe mode: a document that would lose or change
/// information on its way to RDF (an undefined term, a relative IRI, a dropped value) is refused with a
/// <see cref="JsonLdSafeModeException"/> naming the term, never silently changed. This is how jsonld.js
/// canonicalizes for Data Integrity proofs, so what this signs, the reference verifiers can verify.
/// </summary>
/// <remarks>
/// Thread-safe. Contexts come only from the document loader (by default the shipped contexts); processed
/// contexts are cached, bounded by <paramref name="contextCacheCapacity"/> entries.
/// </remarks>
public sealed class JsonLdProcessor
{
    private readonly ContextCache cache;
    private readonly ContextProcessor contexts;

    /// <param name="documentLoader">Where contexts come from; by default only the shipped contexts.</param>
    /// <param name="contextCacheCapacity">How many processed contexts to keep.</param>
    public JsonLdProcessor(IDocumentLoader? documentLoader = null, int contextCacheCapacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contextCacheCapacity, 1);
        cache = new ContextCache(contextCacheCapacity);
        contexts = new ContextProcessor(documentLoader ?? ShippedContexts.Loader, cache);
    }

    /// <summary>A processor over the shipped contexts, shared by the whole process.</summary>
    public static JsonLdProcessor Default { get; } = new();

    /// <summary>The expanded form of a document, as JSON.</summary>
    /// <exception cref="JsonLdException">The document is not valid JSON-LD, names a context that is not shipped, or fails safe mode.</exception>
    public JsonArray Expand(JsonNode document, JsonLdOptions? options = null)
    {
        var expanded = ExpandInternal(document, options);
        return (JsonArray)ExpandedForm.ToJson(expanded)!;
    }

    /// <summary>The RDF dataset of a document (Deserialize JSON-LD to RDF), without repeated statements.</summary>
    /// <exception cref="JsonLdException">The document is not valid JSON-LD, names a context that is not shipped, or fails safe mode.</exception>
    public IReadOnlyList<Quad> ToRdf(JsonNode document, JsonLdOptions? options = null) =>
        RdfConverter.Convert(ExpandInternal(document, options));

    internal int CachedContexts => cache.Count;

    private List<object?> ExpandInternal(JsonNode document, JsonLdOptions? options)
    {
        ArgumentNullException.ThrowIfNull(document);
        var baseIri = options?.Base;
        if (baseIri is not null && !Iri.IsAbsolute(baseIri))
        {
            throw new ArgumentException($"The base IRI \"{baseIri}\" is not absolute.", nameof(options));
        }
        var initial = baseIri is null ? ContextProcessor.InitialContext : new ActiveContext(baseIri);
        var expander = new Expander(contexts);
        return expander.ExpandDocument(document, initial, baseIri);
    }
}

/// <summary>Options for <see cref="JsonLdProcessor"/>.</summary>
public sealed record JsonLdOptions
{
    /// <summary>
    /// The base IRI for relative references. Null (the default, as verifiers canonicalize) leaves them relative,
    /// which safe mode then refuses.
    /// </summary>
    public string? Base { get; init; }
}
