using System.Text;
using System.Text.Json.Nodes;
using PLBadges.LinkedData.JsonLd;

namespace PLBadges.LinkedData.Tests;

/// <summary>
/// The Open Badges 3.0 specification's Data Integrity test vector, as ../shared/standards/README.md corrects it:
/// the sample credential with @context = VC 2.0 + OB 3.0.3 canonicalizes to the published N-Quads byte for byte,
/// and so do its proof options. Files copied from ../shared/standards/ob3/test-vectors (TestVectors/README.md).
/// </summary>
public sealed class OpenBadgesTestVectorTests
{
    private static readonly JsonArray Contexts = [ShippedContexts.CredentialsV2, ShippedContexts.OpenBadgesV3];

    internal static JsonObject SampleDocument()
    {
        var credential = TestFiles.ReadJson(TestFiles.TestVector("ob-v3p0-sample-credential.json"));
        credential["@context"] = Contexts.DeepClone();
        credential.Remove("proof");
        return credential;
    }

    internal static JsonObject SampleProofOptions()
    {
        var credential = TestFiles.ReadJson(TestFiles.TestVector("ob-v3p0-sample-credential.json"));
        var proof = (JsonObject)credential["proof"]!.DeepClone();
        proof.Remove("proofValue");
        proof["@context"] = Contexts.DeepClone();
        return proof;
    }

    [Fact]
    public void The_sample_credential_canonicalizes_to_the_published_nquads_byte_for_byte()
    {
        var expected = File.ReadAllBytes(TestFiles.TestVector("obv3p0-document-canon.txt"));

        var canonical = Canonicalizer.Default.Canonicalize(SampleDocument());

        Assert.Equal(Encoding.UTF8.GetString(expected), canonical);
        Assert.Equal(expected, Encoding.UTF8.GetBytes(canonical));
    }

    [Fact]
    public void The_proof_options_canonicalize_to_the_published_nquads_byte_for_byte()
    {
        var expected = File.ReadAllBytes(TestFiles.TestVector("obv3p0-proof-canon.txt"));

        var canonical = Canonicalizer.Default.Canonicalize(SampleProofOptions());

        Assert.Equal(Encoding.UTF8.GetString(expected), canonical);
    }

    [Fact]
    public void The_hashes_are_the_ones_the_standards_readme_gives()
    {
        Assert.Equal(
            "87f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f52566bb7f9e0773",
            Convert.ToHexStringLower(Canonicalizer.Default.Hash(SampleDocument())));
        Assert.Equal(
            "d34009cea0dbc1ca941e09dc01c8c9d3e3ce3c5b853f67ee44698dcea10f5d19",
            Convert.ToHexStringLower(Canonicalizer.Default.Hash(SampleProofOptions())));
    }

    [Fact]
    public void Adding_the_data_integrity_context_beside_vc_2_0_is_refused_as_a_protected_term_redefinition()
    {
        // The standards README: DataIntegrityProof is protected in both, with different definitions.
        var document = SampleDocument();
        document["@context"] = new JsonArray(ShippedContexts.CredentialsV2, ShippedContexts.OpenBadgesV3, ShippedContexts.DataIntegrityV1);

        var error = Assert.ThrowsAny<JsonLdException>(() => Canonicalizer.Default.Canonicalize(document));

        Assert.Equal("protected term redefinition", error.Code);
    }

    [Fact]
    public void Signing_the_two_hashes_with_the_published_test_key_gives_the_corrected_proof_value()
    {
        // eddsa-rdfc-2022: the signed data is SHA-256(canonical proof options) followed by SHA-256(canonical document).
        var data = Canonicalizer.Default.Hash(SampleProofOptions()).Concat(Canonicalizer.Default.Hash(SampleDocument())).ToArray();
        var secret = Multibase("zrv2bqTbNwCTsRrHFcJCPjVAduh4Ezcnoq1A3ZxH1GWTNkxipLVuaAoMFmze2gFN9oNXfJjufxSHWVZzsJiUsMHFMcx", [0x80, 0x26]);
        var publicKey = Multibase("z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi", [0xED, 0x01]);
        var ed25519 = NSec.Cryptography.SignatureAlgorithm.Ed25519;
        using var key = NSec.Cryptography.Key.Import(ed25519, secret.AsSpan(0, 32), NSec.Cryptography.KeyBlobFormat.RawPrivateKey);

        var signature = ed25519.Sign(key, data);

        Assert.Equal(publicKey, key.PublicKey.Export(NSec.Cryptography.KeyBlobFormat.RawPublicKey));
        Assert.Equal("z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZtkMtSbz35HcbgXVEDYHxCzgkCr", "z" + SimpleBase.Base58.Bitcoin.Encode(signature));
    }

    /// <summary>A base58btc multibase value ("z…") whose bytes start with the given multicodec prefix, without the prefix.</summary>
    private static byte[] Multibase(string value, byte[] multicodec)
    {
        Assert.StartsWith("z", value, StringComparison.Ordinal);
        var bytes = SimpleBase.Base58.Bitcoin.Decode(value.AsSpan(1)).ToArray();
        Assert.Equal(multicodec, bytes[..multicodec.Length]);
        return bytes[multicodec.Length..];
    }
}
