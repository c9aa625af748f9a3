using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SkiaSharp;
using UglyToad.PdfPig;

namespace PLBadges.Typesetting.Tests;

/// <summary>PDFs read back by two independent readers: poppler's pdftotext and pdffonts, and PdfPig.</summary>
public partial class PdfTests
{
    private static readonly DateTime Created = new(2026, 12, 4, 15, 30, 0, DateTimeKind.Utc);

    private static byte[] NamesPdf()
    {
        using var pdf = new PdfComposer(new PdfInfo("Names in every script", "PLBadges", Created) { Subject = "Typesetting test" }, PageSize.Letter);
        pdf.Heading("Certificate of completion");
        foreach (var name in Names.All)
        {
            pdf.Paragraph(name, 14);
        }

        pdf.Paragraph($"Awarded to {Names.Arabic} on 4 December 2026 for 12 hours.", weight: FontWeight.Bold);
        return pdf.ToPdf();
    }

    /// <summary>
    /// What a reader extracted, made comparable with the logical text: compatibility forms folded (NFKC turns Arabic
    /// presentation forms back into letters), bidi controls dropped, spaces collapsed.
    /// </summary>
    private static string Normalized(string extracted) =>
        Spaces().Replace(BidiControls().Replace(extracted.Normalize(NormalizationForm.FormKC), ""), " ").Trim();

    /// <summary>A line PdfPig read in visual order (left to right on the page), put back in reading order by reversing its right-to-left runs.</summary>
    private static string Logical(string visual)
    {
        var paragraph = Bidi.Analyze(visual);
        return string.Concat(Bidi.VisualOrder(paragraph.Levels.ToArray()).Select(i => visual[i]));
    }

    /// <summary>PdfPig's letters grouped into lines by baseline, each line in visual order.</summary>
    private static IReadOnlyList<string> VisualLines(UglyToad.PdfPig.Content.Page page) =>
        page.Letters.GroupBy(l => Math.Round(l.StartBaseLine.Y, 1)).OrderByDescending(g => g.Key)
            .Select(g => string.Concat(g.OrderBy(l => l.StartBaseLine.X).Select(l => l.Value))).ToList();

    [Fact]
    public void Pdftotext_reads_every_name_back_in_reading_order()
    {
        var text = Normalized(Poppler.Text(NamesPdf()));

        Assert.All(Names.All, name => Assert.Contains(name, text));
        Assert.Contains("Certificate of completion", text);

        // pdftotext puts the space between a right-to-left run and the English after it at the run's other end
        // ("الله on" comes out as " الله" + "on"): words and their order are kept, so compare without spaces.
        Assert.Contains($"Awarded to {Names.Arabic} on 4 December 2026 for 12 hours.".Replace(" ", ""), text.Replace(" ", ""));
    }

    [Fact]
    public void PdfPig_reads_every_name_back_once_visual_order_is_made_logical()
    {
        using var document = PdfDocument.Open(NamesPdf());
        var lines = VisualLines(document.GetPage(1)).Select(line => Logical(Normalized(line))).ToList();

        Assert.All(Names.All, name => Assert.Contains(name, lines));
        Assert.Contains($"Awarded to {Names.Arabic} on 4 December 2026 for 12 hours.", lines);
    }

    [Fact]
    public void Arabic_is_drawn_in_its_joined_forms_from_right_to_left()
    {
        using var pdf = new PdfComposer(new PdfInfo("Arabic", "PLBadges", Created), PageSize.Letter);
        pdf.Paragraph("محمد");
        using var document = PdfDocument.Open(pdf.ToPdf());

        // The glyphs' own characters (the font's cmap gives each shaped glyph its presentation form), left to right
        // on the page: final dal, medial meem, medial hah, initial meem. Isolated forms would be FEA9, FEE1, FEA1, FEE1.
        var letters = document.GetPage(1).Letters.OrderBy(l => l.StartBaseLine.X).ToList();
        Assert.Equal("\uFEAA\uFEE4\uFEA4\uFEE3", string.Concat(letters.Select(l => l.Value)));
        Assert.All(letters, l => Assert.Contains("NotoSansArabic", l.FontName));
        Assert.Equal("محمد", Logical(Normalized(string.Concat(letters.Select(l => l.Value)))));
    }

