using System.Text.RegularExpressions;
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

    private readonly IList<ITypefaceProvider> providers;

    public ArtworkRasterizer(FontSet fonts)
    {
        ArgumentNullException.ThrowIfNull(fonts);

        // One provider per family, in the set's fallback order, each answering every family name the artwork asks
        // for: Svg.Skia takes, per character, the first provider's face that has it, and only asks the system's fonts
        // for a character none of them has.
        providers = fonts.Faces.Select(f => f.Family).Distinct()
            .Select(family => (ITypefaceProvider)new ShippedFamily(fonts.Find(family, FontWeight.Regular)!, fonts.Find(family, FontWeight.Bold)!))
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
        var picture = svg.FromSvg(generatedSvg) ?? throw new ArgumentException("The artwork is not SVG that could be drawn.", nameof(generatedSvg));
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

    /// <summary>Markup that would make the renderer read or run something beyond the document itself.</summary>
    [GeneratedRegex("""<!DOCTYPE|<!ENTITY|<\s*script|<\s*foreignObject|\b(?:xlink:)?href\s*=\s*["'](?!#)[^"']*["']|url\(\s*["']?(?!#)[^)]*\)|@import""", RegexOptions.IgnoreCase)]
    private static partial Regex Outside();

    /// <summary>Answers every family name with one shipped family, in the weight asked for (600 and above is bold).</summary>
    private sealed class ShippedFamily(ShippedFont regular, ShippedFont bold) : ITypefaceProvider
    {
        public SKTypeface? FromFamilyName(string fontFamily, SKFontStyleWeight fontWeight, SKFontStyleWidth fontWidth, SKFontStyleSlant fontStyle) =>
            (int)fontWeight >= 600 ? bold.Typeface : regular.Typeface;
    }
}
