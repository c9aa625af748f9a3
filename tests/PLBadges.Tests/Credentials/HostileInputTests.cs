using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using PLBadges.Credentials.Baking;
using PLBadges.Credentials.Issuing;
using PLBadges.Credentials.Signing;
using PLBadges.Credentials.Status;
using PLBadges.Credentials.Verifying;
using PLBadges.Pathways.Contracts;

namespace PLBadges.Tests.Credentials;

/// <summary>
/// What anyone may send the verifier, read within limits: each reader stops on its counter (depth,
/// values, list length, bytes decompressed), and the test checks the counter, not a time.
/// </summary>
public sealed class HostileInputTests
{
    [Fact]
    public void A_compressed_png_credential_chunk_is_refused_without_being_inflated()
    {
        // The bomb: an iTXt openbadgecredential chunk with compression flag 1 over a mass of zeros.
        var zeros = new byte[16 * 1024 * 1024];
        using var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(zeros);
        }

        var chunk = Encoding.Latin1.GetBytes(PngBadge.Keyword).Concat(new byte[] { 0, 1, 0, 0, 0 }).Concat(packed.ToArray()).ToArray();
        var bomb = WithChunk(PngBadge.Draw("#336699"), "iTXt", chunk);

        var refused = Assert.Throws<FormatException>(() => PngBadge.Unbake(bomb));

