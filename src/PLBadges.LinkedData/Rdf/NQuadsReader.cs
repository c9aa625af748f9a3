using System.Globalization;
using System.Text;

namespace PLBadges.LinkedData.Rdf;

/// <summary>
/// A small hand-written N-Quads reader (RDF 1.1 grammar): IRIs with \u and \U escapes, blank node labels,
/// literals with escapes, language tags and datatypes, an optional graph label, comments.
/// </summary>
internal sealed class NQuadsReader(string text)
{
    private int position;
    private int line = 1;

    /// <summary>The statements, each once: a dataset is a set (and rdf-canonize's reader drops repeats too).</summary>
    public IReadOnlyList<Quad> ReadAll()
    {
        var quads = new List<Quad>();
        var seen = new HashSet<Quad>();
        while (true)
        {
            SkipWhitespaceAndComments(acrossLines: true);
            if (position >= text.Length)
            {
                return quads;
            }
            var quad = ReadStatement();
            if (seen.Add(quad))
            {
                quads.Add(quad);
            }
        }
    }

    private Quad ReadStatement()
    {
        var subject = Peek() switch
        {
            '<' => ReadIri(),
            '_' => ReadBlankNode(),
            _ => throw Error("a subject must be an IRI or a blank node"),
        };
        SkipWhitespaceAndComments(acrossLines: false);
        if (Peek() != '<')
        {
            throw Error("a predicate must be an IRI");
        }
        var predicate = ReadIri();
        SkipWhitespaceAndComments(acrossLines: false);
        var @object = Peek() switch
        {
            '<' => ReadIri(),
            '_' => ReadBlankNode(),
            '"' => ReadLiteral(),
            _ => throw Error("an object must be an IRI, a blank node or a literal"),
        };
        SkipWhitespaceAndComments(acrossLines: false);
        var graph = Peek() switch
        {
            '<' => ReadIri(),
            '_' => ReadBlankNode(),
            _ => RdfTerm.DefaultGraph,
        };
        SkipWhitespaceAndComments(acrossLines: false);
        if (Peek() != '.')
        {
            throw Error("a statement must end with '.'");
        }
        position++;
        SkipWhitespaceAndComments(acrossLines: false);
        if (position < text.Length && text[position] is not ('\n' or '\r'))
        {
            throw Error("only one statement may stand on a line");
        }
        return new Quad(subject, predicate, @object, graph);
    }

    private RdfTerm ReadIri()
    {
        position++; // '<'
        var builder = new StringBuilder();
        while (true)
        {
            if (position >= text.Length)
            {
                throw Error("an IRI is not closed with '>'");
            }
            var c = text[position++];
            if (c == '>')
            {
                break;
            }
            if (c == '\\')
            {
                AppendUnicodeEscape(builder, allowCharacterEscapes: false);
            }
            else if (c <= ' ' || c is '<' or '"' or '{' or '}' or '|' or '^' or '`')
            {
                throw Error($"the character U+{(int)c:X4} is not allowed in an IRI");
            }
            else
            {
                builder.Append(c);
            }
        }
        var iri = builder.ToString();
        if (!Iri.HasScheme(iri))
        {
            throw Error($"<{iri}> is not an absolute IRI");
        }
        return RdfTerm.Iri(iri);
    }

    private RdfTerm ReadBlankNode()
    {
        if (position + 1 >= text.Length || text[position + 1] != ':')
        {
            throw Error("a blank node label starts with '_:'");
        }
        position += 2;
        var start = position;
        while (position < text.Length && IsLabelCharacter(text[position]))
        {
            position++;
        }
        // A label may not end with '.', which then closes the statement.
        while (position > start && text[position - 1] == '.')
        {
            position--;
        }
        if (position == start)
        {
            throw Error("a blank node label is empty");
        }
        return RdfTerm.BlankNode(text[start..position]);
    }

