using System.Text;
using SkiaSharp;

namespace PLBadges.Typesetting;

/// <summary>The size and weight text is set in.</summary>
public readonly record struct TextStyle(float Size, FontWeight Weight = FontWeight.Regular)
{
    public static TextStyle Body { get; } = new(10);
}

/// <summary>
/// Glyphs shaped by HarfBuzz from one stretch of text that has one embedding level and one face. Glyphs are in
/// visual order (left to right), as HarfBuzz gives them also for right-to-left text.
/// </summary>
public sealed class GlyphRun
{
    internal GlyphRun(string source, int start, int length, ShippedFont font, bool syntheticBold, float size, byte level,
        ushort[] glyphs, SKPoint[] positions, int[] clusters, float[] advances)
    {
        Source = source;
        Start = start;
        Length = length;
        Font = font;
        SyntheticBold = syntheticBold;
        Size = size;
        Level = level;
        Glyphs = glyphs;
        Positions = positions;
        Clusters = clusters;
        Advances = advances;
        Width = advances.Sum();
    }

    /// <summary>The paragraph the run was shaped from (its neighbours are the shaping context, as Arabic joining needs).</summary>
    internal string Source { get; }

    /// <summary>Where the run starts in its paragraph, in UTF-16 units, in logical order.</summary>
    public int Start { get; }

    public int Length { get; }

    /// <summary>The run's characters in logical (reading) order.</summary>
    public string Text => Source.Substring(Start, Length);

    public ShippedFont Font { get; }

    /// <summary>Bold requested of a face that has none (the CJK subset): Skia emboldens the outlines.</summary>
    public bool SyntheticBold { get; }

    public float Size { get; }

    /// <summary>The UAX #9 embedding level; odd is right to left.</summary>
    public byte Level { get; }

    public bool RightToLeft => (Level & 1) == 1;

    /// <summary>Glyph ids in the face, in visual order.</summary>
    public IReadOnlyList<ushort> Glyphs { get; }

    /// <summary>Each glyph's origin relative to the run's left edge on the baseline (y grows downwards, as on a canvas).</summary>
    public IReadOnlyList<SKPoint> Positions { get; }

    /// <summary>For each glyph, the paragraph index (UTF-16) of the first character it came from.</summary>
    public IReadOnlyList<int> Clusters { get; }

    /// <summary>Each glyph's advance: how far it moves the pen.</summary>
    internal float[] Advances { get; }

    public float Width { get; }

    internal SKFont CreateFont(SKTypeface? typeface = null) => new(typeface ?? Font.Typeface, Size) { Embolden = SyntheticBold, Subpixel = true, LinearMetrics = true };

    /// <summary>
    /// Adds the run to a text blob with its characters and the glyph-to-character clusters, so a PDF carries the text
    /// itself (ToUnicode and ActualText) and readers extract the characters, not the glyphs' presentation forms.
    /// </summary>
    /// <param name="typeface">The face to draw with: the shipped one, or a document's subset of it (same glyph ids).</param>
    internal void AddTo(SKTextBlobBuilder builder, float x, float baseline, SKTypeface? typeface = null)
    {
        var text = Text;
        var utf8 = Encoding.UTF8.GetBytes(text);
        var offsets = new int[text.Length + 1]; // UTF-16 index in the run -> UTF-8 byte offset
        var bytes = 0;
        for (var i = 0; i < text.Length;)
        {
            // A lone surrogate decodes as U+FFFD, three bytes, as Encoding.UTF8 writes it.
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed);
            for (var k = 0; k < consumed; k++)
            {
                offsets[i + k] = bytes;
            }

            bytes += rune.Utf8SequenceLength;
            i += consumed;
        }

        offsets[text.Length] = bytes;

        using var font = CreateFont(typeface);
        var run = builder.AllocatePositionedTextRun(font, Glyphs.Count, utf8.Length, null);
        var glyphs = run.Glyphs;
        var positions = run.Positions;
        var clusters = run.Clusters;
        for (var i = 0; i < Glyphs.Count; i++)
        {
            glyphs[i] = Glyphs[i];
            positions[i] = new SKPoint(x + Positions[i].X, baseline + Positions[i].Y);
            clusters[i] = (uint)offsets[Clusters[i] - Start];
        }

        run.SetText(utf8);
    }
}

/// <summary>One line of set text: its runs in visual order, ready to draw.</summary>
public sealed class TextLine
{
    internal TextLine(string text, bool rightToLeft, IReadOnlyList<GlyphRun> runs, float ascent, float descent)
    {
        Text = text;
        RightToLeft = rightToLeft;
        Runs = runs;
        Ascent = ascent;
        Descent = descent;
        Width = runs.Sum(r => r.Width);
    }

    /// <summary>The line's characters in logical order, without the spaces it was broken at.</summary>
    public string Text { get; }

    /// <summary>The paragraph's base direction: a right-to-left line is aligned to the right by default.</summary>
    public bool RightToLeft { get; }

    /// <summary>The runs from left to right.</summary>
    public IReadOnlyList<GlyphRun> Runs { get; }

    public float Width { get; }

    /// <summary>Distance from the baseline up to the top of the tallest face on the line (positive).</summary>
    public float Ascent { get; }

    /// <summary>Distance from the baseline down to the bottom of the deepest face on the line (positive).</summary>
    public float Descent { get; }

    public float Height => Ascent + Descent;

    /// <summary>Draws the line with its left edge at <paramref name="x"/> and its baseline at <paramref name="baseline"/>.</summary>
    public void Draw(SKCanvas canvas, float x, float baseline, SKPaint paint) => Draw(canvas, x, baseline, paint, null);

    /// <param name="typefaces">The face each run is drawn with, when not the shipped one (a document's subsets).</param>
    internal void Draw(SKCanvas canvas, float x, float baseline, SKPaint paint, Func<ShippedFont, SKTypeface>? typefaces)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        if (Runs.Count == 0)
        {
            return;
        }

        using var builder = new SKTextBlobBuilder();
        var pen = x;
        foreach (var run in Runs)
        {
            run.AddTo(builder, pen, baseline, typefaces?.Invoke(run.Font));
            pen += run.Width;
        }

        using var blob = builder.Build();
        if (blob is not null)
        {
            canvas.DrawText(blob, 0, 0, paint);
        }
    }
}
