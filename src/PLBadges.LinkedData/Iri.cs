using System.Text;

namespace PLBadges.LinkedData;

/// <summary>
/// The IRI tests and RFC 3986 reference resolution JSON-LD needs, matching jsonld.js where the specification
/// leaves room (what counts as "absolute" is only a scheme check, as in jsonld.js).
/// </summary>
internal static class Iri
{
    /// <summary>A scheme, a colon, and no whitespace: jsonld.js's test (blank node identifiers are not IRIs here).</summary>
    public static bool IsAbsolute(string value)
    {
        if (!HasScheme(value))
        {
            return false;
        }
        for (var i = value.IndexOf(':') + 1; i < value.Length; i++)
        {
            if (IsJavaScriptWhitespace(value[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Starts with a scheme and a colon (N-Quads' own test: an IRI there may hold escaped spaces).</summary>
    public static bool HasScheme(string value)
    {
        var colon = value.IndexOf(':');
        if (colon < 1 || !char.IsAsciiLetter(value[0]))
        {
            return false;
        }
        for (var i = 1; i < colon; i++)
        {
            // jsonld.js's class [A-Za-z0-9+-.] is a range from '+' to '.', so it also admits ','.
            if (!char.IsAsciiLetterOrDigit(value[i]) && value[i] is not ('+' or ',' or '-' or '.'))
            {
                return false;
            }
        }
        return true;
    }

    public static bool IsBlankNodeIdentifier(string value) => value.StartsWith("_:", StringComparison.Ordinal);

    /// <summary>An absolute IRI or a blank node identifier: what RDF can use as a node.</summary>
    public static bool IsAbsoluteOrBlankNode(string value) => IsBlankNodeIdentifier(value) || IsAbsolute(value);

    private static bool IsJavaScriptWhitespace(char c) =>
        c is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00A0' or '\u1680' or '\u2028' or '\u2029' or '\u202F'
            or '\u205F' or '\u3000' or '\uFEFF' || (c >= '\u2000' && c <= '\u200A');

    /// <summary>Resolves a reference against a base IRI (RFC 3986, 5.2). A null base leaves the reference as it is.</summary>
    public static string Resolve(string reference, string? baseIri)
    {
        if (baseIri is null || IsAbsolute(reference))
        {
            return reference;
        }
        var b = Parse(baseIri);
        var r = Parse(reference);
        string? authority;
        string path;
        string? query;
        if (r.Authority is not null)
        {
            authority = r.Authority;
            path = RemoveDotSegments(r.Path);
            query = r.Query;
        }
        else
        {
            authority = b.Authority;
            if (r.Path.Length == 0)
            {
                path = b.Path;
                query = r.Query ?? b.Query;
            }
            else
            {
                path = r.Path[0] == '/' ? r.Path : Merge(b, r.Path);
                path = RemoveDotSegments(path);
                query = r.Query;
            }
        }
        var result = new StringBuilder();
        if (b.Scheme is not null)
        {
            result.Append(b.Scheme).Append(':');
        }
        if (authority is not null)
        {
            result.Append("//").Append(authority);
        }
        result.Append(path);
        if (query is not null)
        {
            result.Append('?').Append(query);
        }
        if (r.Fragment is not null)
        {
            result.Append('#').Append(r.Fragment);
        }
        return result.ToString();
    }

    private static string Merge(Reference b, string relativePath)
    {
        if (b.Authority is not null && b.Path.Length == 0)
        {
            return "/" + relativePath;
        }
        var lastSlash = b.Path.LastIndexOf('/');
        return b.Path[..(lastSlash + 1)] + relativePath;
    }

    /// <summary>RFC 3986, 5.2.4.</summary>
    public static string RemoveDotSegments(string path)
    {
        if (path.Length == 0 || (!path.Contains("./", StringComparison.Ordinal) && !path.EndsWith('.')))
        {
            return path;
        }
        var input = path;
        var output = new List<string>();
        while (input.Length > 0)
        {
            if (input.StartsWith("../", StringComparison.Ordinal))
            {
                input = input[3..];
            }
            else if (input.StartsWith("./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input.StartsWith("/./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input == "/.")
            {
                input = "/";
            }
            else if (input.StartsWith("/../", StringComparison.Ordinal))
            {
                input = input[3..];
                if (output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }
            }
            else if (input == "/..")
            {
                input = "/";
                if (output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }
            }
            else if (input is "." or "..")
            {
                input = "";
            }
            else
            {
                var start = input[0] == '/' ? 1 : 0;
                var next = input.IndexOf('/', start);
                var segment = next < 0 ? input : input[..next];
                output.Add(segment);
                input = next < 0 ? "" : input[next..];
            }
        }
        return string.Concat(output);
    }

    private readonly record struct Reference(string? Scheme, string? Authority, string Path, string? Query, string? Fragment);

    /// <summary>Splits a reference into its five parts (RFC 3986, appendix B), dropping a scheme's default port as jsonld.js does.</summary>
    private static Reference Parse(string value)
    {
        string? fragment = null;
        var hash = value.IndexOf('#');
        if (hash >= 0)
        {
            fragment = value[(hash + 1)..];
            value = value[..hash];
        }
        string? query = null;
        var question = value.IndexOf('?');
        if (question >= 0)
        {
            query = value[(question + 1)..];
            value = value[..question];
        }
        string? scheme = null;
        var colon = value.IndexOf(':');
        if (colon > 0 && IsAbsolute(value[..(colon + 1)]) && value.IndexOf('/') is var slash && (slash < 0 || slash > colon))
        {
            scheme = value[..colon];
            value = value[(colon + 1)..];
        }
        string? authority = null;
        if (value.StartsWith("//", StringComparison.Ordinal))
        {
            var end = value.IndexOf('/', 2);
            authority = end < 0 ? value[2..] : value[2..end];
            value = end < 0 ? "" : value[end..];
            if ((scheme == "https" && authority.EndsWith(":443", StringComparison.Ordinal)) ||
                (scheme == "http" && authority.EndsWith(":80", StringComparison.Ordinal)))
            {
                authority = authority[..authority.LastIndexOf(':')];
            }
        }
        return new Reference(scheme, authority, value, query, fragment);
    }
}
