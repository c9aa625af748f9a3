using System.Globalization;
using System.Text;

namespace PLBadges.LinkedData.Rdf;

/// <summary>
/// N-Quads in the canonical form RDFC-1.0 hashes and outputs: one space between terms, " .\n" at the end,
/// literals escaped with \b \t \n \f \r \" \\ and \uXXXX for the other control characters, IRIs with \uXXXX
/// for the characters N-Quads forbids in them, and xsd:string left implicit. These choices are byte for byte
/// those of the reference implementation (rdf-canonize), since a signature covers the bytes.
/// </summary>
public static class NQuads
{
    public static string Write(IEnumerable<Quad> quads)
    {
        var builder = new StringBuilder();
        foreach (var quad in quads)
        {
            AppendQuad(builder, quad);
        }
        return builder.ToString();
    }

    /// <summary>The quad as one line, with its terminating newline.</summary>
    public static string FormatQuad(Quad quad)
    {
        var builder = new StringBuilder(128);
        AppendQuad(builder, quad);
        return builder.ToString();
    }

    public static string FormatTerm(RdfTerm term)
    {
        var builder = new StringBuilder();
        AppendTerm(builder, term);
        return builder.ToString();
    }

    public static void AppendQuad(StringBuilder builder, Quad quad)
    {
        AppendTerm(builder, quad.Subject);
        builder.Append(' ');
        AppendTerm(builder, quad.Predicate);
        builder.Append(' ');
        AppendTerm(builder, quad.Object);
        if (quad.Graph.Kind != RdfTermKind.DefaultGraph)
        {
            builder.Append(' ');
            AppendTerm(builder, quad.Graph);
        }
        builder.Append(" .\n");
    }

    public static void AppendTerm(StringBuilder builder, RdfTerm term)
    {
        switch (term.Kind)
        {
            case RdfTermKind.Iri:
                AppendIri(builder, term.Value);
                break;
            case RdfTermKind.BlankNode:
                builder.Append("_:").Append(term.Value);
                break;
            case RdfTermKind.Literal:
                builder.Append('"');
                AppendEscapedLiteral(builder, term.Value);
                builder.Append('"');
                if (term.Datatype == RdfVocabulary.LangString)
                {
                    if (!string.IsNullOrEmpty(term.Language))
                    {
                        builder.Append('@').Append(term.Language);
                    }
                }
                else if (term.Datatype != RdfVocabulary.XsdString)
                {
                    builder.Append("^^");
                    AppendIri(builder, term.Datatype!);
                }
                break;
            case RdfTermKind.DefaultGraph:
                break;
        }
    }

    private static void AppendIri(StringBuilder builder, string iri)
    {
        builder.Append('<');
        foreach (var c in iri)
        {
            if (c <= ' ' || c is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\')
            {
                AppendUnicodeEscape(builder, c);
            }
            else
            {
                builder.Append(c);
            }
        }
        builder.Append('>');
    }

    private static void AppendEscapedLiteral(StringBuilder builder, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\b': builder.Append("\\b"); break;
                case '\t': builder.Append("\\t"); break;
                case '\n': builder.Append("\\n"); break;
                case '\f': builder.Append("\\f"); break;
                case '\r': builder.Append("\\r"); break;
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                default:
                    if (c < 0x20 || c == 0x7F)
                    {
                        AppendUnicodeEscape(builder, c);
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
    }

    private static void AppendUnicodeEscape(StringBuilder builder, char c) =>
        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));

    /// <summary>Reads N-Quads (RDF 1.1), with comments and blank lines; a repeated statement is kept once.</summary>
    /// <exception cref="NQuadsSyntaxException">The text is not N-Quads; the message names the line.</exception>
    public static IReadOnlyList<Quad> Parse(string text) => new NQuadsReader(text).ReadAll();
}

public sealed class NQuadsSyntaxException(string message, int line) : FormatException($"N-Quads line {line}: {message}")
{
    public int Line { get; } = line;
}
