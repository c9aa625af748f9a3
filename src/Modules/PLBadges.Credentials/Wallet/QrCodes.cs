using QRCoder;

namespace PLBadges.Credentials.Wallet;

/// <summary>QR codes for wallets to scan, as PNG (QRCoder), shown inline as a data: image (the site's policy allows data: images).</summary>
public static class QrCodes
{
    public static byte[] Png(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(6);
    }

    public static string DataUri(string text) => "data:image/png;base64," + Convert.ToBase64String(Png(text));
}
