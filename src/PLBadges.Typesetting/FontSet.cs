using System.Text;
using HarfBuzzSharp;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace PLBadges.Typesetting;

public enum FontWeight
{
    Regular,
    Bold,
}

/// <summary>One face of the shipped fonts: the Skia typeface that draws it and the HarfBuzz font that shapes it, made from the same bytes.</summary>
public sealed class ShippedFont
{
    internal ShippedFont(string family, FontWeight weight, SKTypeface typeface)
    {
        Family = family;
        Weight = weight;
        Typeface = typeface;
        using var stream = typeface.OpenStream(out var index);
        using var blob = stream.ToHarfBuzzBlob();
        face = new Face(blob, index); // kept for the life of the process: the subsetter cuts documents' faces from it
        UnitsPerEm = face.UnitsPerEm;
        Shaping = new HarfBuzzSharp.Font(face);
        Shaping.SetFunctionsOpenType();
        Shaping.SetScale(UnitsPerEm, UnitsPerEm);
        codepoints = new Lazy<ILookup<uint, uint>>(ReverseCmap, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private readonly Face face;
    private readonly Lazy<ILookup<uint, uint>> codepoints;

    /// <summary>The family as the font names itself, such as "Noto Sans Arabic".</summary>
    public string Family { get; }

    public FontWeight Weight { get; }

    public SKTypeface Typeface { get; }

    /// <summary>Shapes text; immutable once made, so threads share it (each shaping call brings its own buffer).</summary>
    internal HarfBuzzSharp.Font Shaping { get; }

    internal int UnitsPerEm { get; }

    /// <summary>Whether the face has a glyph for the character itself (not a .notdef box).</summary>
    public bool Covers(int codepoint) => Shaping.TryGetNominalGlyph(codepoint, out var glyph) && glyph != 0;

    public override string ToString() => $"{Family} {Weight}";

    internal IntPtr FaceHandle => face.Handle;

    /// <summary>The characters the face's cmap maps to a glyph (a shaped Arabic form's presentation-form character, say).</summary>
    internal IEnumerable<uint> CodepointsOf(ushort glyph) => codepoints.Value[glyph];

    private ILookup<uint, uint> ReverseCmap()
    {
        var map = HarfBuzzNative.hb_map_create();
        try
        {
            HarfBuzzNative.hb_face_collect_nominal_glyph_mapping(face.Handle, map, IntPtr.Zero);
            var pairs = new List<(uint Glyph, uint Codepoint)>();
            var index = -1;
            while (HarfBuzzNative.hb_map_next(map, ref index, out var codepoint, out var glyph) != 0)
            {
                pairs.Add((glyph, codepoint));
            }

            return pairs.ToLookup(p => p.Glyph, p => p.Codepoint);
        }
        finally
        {
            HarfBuzzNative.hb_map_destroy(map);
        }
    }
}

/// <summary>
/// The fonts the platform prints with, shipped inside this assembly (Fonts/README.md says where they come from) and
/// loaded from its bytes, never from the system's fontconfig, so a PDF or PNG looks the same on every machine. A
/// character goes to the first family, in fallback order, that has it: Noto Sans (Latin, Greek, Cyrillic), Noto
/// Sans Arabic, Noto Sans Hebrew, Noto Sans CJK SC (a subset of common Hanzi; it has no bold, so bold is
/// synthesised).
/// </summary>
public sealed class FontSet
{
    private static readonly Lazy<FontSet> LazyShipped = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly IReadOnlyList<(string Family, ShippedFont Regular, ShippedFont? Bold)> families;

    private FontSet(IReadOnlyList<(string Family, ShippedFont Regular, ShippedFont? Bold)> families)
    {
        this.families = families;
    }

    /// <summary>The shipped set, loaded once per process.</summary>
    public static FontSet Shipped => LazyShipped.Value;

    /// <summary>The faces in fallback order.</summary>
    public IEnumerable<ShippedFont> Faces => families.SelectMany(f => f.Bold is null ? [f.Regular] : new[] { f.Regular, f.Bold });

    /// <summary>The first family's face: what text with no better match uses (its .notdef box included).</summary>
    public ShippedFont Primary(FontWeight weight) => Pick(families[0], weight).Face;

    /// <summary>The face of a family by name (as <see cref="ShippedFont.Family"/>), or null when the set has no such family.</summary>
    public ShippedFont? Find(string family, FontWeight weight)
    {
        foreach (var candidate in families)
        {
            if (string.Equals(candidate.Family, family, StringComparison.OrdinalIgnoreCase))
            {
                return Pick(candidate, weight).Face;
            }
        }

        return null;
    }

    /// <summary>
    /// The face for one grapheme (a base character and its marks): the first family that has every character of it;
    /// <paramref name="current"/> keeps it when it can (so spaces and punctuation stay in the run around them).
    /// </summary>
    internal (ShippedFont Face, bool SyntheticBold) Resolve(ReadOnlySpan<char> grapheme, FontWeight weight, (ShippedFont Face, bool SyntheticBold)? current)
    {
        if (current is { } kept && CoversAll(kept.Face, grapheme))
        {
            return kept;
        }

        foreach (var family in families)
        {
            if (CoversAll(family.Regular, grapheme))
            {
                return Pick(family, weight);
            }
        }

        return current ?? Pick(families[0], weight);
    }

    private static (ShippedFont Face, bool SyntheticBold) Pick((string Family, ShippedFont Regular, ShippedFont? Bold) family, FontWeight weight) =>
        weight == FontWeight.Bold ? (family.Bold ?? family.Regular, family.Bold is null) : (family.Regular, false);

    private static bool CoversAll(ShippedFont face, ReadOnlySpan<char> grapheme)
    {
        foreach (var rune in grapheme.EnumerateRunes())
        {
            // Joiners and variation selectors have no glyph of their own in most fonts; shaping consumes them.
            if (rune.Value is 0x200C or 0x200D or (>= 0xFE00 and <= 0xFE0F) || Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.Format)
            {
                continue;
            }

            if (!face.Covers(rune.Value))
            {
                return false;
            }
        }

        return true;
    }

    private static FontSet Load()
    {
        ShippedFont Face(string file, string family, FontWeight weight)
        {
            var name = $"PLBadges.Typesetting.Fonts.{file}";
            using var stream = typeof(FontSet).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The font {name} is missing from the assembly; see src/PLBadges.Typesetting/Fonts/README.md.");
            var typeface = SKTypeface.FromStream(stream)
                ?? throw new InvalidOperationException($"The font {name} could not be read.");
            return new ShippedFont(family, weight, typeface);
        }

        return new FontSet(
        [
            ("Noto Sans", Face("NotoSans-Regular.ttf", "Noto Sans", FontWeight.Regular), Face("NotoSans-Bold.ttf", "Noto Sans", FontWeight.Bold)),
            ("Noto Sans Arabic", Face("NotoSansArabic-Regular.ttf", "Noto Sans Arabic", FontWeight.Regular), Face("NotoSansArabic-Bold.ttf", "Noto Sans Arabic", FontWeight.Bold)),
            ("Noto Sans Hebrew", Face("NotoSansHebrew-Regular.ttf", "Noto Sans Hebrew", FontWeight.Regular), Face("NotoSansHebrew-Bold.ttf", "Noto Sans Hebrew", FontWeight.Bold)),
            ("Noto Sans CJK SC", Face("NotoSansCJKsc-Regular-Subset.ttf", "Noto Sans CJK SC", FontWeight.Regular), null),
        ]);
    }
}