        // Refused on the flag, before any inflating: the reader has no decompressor left to run.
        Assert.Contains("compressed", refused.Message);
        Assert.Contains("compression flag 0", refused.Message);
    }

    [Fact]
    public void An_svg_nested_past_the_depth_limit_stops_there()
    {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\">" + string.Concat(Enumerable.Repeat("<g>", 100_000)) + string.Concat(Enumerable.Repeat("</g>", 100_000)) + "</svg>";
        var read = new ReadCounters();

        var refused = Assert.Throws<FormatException>(() => SvgBadge.Unbake(svg, read));

        Assert.Contains("deeper than 64", refused.Message);
        Assert.Equal(65, read.DepthReached); // one level past the limit, not 100,000
        Assert.True(read.Nodes <= 66, $"{read.Nodes} nodes were read");
    }

    [Fact]
    public void An_svg_is_read_only_as_far_as_its_credential()
    {
        const string ob = "https://purl.imsglobal.org/ob/v3p0";
        var read = new ReadCounters();

        // Whatever follows the credential (here, nonsense that is not even well-formed) is never read.
        var credential = SvgBadge.Unbake($"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:openbadges=\"{ob}\"><openbadges:credential><![CDATA[eyJ.a.b]]></openbadges:credential><g><unclosed></svg>", read);

        Assert.Equal("eyJ.a.b", credential);
        Assert.Equal(1, read.Nodes);
    }

    [Fact]
    public void Too_many_svg_nodes_before_the_credential_are_refused()
    {
        var svg = "<svg>" + string.Concat(Enumerable.Repeat("<g/>", 200)) + "</svg>";
        var read = new ReadCounters();

        var refused = Assert.Throws<FormatException>(() => SvgBadge.Unbake(svg, read, new ReadLimits { MaxSvgNodes = 100 }));

        Assert.Contains("more than 100 nodes", refused.Message);
        Assert.Equal(101, read.Nodes);
    }

    [Fact]
    public void A_huge_json_list_is_refused_at_its_limit_before_any_schema_is_consulted()
    {
        var json = "{\"type\":[" + string.Join(",", Enumerable.Repeat("\"VerifiableCredential\"", 100_000)) + "]}";
        var read = new ReadCounters();

        var refused = Assert.Throws<FormatException>(() => UntrustedJson.ParseObject(json, read));

        Assert.Contains("more than 500 items", refused.Message);
        Assert.Equal(501, read.LongestArray);
        Assert.Equal(503, read.Nodes); // the object, the list, then 501 strings
    }

    [Fact]
    public void Json_with_too_many_values_or_too_deep_is_refused_on_its_counters()
    {
        var wide = "{" + string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"k{i}\":{{\"a\":1}}")) + "}";
        var read = new ReadCounters();
        Assert.Contains("more than 10,000 values", Assert.Throws<FormatException>(() => UntrustedJson.ParseObject(wide, read)).Message);
        Assert.Equal(10_001, read.Nodes);

        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000);
        var deepRead = new ReadCounters();
        Assert.Contains("deeper than 32", Assert.Throws<FormatException>(() => UntrustedJson.ParseObject(deep, deepRead)).Message);
        Assert.Equal(33, deepRead.DepthReached);
    }

    [Theory]
    [InlineData("{\"id\":\"a\",\"id\":\"b\"}", "names the same property twice")]
    [InlineData("{\"issuer\":{\"name\":\"x\",\"name\":\"y\"}}", "names the same property twice")]
    [InlineData("{\"creditsAvailable\":1e999999}", "outside the range")]
    [InlineData("{\"exp\":-1e18}", "outside the range")]
    [InlineData("{\"exp\":-1000000000000000000}", "outside the range")]
    [InlineData("{\"n\":123456789012345678901234567890}", "outside the range")]
    [InlineData("{\"id\": 5", "not valid JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    public void Json_that_could_break_later_reading_is_refused_with_a_reason(string json, string reason) =>
        Assert.Contains(reason, Assert.Throws<FormatException>(() => UntrustedJson.ParseObject(json, new ReadCounters())).Message);

    [Fact]
    public void Ordinary_numbers_and_credentials_are_read()
    {
        var read = new ReadCounters();
        var node = UntrustedJson.ParseObject("{\"creditsAvailable\":2.5,\"nbf\":1767225600,\"negative\":-3,\"big\":9007199254740992}", read);

        Assert.Equal(2.5m, node["creditsAvailable"]!.GetValue<decimal>());
        Assert.Equal(5, read.Nodes);
    }

    [Fact]
    public void A_token_whose_payload_is_hostile_is_refused_as_the_token()
    {
        var header = System.Buffers.Text.Base64Url.EncodeToString("{\"alg\":\"RS256\",\"kid\":\"k\"}"u8.ToArray());
        var payload = System.Buffers.Text.Base64Url.EncodeToString("{\"exp\":-1e18,\"exp\":1}"u8.ToArray());

        var refused = Assert.Throws<FormatException>(() => Jws.Parse($"{header}.{payload}.c2ln"));

        Assert.StartsWith("The token's payload", refused.Message);
    }

    [Fact]
    public void A_status_list_is_decompressed_only_as_far_as_the_entry()
    {
        // A signed list from another issuer could inflate without end; only the entry's byte is needed.
        var zeros = new byte[16 * 1024 * 1024];
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(zeros);
        }

        var encoded = "u" + System.Buffers.Text.Base64Url.EncodeToString(packed.ToArray());
        var read = new ReadCounters();

        Assert.False(Bitstring.IsSet(encoded, 80, read));

        Assert.Equal(11, read.BytesDecompressed); // bytes 0 to 10; entry 80 is in byte 10
        Assert.Throws<FormatException>(() => Bitstring.IsSet(encoded, int.MaxValue, new ReadCounters()));
    }

    [Fact]
    public void An_alignment_without_a_code_leaves_the_optional_fields_out_and_matches_the_schema()
    {
        var content = Content(new Alignment("CAST UDL Guidelines 3.0", "Guideline 7", Code: null, Url: "https://udlguidelines.cast.org/engagement/interests-identities"));

        var achievement = CredentialDocument.Achievement("https://badges.example.org", new MicroCredentialVersionInfo(Guid.Empty, Guid.Empty, 1, "udl", Guid.Empty, "udl", null, content));
        var alignment = achievement["alignment"]![0]!.AsObject();

        Assert.False(alignment.ContainsKey("targetCode"));
        Assert.Equal("Guideline 7", (string?)alignment["targetName"]);
        Assert.Empty(new AchievementPublishingCheck(new CredentialSchema()).Problems("udl", content));
    }

    [Fact]
    public void Publishing_is_refused_for_content_whose_credentials_would_carry_a_link_that_is_not_a_web_address()
    {
        // Content that got past the authoring checks some other way (an older version, say).
        var content = Content(new Alignment("MTSS", "Tier 1", "T1", "javascript:alert(1)"));

        var problems = new AchievementPublishingCheck(new CredentialSchema()).Problems("mtss", content);

        Assert.Contains(problems, p => p.Contains("Tier 1") && p.Contains("https://"));
    }

    private static MicroCredentialContent Content(params Alignment[] alignments) => new()
    {
        Title = "A sample micro-credential",
        EstimatedHours = 6,
        Competency = "The educator does the thing.",
        KeyMethod = "Practice",
        MethodComponents = [new MethodComponent("Plan", "Plan it.")],
        Alignments = alignments,
        Submission = [new SubmissionPart("overview", "Overview", 20, ["Why?"], [new RubricCriterion("Clear", "It is clear.")])],
    };

    private static byte[] WithChunk(byte[] png, string type, byte[] data)
    {
        // Inserted just before IEND (the last 12 bytes), framed as the badge frames its own chunks.
        using var chunk = new MemoryStream();
        PngBadge.WriteChunk(chunk, type, data);
        return [.. png[..^12], .. chunk.ToArray(), .. png[^12..]];
    }
}
