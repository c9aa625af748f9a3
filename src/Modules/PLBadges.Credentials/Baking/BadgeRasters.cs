using Microsoft.Extensions.Caching.Memory;
using PLBadges.Typesetting;

namespace PLBadges.Credentials.Baking;

/// <summary>
/// PNG badges drawn from the same artwork as the SVG, in the shipped fonts (the rasterizer the state certificates use).
/// Only artwork PLBadges generated comes here (the pathway's badge art), never an uploaded SVG. A raster is kept in this
/// node's memory under its artwork's tag, so every credential sharing the artwork (same title, color and icon) is
/// drawn once; a new title, color or icon is new artwork and a new raster. Bounded: at most <see cref="SizeLimit"/> bytes.
/// </summary>
public sealed class BadgeRasters : IDisposable
{
    public const int Size = 256;
    public const long SizeLimit = 16L * 1024 * 1024;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = SizeLimit, CompactionPercentage = 0.25 });

    /// <summary>The artwork as an unbaked PNG, <see cref="Size"/> pixels wide.</summary>
    public byte[] Png(string generatedArtwork)
    {
        ArgumentNullException.ThrowIfNull(generatedArtwork);
        var key = Api.PublicDocument.TagOf(generatedArtwork);
        if (cache.TryGetValue(key, out byte[]? known))
        {
            return known!;
        }

        var png = ArtworkRasterizer.Shipped.RasterizeGeneratedSvg(generatedArtwork, Size);
        cache.Set(key, png, new MemoryCacheEntryOptions { Size = png.Length + 64 });
        return png;
    }

    public void Dispose() => cache.Dispose();
}
