using System.Text.Json.Nodes;

namespace PLBadges.LinkedData.JsonLd;

[Flags]
internal enum Containers
{
    None = 0,
    Graph = 1,
    Id = 2,
    Index = 4,
    Language = 8,
    List = 16,
    Set = 32,
    Type = 64,
}

/// <summary>
/// What a context says about one term (JSON-LD 1.1 API, 4.1: "term definition"). Immutable once the context
/// that made it is complete, so processed contexts can be shared between threads.
/// </summary>
internal sealed class TermDefinition
{
    /// <summary>The IRI or keyword the term expands to; null when the term is defined as null (it is then never expanded).</summary>
    public string? IriMapping { get; set; }

    public bool IsPrefix { get; set; }

    public bool IsProtected { get; set; }

    public bool IsReverse { get; set; }

    /// <summary>@id, @vocab, @json, @none or a datatype IRI.</summary>
    public string? TypeMapping { get; set; }

    public Containers Container { get; set; }

    /// <summary>Whether @language was given; <see cref="Language"/> is then its value, possibly null (no language).</summary>
    public bool HasLanguage { get; set; }

    public string? Language { get; set; }

    public bool HasDirection { get; set; }

    public string? Direction { get; set; }

    public string? IndexMapping { get; set; }

    public string? NestValue { get; set; }

    /// <summary>The term's scoped context (a property- or type-scoped @context), as written.</summary>
    public JsonNode? ScopedContext { get; set; }

    public bool HasScopedContext { get; set; }

    public string? BaseUrl { get; set; }

    /// <summary>
    /// The scoped context came from a shipped (immutable, shared) context document, so processing it can be
    /// cached by reference; a scoped context inside a caller's document never is.
    /// </summary>
    public bool ScopedContextIsShared { get; set; }

    /// <summary>Equal in every respect but protection: a protected term may be "redefined" identically.</summary>
    public bool SameAs(TermDefinition other) =>
        IriMapping == other.IriMapping &&
        IsPrefix == other.IsPrefix &&
        IsReverse == other.IsReverse &&
        TypeMapping == other.TypeMapping &&
        Container == other.Container &&
        HasLanguage == other.HasLanguage &&
        Language == other.Language &&
        HasDirection == other.HasDirection &&
        Direction == other.Direction &&
        IndexMapping == other.IndexMapping &&
        NestValue == other.NestValue &&
        HasScopedContext == other.HasScopedContext &&
        JsonNode.DeepEquals(ScopedContext, other.ScopedContext);
}
