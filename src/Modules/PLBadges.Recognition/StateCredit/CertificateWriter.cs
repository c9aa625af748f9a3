using System.Globalization;
using PLBadges.Typesetting;
using QRCoder;

namespace PLBadges.Recognition.StateCredit;

/// <summary>One piece of learning as a certificate prints it.</summary>
internal sealed record CertificateItem(string Title, string Summary, DateOnly CompletedOn, decimal Hours, decimal Units, string UnitName, string? Category, string? CredentialUrl, string? ShortUrl, string RecordId);

/// <summary>Everything a certificate says: the profile version's form, the educator, the provider, the sign-off and the items.</summary>
internal sealed record CertificateFacts(
    ProfileDefinition Definition,
    string EducatorName,
    string? EducatorId,
    string ProviderName,
    string ProviderNumber,
    string? SignOff,
    IReadOnlyList<CertificateItem> Items,
    string? BatchShortUrl,
    DateTime Generated);

/// <summary>
/// A state's certificate as a PDF, in the fields and wording its profile lists, set by the typesetting library (names
/// in any script the shipped fonts cover), with a QR code to the credential's public page and a short link to check it.
/// One credential's certificate prints its fields one per line; a signed-off batch prints the educator once and a table.
/// </summary>
internal static class CertificateWriter
{
    public static byte[] Write(CertificateFacts facts)
    {
        var definition = facts.Definition;
        var certificate = definition.Certificate;
        using var pdf = new PdfComposer(
            new PdfInfo($"{certificate.Title}: {facts.EducatorName}", facts.ProviderName, facts.Generated) { Subject = certificate.Title },
            PageSize.Letter, margin: 54, footer: $"{certificate.Title}, {facts.EducatorName}, {facts.ProviderName}");
        pdf.Heading(certificate.Title);
        pdf.Paragraph(certificate.Wording, 10);
        pdf.Rule();
        var fields = certificate.Fields;
        if (facts.Items.Count == 1)
        {
            var item = facts.Items[0];
            foreach (var field in fields)
            {
                if (Label(definition, field) is { } label && Value(facts, item, field) is { Length: > 0 } value)
                {
                    pdf.KeyValue(label, value);
                }
            }

            Verify(pdf, fields, item.CredentialUrl ?? item.ShortUrl, item.ShortUrl ?? item.CredentialUrl);
            return pdf.ToPdf();
        }

        foreach (var field in fields.Where(f => f is "educatorName" or "educatorId" or "providerName" or "providerNumber" or "signOff"))
        {
            if (Label(definition, field) is { } label && Value(facts, null, field) is { Length: > 0 } value)
            {
                pdf.KeyValue(label, value);
            }
        }

        var total = facts.Items.Sum(i => i.Units);
        pdf.Paragraph($"{facts.Items.Count} activities, {facts.Items.Sum(i => i.Hours).ToString("0.##", CultureInfo.InvariantCulture)} clock hours, {total.ToString("0.##", CultureInfo.InvariantCulture)} {definition.Credit.Unit.Value}.", 10, FontWeight.Bold);
        var columns = new List<TableColumn> { new("Activity", 3.2f), new("Completed", 1.3f), new("Hours", 0.8f, Alignment.End), new(Capitalized(definition.Credit.Unit.Value), 1.1f, Alignment.End) };
        var withCategory = fields.Contains("category") && facts.Items.Any(i => i.Category != null);
        if (withCategory)
        {
            columns.Add(new("Category", 1.6f));
        }

        if (fields.Contains("verifyUrl"))
        {
            columns.Add(new("Check at", 2.2f));
        }

        pdf.Table(columns, facts.Items.Select(i =>
        {
            var row = new List<string> { i.Title, i.CompletedOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture), Number(i.Hours), Number(i.Units) };
            if (withCategory)
            {
                row.Add(i.Category ?? "");
            }

            if (fields.Contains("verifyUrl"))
            {
                row.Add(i.ShortUrl ?? i.CredentialUrl ?? "");
            }

            return (IReadOnlyList<string>)row;
        }));
        Verify(pdf, fields, facts.BatchShortUrl, facts.BatchShortUrl);
        return pdf.ToPdf();
    }

    /// <summary>A QR code (what a phone opens) and the short link beside it, when the profile prints a way to check.</summary>
    private static void Verify(PdfComposer pdf, IReadOnlyList<string> fields, string? qrTarget, string? link)
    {
        if (!fields.Contains("verifyUrl") || qrTarget == null)
        {
            return;
        }

        pdf.Space(6);
        pdf.Image(QrPng(qrTarget), 96, 96);
        if (link != null && Uri.TryCreate(link, UriKind.Absolute, out var url) && url.Scheme is "https" or "http")
        {
            pdf.Link($"Check this certificate: {link}", url, 9);
        }
    }

    /// <summary>A QR code as PNG: medium error correction, 6 pixels a module, drawn without anti-aliasing so it scans from paper.</summary>
    public static byte[] QrPng(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(6);
    }

    private static string? Label(ProfileDefinition definition, string field) => field switch
    {
        "educatorName" => "Educator",
        "educatorId" => definition.EducatorId.Name,
        "providerName" => "Provider",
        "providerNumber" => "Provider number",
        "title" => "Activity",
        "summary" => "Content",
        "completedOn" => "Completed",
        "hours" => "Clock hours",
        "units" => Capitalized(definition.Credit.Unit.Value),
        "category" => "Category",
        "signOff" => "District sign-off",
        "recordId" => "Record",
        _ => null, // verifyUrl prints as the QR code and link; unitName goes with the units
    };

    private static string? Value(CertificateFacts facts, CertificateItem? item, string field) => field switch
    {
        "educatorName" => facts.EducatorName,
        "educatorId" => facts.EducatorId ?? "not given yet",
        "providerName" => facts.ProviderName,
        "providerNumber" => facts.ProviderNumber,
        "signOff" => facts.SignOff ?? (facts.Definition.SignOffRequired.Value ? null : "Not required by this state; recorded by the provider."),
        "title" => item?.Title,
        "summary" => item?.Summary,
        "completedOn" => item?.CompletedOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
        "hours" => item == null ? null : Number(item.Hours),
        "units" => item == null ? null : $"{Number(item.Units)} {item.UnitName}{Basis(facts.Definition, item)}",
        "category" => item?.Category,
        "recordId" => item?.RecordId,
        _ => null,
    };

    private static string Basis(ProfileDefinition definition, CertificateItem item) =>
        definition.Credit.PerMicroCredential.Value is { } fixedFigure && item.Units == fixedFigure && item.CredentialUrl != null
            ? $" (1 micro-credential = {Number(fixedFigure)} {definition.Credit.Unit.Value})"
            : "";

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
