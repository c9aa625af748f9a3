using System.Globalization;
using System.Text;
using HarfBuzzSharp;
using SkiaSharp;
using Buffer = HarfBuzzSharp.Buffer;

namespace PLBadges.Typesetting;

/// <summary>
/// Sets text in the shipped fonts: the paragraph's levels by the Unicode bidi algorithm, then runs of one level and
/// one face (each grapheme in the first face that has it), each shaped by HarfBuzz in its direction, measured, wrapped
/// at word boundaries (and between Han characters) within a width, and each line's runs put in visual order (L2).
/// Thread-safe.
/// </summary>
public sealed class TextLayout(FontSet fonts)
{
    private static readonly Lazy<TextLayout> LazyShipped = new(() => new TextLayout(FontSet.Shipped), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A layout over <see cref="FontSet.Shipped"/>.</summary>
    public static TextLayout Shipped => LazyShipped.Value;

    public FontSet Fonts => fonts;

    /// <summary>Sets the text as one line, however long (line breaks in it become spaces).</summary>
    public TextLine Line(string text, TextStyle style, TextDirection direction = TextDirection.Auto)
    {
        var paragraph = Paragraph.Create(fonts, Clean(text).Replace('\n', ' '), style, direction);
        return paragraph.LineOf(0, paragraph.Text.Length);
    }

    /// <summary>Sets the text in lines no wider than <paramref name="width"/>; a line break in the text starts a new paragraph.</summary>
    public IReadOnlyList<TextLine> Wrap(string text, TextStyle style, float width, TextDirection direction = TextDirection.Auto)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        var lines = new List<TextLine>();
        foreach (var part in Clean(text).Split('\n'))
        {
            var paragraph = Paragraph.Create(fonts, part, style, direction);
            foreach (var (start, end) in paragraph.Breaks(width))
            {
                lines.Add(paragraph.LineOf(start, end));
            }
        }

        return lines;
    }

    /// <summary>Measures the text set as one line.</summary>
    public float Measure(string text, TextStyle style) => Line(text, style).Width;

