using System.Text;
using System.Text.RegularExpressions;
using PLBadges.Recognition.Transcripts;
using PLBadges.Typesetting;
using UglyToad.PdfPig;

namespace PLBadges.Tests.Recognition;

/// <summary>The transcript PDF prints names in any script (it printed "Nguy?n" when it was set in Helvetica).</summary>
public partial class TranscriptPdfTests
{
    private static Transcript TranscriptOf(string name) => new(
        name,
        new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc),
        ["DS123456"],
        [
            new TranscriptCredential("Representation: Flexible Ways to Perceive and Comprehend", "Micro-credential", "مدرسة النور", 6, new DateOnly(2026, 11, 2), false, "https://plbadges.example/credentials/abc"),
            new TranscriptCredential("通用学习设计", "Pathway", "Riverbend Unified School District", 0, new DateOnly(2026, 11, 20), true, "https://plbadges.example/credentials/def"),
        ],
        6,
        1.5m,
        [new TranscriptSession("Personalized Learning Academy", "Leading the rollout", new DateOnly(2026, 10, 1), 3)],
        3,
        [new TranscriptRecognition("Professional license renewal", "6 points toward license renewal", 6, "points", new DateOnly(2026, 12, 1), "DS123456")]);

    [Theory]
    [InlineData("Nguyễn Thị Minh Khai")]
    [InlineData("محمد عبد الله")]
    [InlineData("王小明")]
    public void The_name_prints_as_written_in_its_own_script(string name)
    {
        var pdf = TranscriptService.ToPdf(TranscriptOf(name));
        var lines = PdfReadBack.Lines(pdf);

        Assert.Contains($"{name}, educator number DS123456", lines);
        Assert.Contains(lines, l => l.Contains("Professional learning transcript"));
        Assert.Contains(lines, l => l.Contains("مدرسة النور"));
        Assert.Contains(lines, l => l.Contains("通用学习设计"));
        Assert.Contains(lines, l => l.Contains("6 points toward license renewal"));
        Assert.DoesNotContain(lines, l => l.Contains('?'));
    }

    [Fact]
    public void The_verify_address_is_a_link_and_the_fonts_are_the_shipped_ones()
    {
        using var document = PdfDocument.Open(TranscriptService.ToPdf(TranscriptOf("Nguyễn Thị Minh Khai")));
        var page = document.GetPage(1);

        Assert.Contains(page.GetHyperlinks(), link => link.Uri == "https://plbadges.example/credentials/abc");
        Assert.All(page.Letters, letter => Assert.Matches(NotoFont(), letter.FontName));
        Assert.Equal("Professional learning transcript: Nguyễn Thị Minh Khai", document.Information.Title);
    }

    [GeneratedRegex(@"^[A-Z]{6}\+NotoSans(Arabic|CJKsc|Hebrew)?-(Regular|Bold)$")]
    private static partial Regex NotoFont();
}
