using BenchmarkDotNet.Attributes;
using PLBadges.Typesetting;
using SkiaSharp;

namespace PLBadges.Benchmarks;

/// <summary>
/// A one-page certificate-like PDF (title, a name in several scripts, ten rows, a QR code image, a link) and a
/// 600 x 600 badge PNG from SVG artwork. The certificate target is under 50 ms.
/// </summary>
[MemoryDiagnoser]
public class TypesettingBenchmarks
{
    private const string Badge = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 600" width="600" height="600">
          <polygon points="300,20 542,160 542,440 300,580 58,440 58,160" fill="#0B4F6C"/>
          <circle cx="300" cy="300" r="210" fill="none" stroke="#FFFFFF" stroke-width="6"/>
          <text x="300" y="285" font-family="sans-serif" font-size="44" font-weight="700" fill="#FFFFFF" text-anchor="middle">Representation</text>
          <text x="300" y="340" font-family="sans-serif" font-size="28" fill="#FFFFFF" text-anchor="middle">Universal Design for Learning</text>
        </svg>
        """;

    private byte[] qr = [];

    [GlobalSetup]
    public void Setup()
    {
        // A QR-sized image: 33 x 33 modules at 4 pixels, as a certificate's QR code would be.
        using var bitmap = new SKBitmap(132, 132);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var black = new SKPaint { Color = SKColors.Black };
            for (var x = 0; x < 33; x++)
            {
                for (var y = 0; y < 33; y++)
                {
                    if ((x * 7 + y * 13) % 5 < 2)
                    {
                        canvas.DrawRect(x * 4, y * 4, 4, 4, black);
                    }
                }
            }
        }

        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        qr = png.ToArray();
        _ = CertificatePdf(); // fonts loaded and ICU found once, outside the measurement
        _ = BadgePng();
    }

    [Benchmark]
    public byte[] CertificatePdf()
    {
        using var pdf = new PdfComposer(new PdfInfo("Certificate of completion", "Riverbend Unified School District", new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc)), PageSize.Letter.Landscape);
        pdf.Heading("Certificate of completion");
        pdf.Paragraph("Nguyễn Thị Minh Khai · محمد عبد الله · 王小明", 18, FontWeight.Bold, Alignment.Center);
        pdf.Rule();
        foreach (var (label, value) in Rows)
        {
            pdf.KeyValue(label, value);
        }

        pdf.Image(qr, 72, 72, Alignment.End);
        pdf.Link("https://plbadges.example/credentials/0f8fad5b-d9cb-469f-a165-70867728950e", new Uri("https://plbadges.example/credentials/0f8fad5b-d9cb-469f-a165-70867728950e"), 8);
        return pdf.ToPdf();
    }

    [Benchmark]
    public byte[] BadgePng() => ArtworkRasterizer.Shipped.RasterizeGeneratedSvg(Badge, 600);

    private static readonly (string, string)[] Rows =
    [
        ("Educator", "Nguyễn Thị Minh Khai"),
        ("State educator ID", "TN 1234567"),
        ("Provider", "Riverbend Unified School District (approved provider 0420)"),
        ("Credential", "Representation: Flexible Ways to Perceive and Comprehend"),
        ("Content", "Designing lessons that present information in more than one way, with evidence from the classroom and a reflection on its impact."),
        ("Completed", "4 December 2026"),
        ("Hours", "15 clock hours"),
        ("Converted", "6 PDPs (1 micro-credential = 6 PDPs)"),
        ("Category", "Instructional practice"),
        ("District sign-off", "Signed off by Dana Whitfield, 5 December 2026"),
    ];
}