    /// <summary>Line breaks to '\n'; tabs and other controls to spaces (they have no glyphs and no place in a printed line).</summary>
    private static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var chars = text.Replace("\r\n", "\n").ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is '\r' or '\u2028' or '\u2029' or '\u0085')
            {
                chars[i] = '\n';
            }
            else if (chars[i] != '\n' && char.IsControl(chars[i]))
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }

    /// <summary>One paragraph analysed: its levels, its runs of one level and face, each shaped once for measuring.</summary>
    private sealed class Paragraph
    {
        private readonly FontSet fonts;
        private readonly TextStyle style;
        private readonly List<Segment> segments;
        private readonly float[] advances;

        private Paragraph(FontSet fonts, string text, TextStyle style, BidiParagraph bidi, List<Segment> segments, float[] advances)
        {
            this.fonts = fonts;
            this.style = style;
            Text = text;
            Bidi = bidi;
            this.segments = segments;
            this.advances = advances;
        }

        public string Text { get; }

        public BidiParagraph Bidi { get; }

        public static Paragraph Create(FontSet fonts, string text, TextStyle style, TextDirection direction)
        {
            var bidi = Typesetting.Bidi.Analyze(text, direction);
            var segments = new List<Segment>();
            (ShippedFont Face, bool SyntheticBold)? current = null;
            var start = 0;
            byte level = 0;
            for (var i = 0; i < text.Length;)
            {
                var length = StringInfo.GetNextTextElementLength(text, i);
                var face = fonts.Resolve(text.AsSpan(i, length), style.Weight, current);
                var graphemeLevel = bidi.Levels[i];
                if (current is { } open && (open != face || graphemeLevel != level))
                {
                    segments.Add(new Segment(start, i - start, open.Face, open.SyntheticBold, level));
                    start = i;
                }

                current = face;
                level = graphemeLevel;
                i += length;
            }

            if (current is { } last)
            {
                segments.Add(new Segment(start, text.Length - start, last.Face, last.SyntheticBold, level));
            }

            // Each character's share of the advance, for measuring any stretch without shaping it again.
            var advances = new float[text.Length];
            foreach (var segment in segments)
            {
                segment.Shaped = Shape(text, segment.Start, segment.Length, segment, style.Size);
                for (var g = 0; g < segment.Shaped.Glyphs.Count; g++)
                {
                    advances[segment.Shaped.Clusters[g]] += segment.Shaped.Advances[g];
                }
            }

            return new Paragraph(fonts, text, style, bidi, segments, advances);
        }

        /// <summary>The lines, as [start, end) in the text, that greedy filling gives for the width.</summary>
        public IEnumerable<(int Start, int End)> Breaks(float width)
        {
            if (Text.Length == 0)
            {
                yield return (0, 0);
                yield break;
            }

            var start = 0;
            while (start < Text.Length)
            {
                var lastFit = -1;
                var measured = 0f; // width of [start, position)
                var position = start;
                foreach (var opportunity in Opportunities(start))
                {
                    for (; position < opportunity; position++)
                    {
                        measured += advances[position];
                    }

                    if (Trimmed(start, opportunity, measured) <= width)
                    {
                        lastFit = opportunity;
                        continue;
                    }

                    break;
                }

                if (lastFit < 0)
                {
                    // One word wider than the line: break it between graphemes, at least one per line.
                    lastFit = start + StringInfo.GetNextTextElementLength(Text, start);
                    var sum = Sum(start, lastFit);
                    while (lastFit < Text.Length)
                    {
                        var next = StringInfo.GetNextTextElementLength(Text, lastFit);
                        var more = Sum(lastFit, lastFit + next);
                        if (sum + more > width)
                        {
                            break;
                        }

                        sum += more;
                        lastFit += next;
                    }
                }

                yield return (start, lastFit);
                start = lastFit;
                while (start < Text.Length && char.IsWhiteSpace(Text[start]))
                {
                    start++;
                }
            }
        }

        /// <summary>The line [start, end) without its trailing spaces, shaped with the paragraph around it as context, runs in visual order.</summary>
        public TextLine LineOf(int start, int end)
        {
            while (end > start && char.IsWhiteSpace(Text[end - 1]))
            {
                end--;
            }

            var pieces = new List<GlyphRun>();
            foreach (var segment in segments)
            {
                var from = Math.Max(start, segment.Start);
                var to = Math.Min(end, segment.Start + segment.Length);
                if (from >= to)
                {
                    continue;
                }

                pieces.Add(from == segment.Start && to == segment.Start + segment.Length ? segment.Shaped! : Shape(Text, from, to - from, segment, style.Size));
            }

            var order = Typesetting.Bidi.VisualOrder(pieces.Select(p => p.Level).ToArray());
            var visual = order.Select(i => pieces[i]).ToList();
            // Every line of a style has the primary face's height, so lines keep one rhythm and table cells share
            // a baseline; the Arabic face's taller marks may reach a little into the leading, as in print.
            using var primary = new SKFont(fonts.Primary(style.Weight).Typeface, style.Size);
            return new TextLine(Text[start..end], Bidi.RightToLeft, visual, -primary.Metrics.Ascent, primary.Metrics.Descent);
        }

        /// <summary>Where a line may end: after spaces, after a hyphen or slash, around Han characters; and the text's end.</summary>
        private IEnumerable<int> Opportunities(int start)
        {
            for (var i = start + StringInfo.GetNextTextElementLength(Text, start); i < Text.Length; i += StringInfo.GetNextTextElementLength(Text, i))
            {
                var before = Text[i - 1];
                var after = Text[i];
                if (char.IsWhiteSpace(after))
                {
                    continue;
                }

                if (char.IsWhiteSpace(before) || before is '-' or '/' or '\u2010' or '\u2013' or '\u2014'
                    || (IsHan(Text, i) || IsHan(Text, i - 1)) && !"、。，．！？：；）」』】〉》".Contains(after) && !"（「『【〈《".Contains(before))
                {
                    yield return i;
                }
            }

            yield return Text.Length;
        }

        private float Sum(int start, int end)
        {
            var sum = 0f;
            for (var i = start; i < end; i++)
            {
                sum += advances[i];
            }

            return sum;
        }

        private float Trimmed(int start, int end, float measured)
        {
            for (var i = end - 1; i >= start && char.IsWhiteSpace(Text[i]); i--)
            {
                measured -= advances[i];
            }

            return measured;
        }

        private static bool IsHan(string text, int index)
        {
            if (char.IsLowSurrogate(text[index]) && index > 0)
            {
                index--;
            }

            Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out _);
            return rune.Value is >= 0x3400 and <= 0x9FFF or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x3FFFF;
        }

        private static GlyphRun Shape(string text, int start, int length, Segment segment, float size)
        {
            using var buffer = new Buffer();
            buffer.AddUtf16(text, start, length);
            buffer.GuessSegmentProperties();
            buffer.Direction = (segment.Level & 1) == 1 ? Direction.RightToLeft : Direction.LeftToRight;
            segment.Face.Shaping.Shape(buffer);
            var infos = buffer.GetGlyphInfoSpan();
            var positions = buffer.GetGlyphPositionSpan();
            var scale = size / segment.Face.UnitsPerEm;
            var glyphs = new ushort[infos.Length];
            var advances = new float[infos.Length];
            var points = new SKPoint[infos.Length];
            var clusters = new int[infos.Length];
            var pen = 0f;
            for (var i = 0; i < infos.Length; i++)
            {
                glyphs[i] = (ushort)infos[i].Codepoint;
                clusters[i] = (int)infos[i].Cluster;
                points[i] = new SKPoint(pen + positions[i].XOffset * scale, -positions[i].YOffset * scale);
                advances[i] = positions[i].XAdvance * scale;
                pen += advances[i];
            }

            return new GlyphRun(text, start, length, segment.Face, segment.SyntheticBold, size, segment.Level, glyphs, points, clusters, advances);
        }
    }

    private sealed record Segment(int Start, int Length, ShippedFont Face, bool SyntheticBold, byte Level)
    {
        public GlyphRun? Shaped { get; set; }
    }
}
