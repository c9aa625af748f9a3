using SkiaSharp;

namespace PLBadges.Typesetting;

/// <summary>What the PDF says about itself (its document information dictionary).</summary>
public sealed record PdfInfo(string Title, string Author, DateTime Created)
{
    public string? Subject { get; init; }
}

/// <summary>A page size in PDF points (1/72 inch).</summary>
public readonly record struct PageSize(float Width, float Height)
{
    public static PageSize Letter { get; } = new(612, 792);

    public static PageSize A4 { get; } = new(595.28f, 841.89f);

    public PageSize Landscape => new(Math.Max(Width, Height), Math.Min(Width, Height));
}

/// <summary>Where a line sits across its width. Start is the left for left-to-right text and the right for right-to-left text.</summary>
public enum Alignment
{
    Start,
    Center,
    End,
}

/// <summary>A table column: its header, its share of the width (shares are relative), and how its cells align.</summary>
public sealed record TableColumn(string Header, float Share, Alignment Align = Alignment.Start);

/// <summary>
/// Composes a PDF from top to bottom on Skia's PDF backend: headings, paragraphs, label and value rows, tables,
/// images, rules and links, breaking pages where the next block does not fit (a table repeats its header). Text is set
/// by <see cref="TextLayout"/> in the shipped fonts, which the PDF embeds as subsets, and carries its characters, so
/// readers and screen readers extract it in reading order. One composer makes one document. Pages are recorded as
/// they are composed and drawn when the document ends, so each face is embedded cut to the glyphs the document uses
/// (<see cref="FontSubsets"/>).
/// </summary>
public sealed class PdfComposer : IDisposable
{
    private static readonly SKColor Ink = new(0x1F, 0x23, 0x28);
    private static readonly SKColor Muted = new(0x59, 0x5F, 0x66);
    private static readonly SKColor LinkBlue = new(0x0B, 0x4F, 0xA6);
    private static readonly SKColor RuleGrey = new(0xC4, 0xC8, 0xCC);

    private readonly MemoryStream output = new();
    private readonly SKDocument document;
    private readonly PageSize page;
    private readonly float margin;
    private readonly TextLayout layout;
    private readonly string? footer;
    private readonly TextDirection direction;
    private readonly List<List<Action<SKCanvas>>> recorded = [];
    private readonly List<SKImage> images = [];
    private readonly FontSubsets subsets = new();
    private List<Action<SKCanvas>>? current; // the page being composed: what to draw on it, in order
    private int pages;
    private float y;
    private bool finished;

