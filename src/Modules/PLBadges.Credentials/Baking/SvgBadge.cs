using System.Xml;
using System.Xml.Linq;
using PLBadges.Credentials.Verifying;

namespace PLBadges.Credentials.Baking;

/// <summary>
/// SVG badges baked as Open Badges 3.0 says: an <c>openbadges:credential</c> element, in the OB 3.0 namespace, holding
/// the credential's JSON (with its embedded proof); a VC-JWT, when another issuer bakes one, goes in its
/// <c>verify</c> attribute instead, which reading accepts too.
/// </summary>
public static class SvgBadge
{
    public static readonly XNamespace OpenBadges = "https://purl.imsglobal.org/ob/v3p0";

    public static string Bake(string svg, string credential)
    {
        var document = Load(svg);
        var root = document.Root!;
        root.Elements(OpenBadges + "credential").Remove();
        root.SetAttributeValue(XNamespace.Xmlns + "openbadges", OpenBadges.NamespaceName);
        root.AddFirst(new XElement(OpenBadges + "credential", new XCData(credential)));
        return document.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>
    /// The credential baked into an SVG, or null when it has none; malformed XML is a <see cref="FormatException"/>.
    /// Read as a stream, not loaded whole: reading stops at the first <c>openbadges:credential</c> child of the
    /// root, and refuses a document nested deeper or holding more nodes than <paramref name="limits"/> allow,
    /// counting both in <paramref name="counters"/>.
    /// </summary>
    public static string? Unbake(string svg, ReadCounters? counters = null, ReadLimits? limits = null)
    {
        counters ??= new ReadCounters();
        limits ??= ReadLimits.Default;
        try
        {
            using var reader = XmlReader.Create(new StringReader(svg), Untrusted);
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "svg")
            {
                throw new FormatException("This XML is not an SVG image.");
            }

            if (reader.IsEmptyElement)
            {
                return null;
            }

            while (reader.Read())
            {
                if (counters.Node() > limits.MaxSvgNodes)
                {
                    throw new FormatException($"The SVG holds more than {limits.MaxSvgNodes:N0} nodes before its credential.");
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                counters.Deeper(reader.Depth);
                if (reader.Depth > limits.MaxSvgDepth)
                {
                    throw new FormatException($"The SVG nests elements deeper than {limits.MaxSvgDepth} levels.");
                }

                if (reader.Depth == 1 && reader.LocalName == "credential" && reader.NamespaceURI == OpenBadges.NamespaceName)
                {
                    var verify = reader.GetAttribute("verify")?.Trim();
                    var content = reader.ReadElementContentAsString().Trim();
                    return content.Length > 0 ? content : verify;
                }
            }

            return null;
        }
        catch (XmlException problem)
        {
            throw new FormatException($"This SVG is not well-formed XML: {problem.Message}");
        }
    }

    // No DTDs and no external entities: an uploaded SVG is untrusted.
    private static readonly XmlReaderSettings Untrusted = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 10_000_000,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    private static XDocument Load(string svg)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(svg), Untrusted);
            var document = XDocument.Load(reader);
            if (document.Root?.Name.LocalName != "svg")
            {
                throw new FormatException("This XML is not an SVG image.");
            }

            return document;
        }
        catch (XmlException problem)
        {
            throw new FormatException($"This SVG is not well-formed XML: {problem.Message}");
        }
    }
}
