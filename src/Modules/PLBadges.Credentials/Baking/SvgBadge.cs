using System.Xml;
using System.Xml.Linq;

namespace PLBadges.Credentials.Baking;

/// <summary>SVG badges baked as Open Badges 3.0 says: an <c>openbadges:credential</c> element, in the OB 3.0 namespace, holding the credential.</summary>
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

    /// <summary>The credential baked into an SVG, or null when it has none; malformed XML is a <see cref="FormatException"/>.</summary>
    public static string? Unbake(string svg) => Load(svg).Root?.Element(OpenBadges + "credential")?.Value.Trim();

    private static XDocument Load(string svg)
    {
        try
        {
            // No DTDs and no external entities: an uploaded SVG is untrusted.
            using var reader = XmlReader.Create(new StringReader(svg), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 10_000_000 });
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
