namespace PLBadges.LinkedData.JsonLd;

/// <summary>
/// The active context (JSON-LD 1.1 API, 4.1). Treated as immutable once built: context processing works on a
/// copy, which is what lets processed contexts be cached and shared.
/// </summary>
internal sealed class ActiveContext
{
    private readonly Dictionary<string, TermDefinition> terms;

    public ActiveContext(string? baseIri)
    {
        terms = new Dictionary<string, TermDefinition>(StringComparer.Ordinal);
        BaseIri = baseIri;
        OriginalBaseUrl = baseIri;
    }

    private ActiveContext(ActiveContext source)
    {
        terms = new Dictionary<string, TermDefinition>(source.terms, StringComparer.Ordinal);
        BaseIri = source.BaseIri;
        OriginalBaseUrl = source.OriginalBaseUrl;
        Vocabulary = source.Vocabulary;
        DefaultLanguage = source.DefaultLanguage;
        DefaultDirection = source.DefaultDirection;
        PreviousContext = source.PreviousContext;
    }

    public string? BaseIri { get; set; }

    public string? OriginalBaseUrl { get; set; }

    public string? Vocabulary { get; set; }

    public string? DefaultLanguage { get; set; }

    public string? DefaultDirection { get; set; }

    /// <summary>Set by a type-scoped (non-propagated) context: the context to return to for a new node object.</summary>
    public ActiveContext? PreviousContext { get; set; }

    /// <summary>
    /// Built only from shipped contexts (and the initial context), so it is immutable, shared, and may key the
    /// context cache. A clone never is, until the cache stores it.
    /// </summary>
    public bool IsShared { get; set; }

    public bool HasProtectedTerms => terms.Values.Any(term => term.IsProtected);

    public ActiveContext Clone() => new(this);

    public TermDefinition? Term(string term) => terms.GetValueOrDefault(term);

    public bool TryGetTerm(string term, out TermDefinition definition) => terms.TryGetValue(term, out definition!);

    public void SetTerm(string term, TermDefinition definition) => terms[term] = definition;

    public bool RemoveTerm(string term) => terms.Remove(term);
}
