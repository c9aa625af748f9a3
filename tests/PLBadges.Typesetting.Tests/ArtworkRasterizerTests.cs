using SkiaSharp;

namespace PLBadges.Typesetting.Tests;

public class ArtworkRasterizerTests
{
    private static readonly ArtworkRasterizer Rasterizer = ArtworkRasterizer.Shipped;

    private static string Badge(string title, string family = "Noto Sans") => $"""
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 600" width="600" height="600">
          <defs><clipPath id="hex"><polygon points="300,20 542,160 542,440 300,580 58,440 58,160"/></clipPath></defs>
          <polygon points="300,20 542,160 542,440 300,580 58,440 58,160" fill="#0B4F6C"/>
          <rect x="0" y="250" width="600" height="100" fill="#0B4F6C" clip-path="url(#hex)"/>
          <text x="300" y="315" font-family="{family}" font-size="44" font-weight="700" fill="#FFFFFF" text-anchor="middle">{title}</text>
        </svg>
        """;

    private static SKBitmap Decode(byte[] png) => SKBitmap.Decode(png) ?? throw new Xunit.Sdk.XunitException("Not a PNG.");

    /// <summary>How many pixels of the band where the title sits differ between two renderings.</summary>
    private static int Differing(SKBitmap a, SKBitmap b, SKRectI band)
    {
        var count = 0;
        for (var y = band.Top; y < band.Bottom; y++)
        {
            for (var x = band.Left; x < band.Right; x++)
            {
                if (a.GetPixel(x, y) != b.GetPixel(x, y))
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static readonly SKRectI TitleBand = new(60, 260, 540, 340);

    [Fact]
    public void A_badge_renders_at_the_size_asked_and_its_title_puts_ink_where_it_stands()
    {
        using var titled = Decode(Rasterizer.RasterizeGeneratedSvg(Badge("Reading Workshop"), 600));
        using var untitled = Decode(Rasterizer.RasterizeGeneratedSvg(Badge(""), 600));

        Assert.Equal(600, titled.Width);
        Assert.Equal(600, titled.Height);
        Assert.Equal(new SKColor(0x0B, 0x4F, 0x6C), titled.GetPixel(300, 120)); // the hexagon, not a blank image
        Assert.Equal(0, titled.GetPixel(5, 5).Alpha); // outside it
        Assert.True(Differing(titled, untitled, TitleBand) > 2000, "the title drew too little ink");
        Assert.Equal(0, Differing(titled, untitled, new SKRectI(60, 60, 540, 200))); // and nowhere else
    }

    [Fact]
    public void The_same_artwork_and_width_give_the_same_bytes()
    {
        Assert.Equal(Rasterizer.RasterizeGeneratedSvg(Badge("Reading Workshop"), 600), Rasterizer.RasterizeGeneratedSvg(Badge("Reading Workshop"), 600));
        using var small = Decode(Rasterizer.RasterizeGeneratedSvg(Badge("Reading Workshop"), 120));
        Assert.Equal((120, 120), (small.Width, small.Height));
    }

    [Fact]
    public void Text_is_set_in_the_shipped_fonts_whatever_family_the_artwork_names()
    {
        // The machine's own fonts (DejaVu, Liberation...) would draw these differently; the shipped set draws them alike.
        Assert.Equal(Rasterizer.RasterizeGeneratedSvg(Badge("Reading Workshop", "Noto Sans"), 300),
            Rasterizer.RasterizeGeneratedSvg(Badge("Reading Workshop", "DejaVu Serif, serif"), 300));
        Assert.Equal(Rasterizer.RasterizeGeneratedSvg(Badge("Reading Workshop", "sans-serif"), 300),
            Rasterizer.RasterizeGeneratedSvg(Badge("Reading Workshop", "monospace"), 300));
    }

    [Fact]
    public void Arabic_and_Chinese_titles_have_ink_too()
    {
        using var untitled = Decode(Rasterizer.RasterizeGeneratedSvg(Badge(""), 600));
        foreach (var title in new[] { Names.Arabic, Names.Chinese, Names.Vietnamese })
        {
            var png = Rasterizer.RasterizeGeneratedSvg(Badge(title), 600);
            using var titled = Decode(png);
            Assert.True(Differing(titled, untitled, TitleBand) > 1000, $"'{title}' drew too little ink");
        }
    }

    [Theory]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>&x;</text></svg>""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><image href="file:///etc/hostname" width="10" height="10"/></svg>""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><image xlink:href="https://example.org/a.png" width="10" height="10"/></svg>""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script></svg>""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><foreignObject width="10" height="10"><p>hi</p></foreignObject></svg>""")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" style="fill: url(https://example.org/x.svg#p)"/></svg>""")]
    public void Markup_that_reaches_outside_itself_is_refused(string svg)
    {
        var refused = Assert.Throws<ArgumentException>(() => Rasterizer.RasterizeGeneratedSvg(svg, 100));
        Assert.Contains("reaches outside itself", refused.Message);
    }

    [Fact]
    public void References_inside_the_document_are_fine()
    {
        const string Svg = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><rect id="r" width="10" height="10" fill="#000"/></defs><use href="#r"/></svg>""";
        using var bitmap = Decode(Rasterizer.RasterizeGeneratedSvg(Svg, 10));
        Assert.Equal(SKColors.Black, bitmap.GetPixel(5, 5));
    }
}
