using System.Runtime.InteropServices;
using SkiaSharp;

namespace PLBadges.Typesetting;

/// <summary>
/// The glyphs a document uses, per shipped face, and faces cut down to them. SkiaSharp's native PDF backend is built
/// without a font subsetter, so it embeds whatever typeface it is given whole: every PDF carried the 300 KB Noto Sans
/// faces (and deflated them, most of a certificate's time). HarfBuzz's own subsetter (hb-subset, in the native
/// HarfBuzzSharp library) cuts each face to the glyphs used, keeping their ids (so shaped runs draw unchanged) and
/// the cmap entries that map to them (so the PDF's ToUnicode still gives each glyph its characters).
/// </summary>
internal sealed class FontSubsets : IDisposable
{
    private readonly Dictionary<ShippedFont, HashSet<ushort>> used = [];
    private readonly Dictionary<ShippedFont, SKTypeface> made = [];

    public void Add(GlyphRun run)
    {
        if (!used.TryGetValue(run.Font, out var glyphs))
        {
            used[run.Font] = glyphs = [0]; // .notdef, as every font keeps it
        }

        foreach (var glyph in run.Glyphs)
        {
            glyphs.Add(glyph);
        }
    }

    /// <summary>The face cut to the document's glyphs (made on first use); the whole face when the subsetter refuses it.</summary>
    public SKTypeface Typeface(ShippedFont font)
    {
        if (made.TryGetValue(font, out var typeface))
        {
            return typeface;
        }

        typeface = (used.TryGetValue(font, out var glyphs) ? Subset(font, glyphs) : null) ?? font.Typeface;
        made[font] = typeface;
        return typeface;
    }

    public void Dispose()
    {
        foreach (var (font, typeface) in made)
        {
            if (!ReferenceEquals(typeface, font.Typeface))
            {
                typeface.Dispose();
            }
        }

        made.Clear();
    }

    private static SKTypeface? Subset(ShippedFont font, HashSet<ushort> glyphs)
    {
        var input = HarfBuzzNative.hb_subset_input_create_or_fail();
        if (input == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            HarfBuzzNative.hb_subset_input_set_flags(input, HarfBuzzNative.RetainGids | HarfBuzzNative.NotdefOutline | HarfBuzzNative.NoHinting);
            var glyphSet = HarfBuzzNative.hb_subset_input_set(input, HarfBuzzNative.GlyphIndexSet);
            var unicodeSet = HarfBuzzNative.hb_subset_input_set(input, HarfBuzzNative.UnicodeSet);
            var drop = HarfBuzzNative.hb_subset_input_set(input, HarfBuzzNative.DropTableTagSet);
            foreach (var glyph in glyphs)
            {
                HarfBuzzNative.hb_set_add(glyphSet, glyph);
                foreach (var codepoint in font.CodepointsOf(glyph))
                {
                    HarfBuzzNative.hb_set_add(unicodeSet, codepoint);
                }
            }

            // A PDF draws positioned glyphs: shaping and layout tables are dead weight in it.
            foreach (var table in new[] { "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "morx", "kern" })
            {
                HarfBuzzNative.hb_set_add(drop, Tag(table));
            }

            var subset = HarfBuzzNative.hb_subset_or_fail(font.FaceHandle, input);
            if (subset == IntPtr.Zero)
            {
                return null;
            }

            try
            {
                var blob = HarfBuzzNative.hb_face_reference_blob(subset);
                try
                {
                    var data = HarfBuzzNative.hb_blob_get_data(blob, out var length);
                    if (data == IntPtr.Zero || length == 0)
                    {
                        return null;
                    }

                    var bytes = new byte[length];
                    Marshal.Copy(data, bytes, 0, (int)length);
                    return SKTypeface.FromData(SKData.CreateCopy(bytes));
                }
                finally
                {
                    HarfBuzzNative.hb_blob_destroy(blob);
                }
            }
            finally
            {
                HarfBuzzNative.hb_face_destroy(subset);
            }
        }
        finally
        {
            HarfBuzzNative.hb_subset_input_destroy(input);
        }
    }

    private static uint Tag(string tag) => (uint)(tag[0] << 24 | tag[1] << 16 | tag[2] << 8 | tag[3]);
}

/// <summary>hb-subset and the sets it takes, from the HarfBuzz that HarfBuzzSharp ships (its managed API does not wrap them).</summary>
internal static partial class HarfBuzzNative
{
    private const string Library = "libHarfBuzzSharp";

    // hb_subset_flags_t
    public const uint NoHinting = 0x1;
    public const uint RetainGids = 0x2;
    public const uint NotdefOutline = 0x40;

    // hb_subset_sets_t
    public const int GlyphIndexSet = 0;
    public const int UnicodeSet = 1;
    public const int DropTableTagSet = 3;

    [LibraryImport(Library)]
    public static partial IntPtr hb_subset_input_create_or_fail();

    [LibraryImport(Library)]
    public static partial void hb_subset_input_destroy(IntPtr input);

    [LibraryImport(Library)]
    public static partial void hb_subset_input_set_flags(IntPtr input, uint flags);

    [LibraryImport(Library)]
    public static partial IntPtr hb_subset_input_set(IntPtr input, int setType);

    [LibraryImport(Library)]
    public static partial IntPtr hb_subset_or_fail(IntPtr face, IntPtr input);

    [LibraryImport(Library)]
    public static partial void hb_set_add(IntPtr set, uint codepoint);

    [LibraryImport(Library)]
    public static partial IntPtr hb_face_reference_blob(IntPtr face);

    [LibraryImport(Library)]
    public static partial void hb_face_destroy(IntPtr face);

    [LibraryImport(Library)]
    public static partial IntPtr hb_blob_get_data(IntPtr blob, out uint length);

    [LibraryImport(Library)]
    public static partial void hb_blob_destroy(IntPtr blob);

    [LibraryImport(Library)]
    public static partial IntPtr hb_map_create();

    [LibraryImport(Library)]
    public static partial void hb_map_destroy(IntPtr map);

    [LibraryImport(Library)]
    public static partial int hb_map_next(IntPtr map, ref int index, out uint key, out uint value);

    [LibraryImport(Library)]
    public static partial void hb_face_collect_nominal_glyph_mapping(IntPtr face, IntPtr mapping, IntPtr unicodes);
}