    [Fact]
    public void The_PDF_embeds_subsets_of_the_shipped_Noto_fonts_as_named_TrueType_fonts()
    {
        var fonts = Poppler.Fonts(NamesPdf());

        foreach (var face in new[] { "NotoSans-Regular", "NotoSans-Bold", "NotoSansArabic-Bold", "NotoSansArabic-Regular", "NotoSansCJKsc-Regular" })
        {
            // "ABCDEF+Name  CID TrueType  Identity-H  yes yes yes": embedded, subset, with a ToUnicode map.
            Assert.Matches($@"[A-Z]{{6}}\+{face}\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes", fonts);
        }

        // Columns end "emb sub uni object-id generation": every font is embedded.
        var rows = fonts.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).Select(row => row.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Equal("yes", row[^5]));
    }

    [Fact]
    public void Each_face_is_embedded_cut_to_the_glyphs_the_document_uses()
    {
        // Whole, Noto Sans is 305 KB and the CJK face 2 MB; Skia's PDF backend here embeds whatever face it is given.
        using (var latin = new PdfComposer(new PdfInfo("Latin", "PLBadges", Created), PageSize.Letter))
        {
            latin.Paragraph("Maya Teacher, 6 PDPs");
            Assert.InRange(latin.ToPdf().Length, 1, 30_000);
        }

        var names = NamesPdf();
        Assert.InRange(names.Length, 1, 120_000);

        // Cut, the faces still map every glyph back to its characters.
        var text = Normalized(Poppler.Text(names));
        Assert.All(new[] { Names.Vietnamese, Names.Chinese, Names.Greek }, name => Assert.Contains(name, text));
    }

    [Fact]
    public void The_document_carries_its_title_author_subject_and_creation_date()
    {
        using var document = PdfDocument.Open(NamesPdf());

        Assert.Equal("Names in every script", document.Information.Title);
        Assert.Equal("PLBadges", document.Information.Author);
        Assert.Equal("Typesetting test", document.Information.Subject);
        Assert.Equal(Created, document.Information.GetCreatedDateTimeOffset()!.Value.UtcDateTime);
    }

    [Fact]
    public void A_long_table_breaks_across_pages_and_repeats_its_header_on_each()
    {
        using var pdf = new PdfComposer(new PdfInfo("Table", "PLBadges", Created), PageSize.Letter, footer: "Transcript of Nguyễn Thị Minh Khai");
        pdf.Heading("Credentials");
        pdf.Table([new TableColumn("Credential", 3), new TableColumn("Earned", 1.2f), new TableColumn("Hours", 0.8f, Alignment.End)],
            Enumerable.Range(1, 80).Select(i => (IReadOnlyList<string>)[$"Micro-credential number {i} with a title long enough to wrap inside its column", "4 Dec 2026", $"{i}.5"]));
        var bytes = pdf.ToPdf();
        using var document = PdfDocument.Open(bytes);

        Assert.True(document.NumberOfPages >= 3);
        Assert.Equal(pdf.Pages, document.NumberOfPages);
        foreach (var page in document.GetPages())
        {
            Assert.Contains("Credential", page.Text);
            Assert.Contains($"Page {page.Number}", page.Text);
            Assert.Contains("Transcript of Nguyễn Thị Minh Khai", page.Text);
            Assert.All(page.Letters, l => Assert.InRange(l.StartBaseLine.Y, 0, 792 - 40)); // nothing in the top margin
        }

        var text = Normalized(Poppler.Text(bytes));
        Assert.All(Enumerable.Range(1, 80), i => Assert.Contains($"Micro-credential number {i} with", text));
    }

    [Fact]
    public void A_link_is_a_URI_annotation_over_its_text_and_an_image_keeps_its_pixels()
    {
        using var bitmap = new SKBitmap(21, 21);
        for (var x = 0; x < 21; x++)
        {
            for (var y = 0; y < 21; y++)
            {
                bitmap.SetPixel(x, y, (x + y) % 2 == 0 ? SKColors.Black : SKColors.White);
            }
        }

        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using var pdf = new PdfComposer(new PdfInfo("Link", "PLBadges", Created), PageSize.A4);
        pdf.Link("Verify this credential", new Uri("https://plbadges.example/credentials/abc"));
        pdf.Image(png.ToArray(), 72, 72, Alignment.Center);
        pdf.Rule();
        using var document = PdfDocument.Open(pdf.ToPdf());
        var page = document.GetPage(1);

        var link = Assert.Single(page.GetHyperlinks());
        Assert.Equal("https://plbadges.example/credentials/abc", link.Uri);
        Assert.Contains("Verify this credential", link.Text);
        var image = Assert.Single(page.GetImages());
        Assert.Equal(21, image.WidthInSamples);
        Assert.Equal(72, image.BoundingBox.Width, 1);
        Assert.Equal(595, page.Width, 0);
        Assert.Throws<ArgumentException>(() => pdf.Link("x", new Uri("javascript:alert(1)")));
    }

    [GeneratedRegex(@"[\u200E\u200F\u202A-\u202E\u2066-\u2069]")]
    private static partial Regex BidiControls();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