    /// <param name="footer">Printed at the foot of every page beside its number, such as the document's title and the person it is about.</param>
    /// <param name="direction">
    /// The base direction of every paragraph: the document's language's. Left to right by default, so an English
    /// document's line that starts with an Arabic name still reads left to right (the name itself right to left).
    /// </param>
    public PdfComposer(PdfInfo info, PageSize page, float margin = 54, string? footer = null, TextDirection direction = TextDirection.LeftToRight, TextLayout? layout = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        this.page = page;
        this.margin = margin;
        this.footer = footer;
        this.direction = direction;
        this.layout = layout ?? TextLayout.Shipped;
        var created = DateTime.SpecifyKind(info.Created, info.Created.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : info.Created.Kind);
        document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata
        {
            Title = info.Title,
            Author = info.Author,
            Subject = info.Subject ?? "",
            Creator = "PLBadges",
            Creation = created,
            Modified = created,
            RasterDpi = SKDocument.DefaultRasterDpi,
            EncodingQuality = 101, // lossless: images keep their PNG pixels (a QR code must stay sharp)
        }) ?? throw new InvalidOperationException("Skia could not start a PDF document.");
    }

    /// <summary>The width between the margins.</summary>
    public float ContentWidth => page.Width - 2 * margin;

    /// <summary>How many pages the document has so far.</summary>
    public int Pages => pages;

    public PdfComposer Heading(string text, int level = 1)
    {
        var (size, before) = level switch
        {
            1 => (20f, 0f),
            2 => (13f, 14f),
            _ => (11f, 8f),
        };
        var lines = layout.Wrap(text, new TextStyle(size, FontWeight.Bold), ContentWidth, direction);

        // A heading never ends a page: it moves with the first line of what follows.
        Space(before, lines.Sum(l => l.Height) + 3 * size);
        DrawLines(lines, margin, ContentWidth, Alignment.Start, Ink);
        y += size * 0.35f;
        return this;
    }

    public PdfComposer Paragraph(string text, float size = 10, FontWeight weight = FontWeight.Regular, Alignment align = Alignment.Start, float indent = 0, SKColor? color = null)
    {
        var lines = layout.Wrap(text, new TextStyle(size, weight), ContentWidth - indent, direction);
        DrawLines(lines, margin + indent, ContentWidth - indent, align, color ?? Ink);
        y += size * 0.3f;
        return this;
    }

    /// <summary>A paragraph that is a link: drawn in link colour, with a URI annotation over each of its lines.</summary>
    public PdfComposer Link(string text, Uri url, float size = 10, float indent = 0)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http" or "mailto"))
        {
            throw new ArgumentException($"A link in a PDF must be an absolute http(s) or mailto address: {url}", nameof(url));
        }

        var lines = layout.Wrap(text, new TextStyle(size), ContentWidth - indent, direction);
        DrawLines(lines, margin + indent, ContentWidth - indent, Alignment.Start, LinkBlue, (line, left, top) =>
        {
            var area = new SKRect(left, top, left + line.Width, top + line.Height);
            current!.Add(c => c.DrawUrlAnnotation(area, url.AbsoluteUri));
        });
        y += size * 0.3f;
        return this;
    }

    /// <summary>A label and its value side by side (the label in bold, in a column <paramref name="labelWidth"/> wide); both wrap.</summary>
    public PdfComposer KeyValue(string label, string value, float labelWidth = 150, float size = 10)
    {
        var gap = 8f;
        Row(
        [
            (layout.Wrap(label, new TextStyle(size, FontWeight.Bold), labelWidth - gap, direction), margin, labelWidth - gap, Alignment.Start),
            (layout.Wrap(value, new TextStyle(size), ContentWidth - labelWidth, direction), margin + labelWidth, ContentWidth - labelWidth, Alignment.Start),
        ], size * 0.35f, Ink);
        return this;
    }

    /// <summary>A table with a bold header row; rows wrap within their columns, and a row never splits across pages.</summary>
    public PdfComposer Table(IReadOnlyList<TableColumn> columns, IEnumerable<IReadOnlyList<string>> rows, float size = 9)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        if (columns.Count == 0 || columns.Any(c => c.Share <= 0))
        {
            throw new ArgumentException("A table needs at least one column, each with a positive share of the width.", nameof(columns));
        }

        const float Padding = 4;
        var total = columns.Sum(c => c.Share);
        var lefts = new float[columns.Count];
        var widths = new float[columns.Count];
        var next = margin;
        for (var i = 0; i < columns.Count; i++)
        {
            widths[i] = ContentWidth * columns[i].Share / total;
            lefts[i] = next;
            next += widths[i];
        }

        List<(IReadOnlyList<TextLine>, float, float, Alignment)> Cells(IReadOnlyList<string> values, FontWeight weight)
        {
            if (values.Count != columns.Count)
            {
                throw new ArgumentException($"A table row has {values.Count} cells for {columns.Count} columns.", nameof(rows));
            }

            return columns.Select((column, i) => (layout.Wrap(values[i], new TextStyle(size, weight), widths[i] - 2 * Padding, direction), lefts[i] + Padding, widths[i] - 2 * Padding, column.Align)).ToList();
        }

        var header = Cells(columns.Select(c => c.Header).ToList(), FontWeight.Bold);
        var headerHeight = Height(header) + 2 * Padding;
        void Header()
        {
            Row(header, Padding, Ink, Padding);
            RuleAt(y - Padding / 2, 0.9f, Ink);
        }

        Space(size, headerHeight + size * 2.5f);
        Header();
        foreach (var values in rows)
        {
            var cells = Cells(values, FontWeight.Regular);
            var height = Height(cells) + 2 * Padding;
            if (y + height > page.Height - margin)
            {
                NewPage();
                Header();
            }

            Row(cells, Padding, Ink, Padding);
            RuleAt(y - Padding / 2, 0.4f, RuleGrey);
        }

        y += size * 0.6f;
        return this;
    }

    /// <summary>An image (PNG, JPEG or WebP bytes) drawn at the given size in points.</summary>
    public PdfComposer Image(byte[] encoded, float width, float height, Alignment align = Alignment.Start)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var image = SKImage.FromEncodedData(encoded) ?? throw new ArgumentException("The image could not be decoded.", nameof(encoded));
        images.Add(image);
        Space(0, height);
        var left = align switch
        {
            Alignment.Center => margin + (ContentWidth - width) / 2,
            Alignment.End => margin + ContentWidth - width,
            _ => margin,
        };
        var at = new SKRect(left, y, left + width, y + height);
        current!.Add(c => c.DrawImage(image, at, new SKSamplingOptions(SKFilterMode.Nearest)));
        y += height + 6;
        return this;
    }

    /// <summary>A horizontal line across the content width.</summary>
    public PdfComposer Rule(float thickness = 0.75f)
    {
        Space(4, thickness + 8);
        RuleAt(y, thickness, RuleGrey);
        y += thickness + 8;
        return this;
    }

    /// <summary>Vertical space; a page break also happens here when <paramref name="keep"/> more points would not fit after it.</summary>
    public PdfComposer Space(float points, float keep = 0)
    {
        EnsurePage();
        if (y + points + keep > page.Height - margin)
        {
            NewPage();
            return this;
        }

        y += points;
        return this;
    }

    /// <summary>Ends the document and returns its bytes.</summary>
    public byte[] ToPdf()
    {
        ObjectDisposedException.ThrowIf(finished, this);
        EnsurePage();
        EndPage();
        foreach (var ops in recorded)
        {
            var drawing = document.BeginPage(page.Width, page.Height);
            foreach (var draw in ops)
            {
                draw(drawing);
            }

            document.EndPage();
        }

        document.Close();
        finished = true;
        return output.ToArray();
    }

    public void Dispose()
    {
        if (!finished)
        {
            document.Abort();
            finished = true;
        }

        document.Dispose();
        output.Dispose();
        subsets.Dispose();
        foreach (var image in images)
        {
            image.Dispose();
        }
    }

    private static float Height(IEnumerable<(IReadOnlyList<TextLine> Lines, float Left, float Width, Alignment Align)> cells) =>
        cells.Max(c => c.Lines.Sum(l => l.Height));

    private void Row(IReadOnlyList<(IReadOnlyList<TextLine> Lines, float Left, float Width, Alignment Align)> cells, float after, SKColor color, float before = 0)
    {
        var height = Height(cells) + before;
        if (current is null || y + height > page.Height - margin)
        {
            NewPage();
        }

        var top = y + before;
        foreach (var (lines, left, width, align) in cells)
        {
            y = top;
            DrawLines(lines, left, width, align, color);
        }

        y = top + Height(cells) + after;
    }

    private void DrawLines(IReadOnlyList<TextLine> lines, float left, float width, Alignment align, SKColor color, Action<TextLine, float, float>? each = null)
    {
        foreach (var line in lines)
        {
            if (current is null || y + line.Height > page.Height - margin)
            {
                NewPage();
            }

            // Start and End follow the paragraph's direction: a right-to-left paragraph starts at the right.
            var x = align == Alignment.Center ? left + (width - line.Width) / 2
                : (align == Alignment.End) != line.RightToLeft ? left + width - line.Width
                : left;
            DrawLine(line, x, y + line.Ascent, color);
            each?.Invoke(line, x, y);
            y += line.Height;
        }
    }

    private void DrawLine(TextLine line, float x, float baseline, SKColor color)
    {
        foreach (var run in line.Runs)
        {
            subsets.Add(run);
        }

        current!.Add(c =>
        {
            using var paint = new SKPaint { Color = color, IsAntialias = true };
            line.Draw(c, x, baseline, paint, subsets.Typeface);
        });
    }

    private void RuleAt(float at, float thickness, SKColor color)
    {
        var (from, to) = (margin, page.Width - margin);
        current!.Add(c =>
        {
            using var paint = new SKPaint { Color = color, StrokeWidth = thickness, Style = SKPaintStyle.Stroke };
            c.DrawLine(from, at, to, at, paint);
        });
    }

    private void EnsurePage()
    {
        ObjectDisposedException.ThrowIf(finished, this);
        if (current is null)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        EndPage();
        current = [];
        recorded.Add(current);
        pages++;
        y = margin;
    }

    private void EndPage()
    {
        if (current is null)
        {
            return;
        }

        if (footer is not null)
        {
            var style = new TextStyle(8);
            var baseline = page.Height - margin / 2;
            DrawLine(layout.Wrap(footer, style, ContentWidth - 60, direction)[0], margin, baseline, Muted);
            var number = layout.Line($"Page {pages}", style, direction);
            DrawLine(number, page.Width - margin - number.Width, baseline, Muted);
        }

        current = null;
    }
}
