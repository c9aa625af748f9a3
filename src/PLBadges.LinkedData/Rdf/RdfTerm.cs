namespace PLBadges.LinkedData.Rdf;

public enum RdfTermKind
{
    Iri,
    BlankNode,
    Literal,
    DefaultGraph,
}

/// <summary>
/// One term of an RDF quad. A blank node's <see cref="Value"/> is its label without the "_:" prefix;
/// a literal always has a datatype (rdf:langString when it has a language).
/// </summary>
public sealed record RdfTerm
{
    private RdfTerm(RdfTermKind kind, string value, string? datatype, string? language)
    {
        Kind = kind;
        Value = value;
        Datatype = datatype;
        Language = language;
    }

    public RdfTermKind Kind { get; }

    public string Value { get; }

    public string? Datatype { get; }

    public string? Language { get; }

    public static RdfTerm DefaultGraph { get; } = new(RdfTermKind.DefaultGraph, "", null, null);

    public static RdfTerm Iri(string iri) => new(RdfTermKind.Iri, iri, null, null);

    public static RdfTerm BlankNode(string label) => new(RdfTermKind.BlankNode, label, null, null);

    public static RdfTerm Literal(string lexicalForm, string datatype = RdfVocabulary.XsdString) =>
        new(RdfTermKind.Literal, lexicalForm, datatype, null);

    public static RdfTerm LanguageLiteral(string lexicalForm, string language) =>
        new(RdfTermKind.Literal, lexicalForm, RdfVocabulary.LangString, language);

    public bool IsBlankNode => Kind == RdfTermKind.BlankNode;

    public override string ToString() => NQuads.FormatTerm(this);
}

/// <summary>A statement in a graph: the default graph or a named one (an IRI or blank node).</summary>
public sealed record Quad(RdfTerm Subject, RdfTerm Predicate, RdfTerm Object, RdfTerm Graph)
{
    public Quad(RdfTerm subject, RdfTerm predicate, RdfTerm @object)
        : this(subject, predicate, @object, RdfTerm.DefaultGraph)
    {
    }

    public override string ToString() => NQuads.FormatQuad(this);
}

public static class RdfVocabulary
{
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string Xsd = "http://www.w3.org/2001/XMLSchema#";
    public const string Type = Rdf + "type";
    public const string First = Rdf + "first";
    public const string Rest = Rdf + "rest";
    public const string Nil = Rdf + "nil";
    public const string LangString = Rdf + "langString";
    public const string JsonLiteral = Rdf + "JSON";
    public const string XsdString = Xsd + "string";
    public const string XsdBoolean = Xsd + "boolean";
    public const string XsdInteger = Xsd + "integer";
    public const string XsdDouble = Xsd + "double";
}
