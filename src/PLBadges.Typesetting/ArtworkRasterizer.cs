using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SkiaSharp;
using Svg.Skia;
using Svg.Skia.TypefaceProviders;

namespace PLBadges.Typesetting;

/// <summary>
/// Turns SVG artwork that PLBadges itself generated (badge images) into PNG with Svg.Skia, its text in the shipped
/// fonts. It is not for SVG that anyone uploaded: an SVG parser and renderer is a large attack surface, so only markup
/// our own code wrote comes here, and even that is refused if it reaches outside itself (a DOCTYPE or entity, a
/// script, foreign HTML, or a link to anything but a fragment in the same document).
/// </summary>
public sealed partial class ArtworkRasterizer
{
    private static readonly Lazy<ArtworkRasterizer> LazyShipped = new(() => new ArtworkRasterizer(FontSet.Shipped), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private readonly FontSet fonts;
    private readonly IList<ITypefaceProvider> providers;

    public ArtworkRasterizer(FontSet fonts)
    {
        ArgumentNullException.ThrowIfNull(fonts);
        this.fonts = fonts;

        // One provider per family, in the set's fallback order. Svg.Skia asks each provider for the family the artwork
        // names and takes, per character, the first face that has it (it asks the system's fonts only for a character
        // no shipped face has); later it asks again by the family name of the face it chose. So a provider answers its
        // own family's name and any other name except those of the fallback families (Arabic, Hebrew, CJK), which
        // only their own provider answers.
        var families = fonts.Faces.Select(f => f.Family).Distinct().ToList();
        var fallbacks = families.Skip(1).ToHashSet(StringComparer.OrdinalIgnoreCase);
        providers = families
            .Select(family => (ITypefaceProvider)new ShippedFamily(family, fonts.Find(family, FontWeight.Regular)!, fonts.Find(family, FontWeight.Bold)!, fallbacks))
            .ToList();
    }

    public static ArtworkRasterizer Shipped => LazyShipped.Value;

    /// <summary>
    /// Renders SVG markup that PLBadges generated to a PNG <paramref name="width"/> pixels wide (the height follows the
    /// artwork's aspect ratio), on a transparent background. The same markup and width give the same bytes.
    /// </summary>
    public byte[] RasterizeGeneratedSvg(string generatedSvg, int width)
    {
        ArgumentNullException.ThrowIfNull(generatedSvg);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 4096);
        if (Outside().Match(generatedSvg) is { Success: true } reach)
        {
            throw new ArgumentException($"The artwork reaches outside itself ({reach.Value.Trim()}); only self-contained SVG that PLBadges generated is rendered.", nameof(generatedSvg));
        }

        using var svg = new SKSvg();
        svg.Settings.TypefaceProviders = providers;
        svg.Settings.EnableJavaScript = false;
        svg.Settings.EnableExternalJavaScript = false;
        var picture = svg.FromSvg(WithFallbackFamilies(generatedSvg)) ?? throw new ArgumentException("The artwork is not SVG that could be drawn.", nameof(generatedSvg));
        var bounds = picture.CullRect;
        if (bounds.Width <= 0 || bounds.Height <= 0)
        {
            throw new ArgumentException("The artwork has no size (give the svg element a viewBox or a width and height).", nameof(generatedSvg));
        }

        var scale = width / bounds.Width;
        var height = Math.Max(1, (int)Math.Round(bounds.Height * scale));
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("Skia could not allocate the image.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        canvas.Scale(scale);
        canvas.Translate(-bounds.Left, -bounds.Top);
        canvas.DrawPicture(picture);
        canvas.Flush();
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>
    /// Puts each stretch of text that the primary family lacks (Arabic, Hebrew, Han) in a tspan naming the shipped
    /// family that has it. Svg.Skia finds such a face per character itself, but then draws the stretch under the
    /// family name the artwork asked for, which loses Han; naming the family makes it draw with the right face.
    /// </summary>
    private string WithFallbackFamilies(string markup)
    {
        var document = XDocument.Parse(markup, LoadOptions.PreserveWhitespace);
        var primary = fonts.Primary(FontWeight.Regular);
        var texts = document.Descendants().Where(e => e.Name == Svg + "text" || e.Name == Svg + "tspan" || e.Name == Svg + "textPath")
            .SelectMany(e => e.Nodes().OfType<XText>()).ToList();
        foreach (var node in texts)
        {
            var runs = new List<(ShippedFont Face, string Text)>();
            (ShippedFont Face, bool SyntheticBold)? current = null;
            var text = node.Value;
            for (var i = 0; i < text.Length;)
            {
                var length = StringInfo.GetNextTextElementLength(text, i);
                current = fonts.Resolve(text.AsSpan(i, length), FontWeight.Regular, current);
                if (runs.Count > 0 && runs[^1].Face == current.Value.Face)
                {
                    runs[^1] = (runs[^1].Face, runs[^1].Text + text.Substring(i, length));
                }
                else
                {
                    runs.Add((current.Value.Face, text.Substring(i, length)));
                }

                i += length;
            }

            if (runs.Any(r => r.Face != primary))
            {
                node.ReplaceWith(runs.Select(r => r.Face == primary ? (object)new XText(r.Text) : new XElement(Svg + "tspan", new XAttribute("font-family", r.Face.Family), r.Text)));
            }
        }

        return document.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>Markup that would make the renderer read or run something beyond the document itself.</summary>
    [GeneratedRegex("""<!DOCTYPE|<!ENTITY|<\s*script|<\s*foreignObject|\b(?:xlink:)?href\s*=\s*["'](?!#)[^"']*["']|url\(\s*["']?(?!#)[^)]*\)|@import""", RegexOptions.IgnoreCase)]
    private static partial Regex Outside();

    /// <summary>One shipped family, in the weight asked for (600 and above is bold), for its own name and any name but another fallback family's.</summary>
    private sealed class ShippedFamily(string family, ShippedFont regular, ShippedFont bold, IReadOnlySet<string> fallbacks) : ITypefaceProvider
    {
        public SKTypeface? FromFamilyName(string fontFamily, SKFontStyleWeight fontWeight, SKFontStyleWidth fontWidth, SKFontStyleSlant fontStyle)
        {
            var name = fontFamily.Trim().Trim('\'', '"');
            if (!string.Equals(name, family, StringComparison.OrdinalIgnoreCase) && fallbacks.Contains(name))
            {
                return null;
            }

            return (int)fontWeight >= 600 ? bold.Typeface : regular.Typeface;
        }
    }
}
