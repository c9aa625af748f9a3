using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PLBadges.Recognition.StateCredit;

namespace PLBadges.Tests.Recognition;

/// <summary>
/// Each shipped profile's certificate read back by independent tools: poppler's pdftotext finds every field the profile
/// lists, zbarimg decodes the QR code to the credential's address, and PdfPig finds names in Vietnamese, Arabic and
/// Chinese drawn as written (Arabic in its joined forms, right to left).
/// </summary>
public sealed partial class CertificateTests
{
    private const string CredentialUrl = "https://plbadges.example/credentials/3f6c2a9e-1b7d-4c55-9e0a-5d2f8b7c1a44";
    private const string ShortUrl = "https://plbadges.example/c/K7QX2MPD";
    private static readonly DateOnly CompletedOn = new(2026, 11, 2);

    public static TheoryData<string> ShippedCodes => new(ProfileCatalog.Shipped.Select(p => p.Code));

    private static ProfileDefinition Profile(string code) => ProfileCatalog.Shipped.Single(p => p.Code == code).Versions[^1].Definition;

    private static CertificateItem Item(ProfileDefinition definition, string title = "Visual Routines for Transitions", decimal hours = 12.5m) =>
        new(title, "Teaches executive functioning routines with visual supports and measures their effect.", CompletedOn, hours,
            Conversion.Units(definition.Credit, Conversion.DefaultBasis(definition.Credit), hours), definition.Credit.Unit.Value,
            definition.Categories == null ? null : "Literacy", CredentialUrl, ShortUrl, "K7QX2MPD");

    private static CertificateFacts Facts(ProfileDefinition definition, string educator, params CertificateItem[] items) =>
        new(definition, educator, "0042817", "Riverbend Unified School District", "RUSD-0042", "Signed off by Alex Admin on 3 December 2026 (profile version 1)",
            items, items.Length > 1 ? "https://plbadges.example/c/BATCH7Q2" : null, new DateTime(2026, 12, 4, 15, 0, 0, DateTimeKind.Utc));

    /// <summary>pdftotext's text with every run of white space one space (a long value wraps across lines).</summary>
    private static string Text(byte[] pdf) => Spaces().Replace(Poppler.Text(pdf), " ");

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(ShippedCodes))]
    public void A_credentials_certificate_carries_every_field_its_profile_lists_and_a_QR_code_to_the_credential(string code)
    {
        var definition = Profile(code);
        var item = Item(definition);
        var pdf = CertificateWriter.Write(Facts(definition, "Maya Teacher", item));
        var text = Text(pdf);

        Assert.Contains(definition.Certificate.Title, text);
        var expected = new Dictionary<string, string>
        {
            ["educatorName"] = "Maya Teacher",
            ["educatorId"] = "0042817",
            ["providerName"] = "Riverbend Unified School District",
            ["providerNumber"] = "RUSD-0042",
            ["title"] = item.Title,
            ["summary"] = item.Summary,
            ["completedOn"] = "2 November 2026",
            ["hours"] = "12.5",
            ["units"] = $"{Number(item.Units)} {definition.Credit.Unit.Value}",
            ["unitName"] = definition.Credit.Unit.Value,
            ["category"] = "Literacy",
            ["signOff"] = "Signed off by Alex Admin on 3 December 2026",
            ["recordId"] = "K7QX2MPD",
            ["verifyUrl"] = ShortUrl,
        };
        Assert.Equal(ProfileDefinition.Fields.Order(), expected.Keys.Order()); // a field added to profiles must be added here
        foreach (var field in definition.Certificate.Fields)
        {
            Assert.True(text.Contains(expected[field], StringComparison.Ordinal), $"{code}: the certificate does not print {field} (\"{expected[field]}\"): {text}");
        }

        if (definition.Certificate.Fields.Contains("verifyUrl"))
        {
            Assert.Equal([CredentialUrl], Zbar.QrCodes(Poppler.FirstPagePng(pdf)));
        }
    }

    [Fact]
    public void Tennessee_prints_a_micro_credential_as_six_PDPs_and_says_why()
    {
        var definition = Profile("tn");
        var text = Text(CertificateWriter.Write(Facts(definition, "Maya Teacher", Item(definition, hours: 40))));

        Assert.Contains("Clock hours 40", text);
        Assert.Contains("6 PDPs (1 micro-credential = 6 PDPs)", text); // the fixed figure, not 40 hours' worth
    }

    [Fact]
    public void A_signed_off_batch_prints_the_educator_once_a_row_per_activity_the_totals_and_a_QR_code_to_the_batchs_check()
    {
        var definition = Profile("nc");
        var pdf = CertificateWriter.Write(Facts(definition, "Maya Teacher", Item(definition), Item(definition, "Flexible Ways to Perceive and Comprehend", 10)));
        var text = Text(pdf);

        Assert.Single(Regex.Matches(text, "Maya Teacher [^,]"));
        Assert.Contains("Visual Routines for Transitions", text);
        Assert.Contains("Flexible Ways to Perceive and Comprehend", text);
        Assert.Contains($"2 activities, 22.5 clock hours, {Number(Conversion.HourUnits(definition.Credit, 12.5m) + Conversion.HourUnits(definition.Credit, 10))} {definition.Credit.Unit.Value}.", text);
        Assert.Equal(["https://plbadges.example/c/BATCH7Q2"], Zbar.QrCodes(Poppler.FirstPagePng(pdf)));
    }

    [Theory]
    [InlineData("Nguyễn Thị Minh Khai")]
    [InlineData("محمد عبد الله")]
    [InlineData("王小明")]
    public void The_educators_name_prints_as_written_in_its_own_script(string name)
    {
        var definition = Profile("tx");
        var pdf = CertificateWriter.Write(Facts(definition, name, Item(definition)));

        var lines = PdfReadBack.Lines(pdf);
        Assert.Contains(lines, line => line.Contains(name, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains('?'));
        Assert.Contains(name, Poppler.Text(pdf).Normalize(NormalizationForm.FormKC));
    }

    [Fact]
    public void An_Arabic_name_is_drawn_in_its_joined_forms_from_right_to_left()
    {
        const string name = "فاطمة محمد"; // no lam-alef or Allah ligature: one glyph per letter
        var definition = Profile("tx");
        var glyphs = PdfReadBack.Glyphs(CertificateWriter.Write(Facts(definition, name, Item(definition))))
            .Where(g => g.Font.Contains("Arabic", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(g.Text)).ToList();
        var arabic = glyphs.Where(g => g.Line == glyphs[0].Line).ToList(); // the first line that prints the name

        // Shaped glyphs carry their presentation forms (U+FB50 to U+FDFF, U+FE70 to U+FEFF), not the letters' base forms.
        Assert.NotEmpty(arabic);
        Assert.All(arabic, g => Assert.True(g.Text.All(c => c is >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF'), $"'{g.Text}' is not a shaped form"));

        // Right to left: the glyphs left to right along the line read back as the name reversed, letter by letter, once
        // the forms are folded.
        var visual = string.Concat(arabic.Select(g => g.Text)).Normalize(NormalizationForm.FormKC);
        var logical = string.Concat(name.Replace(" ", "", StringComparison.Ordinal).Normalize(NormalizationForm.FormKC).Reverse());
        Assert.Equal(logical, visual);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