    private static bool IsLabelCharacter(char c) =>
        char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or ':' or '\u00B7' || char.IsSurrogate(c) ||
        (c >= '\u0300' && c <= '\u036F') || c is '\u203F' or '\u2040' || (c > '\u007F' && !char.IsWhiteSpace(c) && !char.IsControl(c));

    private RdfTerm ReadLiteral()
    {
        position++; // '"'
        var builder = new StringBuilder();
        while (true)
        {
            if (position >= text.Length || text[position] is '\n' or '\r')
            {
                throw Error("a literal is not closed with '\"'");
            }
            var c = text[position++];
            if (c == '"')
            {
                break;
            }
            if (c == '\\')
            {
                AppendUnicodeEscape(builder, allowCharacterEscapes: true);
            }
            else
            {
                builder.Append(c);
            }
        }
        var lexicalForm = builder.ToString();
        if (Peek() == '@')
        {
            position++;
            var start = position;
            while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '-'))
            {
                position++;
            }
            var language = text[start..position];
            if (!IsLanguageTag(language))
            {
                throw Error($"'{language}' is not a language tag");
            }
            return RdfTerm.LanguageLiteral(lexicalForm, language);
        }
        if (Peek() == '^')
        {
            if (position + 2 >= text.Length || text[position + 1] != '^' || text[position + 2] != '<')
            {
                throw Error("a datatype is written ^^<IRI>");
            }
            position += 2;
            return RdfTerm.Literal(lexicalForm, ReadIri().Value);
        }
        return RdfTerm.Literal(lexicalForm);
    }

    private static bool IsLanguageTag(string tag)
    {
        var parts = tag.Split('-');
        return parts[0].Length > 0 && parts[0].All(char.IsAsciiLetter) && parts.Skip(1).All(part => part.Length > 0);
    }

    private void AppendUnicodeEscape(StringBuilder builder, bool allowCharacterEscapes)
    {
        if (position >= text.Length)
        {
            throw Error("an escape is cut short");
        }
        var kind = text[position++];
        switch (kind)
        {
            case 'u':
                builder.Append((char)ReadHex(4));
                return;
            case 'U':
                var codePoint = ReadHex(8);
                if (codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
                {
                    throw Error($"\\U{codePoint:X8} is not a Unicode scalar value");
                }
                builder.Append(char.ConvertFromUtf32(codePoint));
                return;
        }
        if (allowCharacterEscapes)
        {
            char? unescaped = kind switch
            {
                't' => '\t',
                'b' => '\b',
                'n' => '\n',
                'r' => '\r',
                'f' => '\f',
                '"' => '"',
                '\'' => '\'',
                '\\' => '\\',
                _ => null,
            };
            if (unescaped is { } value)
            {
                builder.Append(value);
                return;
            }
        }
        throw Error($"\\{kind} is not a valid escape here");
    }

    private int ReadHex(int digits)
    {
        if (position + digits > text.Length ||
            text.AsSpan(position, digits).ContainsAnyExcept("0123456789abcdefABCDEF") ||
            !long.TryParse(text.AsSpan(position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw Error($"an escape needs {digits} hexadecimal digits");
        }
        position += digits;
        return value > int.MaxValue ? int.MaxValue : (int)value;
    }

    private char Peek() => position < text.Length ? text[position] : '\0';

    private void SkipWhitespaceAndComments(bool acrossLines)
    {
        while (position < text.Length)
        {
            var c = text[position];
            if (c is ' ' or '\t')
            {
                position++;
            }
            else if (c == '#')
            {
                while (position < text.Length && text[position] is not ('\n' or '\r'))
                {
                    position++;
                }
            }
            else if (acrossLines && c is '\n' or '\r')
            {
                if (c == '\n' || (c == '\r' && (position + 1 >= text.Length || text[position + 1] != '\n')))
                {
                    line++;
                }
                position++;
            }
            else
            {
                return;
            }
        }
    }

    private NQuadsSyntaxException Error(string message) => new(message, line);
}
