using System.Text;
using PLBadges.Typesetting;
using UglyToad.PdfPig;

namespace PLBadges.Tests.Recognition;

/// <summary>A PDF read back by PdfPig, independently of the code that wrote it.</summary>
internal static class PdfReadBack
{
    /// <summary>PdfPig's letters as lines, each in reading order: presentation forms folded (NFKC), right-to-left runs put back.</summary>
    public static IReadOnlyList<string> Lines(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().SelectMany(page => page.Letters.GroupBy(l => Math.Round(l.StartBaseLine.Y, 1)).OrderByDescending(g => g.Key)
            .Select(g => string.Concat(g.OrderBy(l => l.StartBaseLine.X).Select(l => l.Value)).Normalize(NormalizationForm.FormKC))
            .Select(visual => string.Concat(Bidi.VisualOrder(Bidi.Analyze(visual, TextDirection.LeftToRight).Levels.ToArray()).Select(i => visual[i])))).ToList();
    }

    /// <summary>The glyphs drawn on the first page with their fonts, top to bottom and left to right as they stand on the page (visual order, shaped forms kept).</summary>
    public static IReadOnlyList<(string Text, string Font, double Line)> Glyphs(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPage(1).Letters.OrderByDescending(l => Math.Round(l.StartBaseLine.Y, 1)).ThenBy(l => l.StartBaseLine.X)
            .Select(l => (l.Value, l.FontName ?? "", Math.Round(l.StartBaseLine.Y, 1))).ToList();
    }
}
