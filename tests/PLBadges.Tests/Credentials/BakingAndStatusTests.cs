using System.Text;
using PLBadges.Credentials.Baking;
using PLBadges.Credentials.Status;

namespace PLBadges.Tests.Credentials;

public sealed class BakingAndStatusTests
{
    private const string Token = "eyJhbGciOiJSUzI1NiJ9.eyJuYW1lIjoiQSBiYWRnZSJ9.c2lnbmF0dXJl";

    [Fact]
    public void A_png_carries_one_credential_in_an_itxt_chunk_and_rebaking_replaces_it()
    {
        var image = PngBadge.Draw("#1d4ed8");
        Assert.Null(PngBadge.Unbake(image));
        var baked = PngBadge.Bake(image, Token);
        Assert.Equal(Token, PngBadge.Unbake(baked));
        Assert.Contains("iTXtopenbadgecredential", Encoding.Latin1.GetString(baked));

        var again = PngBadge.Bake(baked, "second");
        Assert.Equal("second", PngBadge.Unbake(again));
        Assert.Single(Encoding.Latin1.GetString(again).Split("openbadgecredential").Skip(1));
    }

    [Fact]
    public void Broken_pngs_are_refused_with_a_reason()
    {
        var baked = PngBadge.Bake(PngBadge.Draw("#1d4ed8"), Token);
        Assert.Contains("not a PNG", Assert.Throws<FormatException>(() => PngBadge.Unbake("GIF89a"u8.ToArray())).Message);
        Assert.Contains("cut short", Assert.Throws<FormatException>(() => PngBadge.Unbake(baked[..12])).Message);
        Assert.Contains("longer than the file", Assert.Throws<FormatException>(() => PngBadge.Unbake(baked[..20])).Message);
        Assert.Contains("no end chunk", Assert.Throws<FormatException>(() => PngBadge.Unbake(baked[..^12])).Message);
        var damaged = (byte[])baked.Clone();
        damaged[40] ^= 0xFF; // inside IHDR or IDAT: its checksum no longer matches
        Assert.Contains("damaged", Assert.Throws<FormatException>(() => PngBadge.Unbake(damaged)).Message);
    }

    [Fact]
    public void An_svg_carries_the_credential_in_the_ob3_namespace()
    {
        var baked = SvgBadge.Bake("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><title>A badge</title></svg>", Token);
        Assert.Contains("xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\"", baked);
        Assert.Equal(Token, SvgBadge.Unbake(baked));
        Assert.Equal("x", SvgBadge.Unbake(SvgBadge.Bake(baked, "x")));
        Assert.Contains("not well-formed", Assert.Throws<FormatException>(() => SvgBadge.Unbake("<svg><unclosed></svg>")).Message);
        Assert.Contains("not well-formed", Assert.Throws<FormatException>(() => SvgBadge.Unbake("<!DOCTYPE svg [<!ENTITY e \"x\">]><svg>&e;</svg>")).Message);
        Assert.Contains("not an SVG", Assert.Throws<FormatException>(() => SvgBadge.Unbake("<html/>")).Message);
    }

    [Fact]
    public void The_status_bitstring_sets_exactly_the_given_entries_msb_first()
    {
        var encoded = Bitstring.Encode(131_072, [0, 7, 8, 131_071]);
        Assert.StartsWith("u", encoded);
        Assert.True(Bitstring.IsSet(encoded, 0));
        Assert.True(Bitstring.IsSet(encoded, 7));
        Assert.True(Bitstring.IsSet(encoded, 8));
        Assert.True(Bitstring.IsSet(encoded, 131_071));
        Assert.False(Bitstring.IsSet(encoded, 1));
        Assert.False(Bitstring.IsSet(encoded, 9));
        Assert.Throws<FormatException>(() => Bitstring.IsSet(encoded, 131_072));
        Assert.Throws<FormatException>(() => Bitstring.IsSet("zNotMultibase", 0));
        Assert.Throws<FormatException>(() => Bitstring.IsSet("uAAAA", 0)); // not GZIP

        // Bit 0 is the most significant bit of the first byte, as the specification says.
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(System.Buffers.Text.Base64Url.DecodeFromChars(encoded.AsSpan(1))), System.IO.Compression.CompressionMode.Decompress);
        var first = gzip.ReadByte();
        Assert.Equal(0b1000_0001, first);
    }
}
