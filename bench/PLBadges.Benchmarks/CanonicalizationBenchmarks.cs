using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using PLBadges.LinkedData;
using PLBadges.LinkedData.Canonicalization;
using PLBadges.LinkedData.JsonLd;

namespace PLBadges.Benchmarks;

/// <summary>
/// What an eddsa-rdfc-2022 proof costs before the signature: the Open Badges specification's sample credential
/// (the shape of our demo credential) to RDFC-1.0 canonical N-Quads, with contexts already processed (the
/// steady state of a running site), and its parts on their own.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class CanonicalizationBenchmarks
{
    private const string Credential = """
        {
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
          "id": "http://example.com/credentials/3527",
          "type": ["VerifiableCredential", "OpenBadgeCredential"],
          "issuer": {"id": "https://example.edu/issuers/565049", "type": ["Profile"], "url": "https://www.imsglobal.org", "name": "Example Corp"},
          "validFrom": "2010-01-01T00:00:00Z",
          "name": "Teamwork Badge",
          "credentialSubject": {
            "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
            "type": ["AchievementSubject"],
            "achievement": {
              "id": "https://example.com/achievements/21st-century-skills/teamwork",
              "type": ["Achievement"],
              "criteria": {"narrative": "Team members are nominated for this badge by their peers and recognized upon review by Example Corp management."},
              "description": "This badge recognizes the development of the capacity to collaborate within a group environment.",
              "name": "Teamwork"
            }
          }
        }
        """;

    private const string ProofOptions = """
        {
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
          "type": "DataIntegrityProof",
          "created": "2010-01-01T19:23:24Z",
          "verificationMethod": "https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi",
          "cryptosuite": "eddsa-rdfc-2022",
          "proofPurpose": "assertionMethod"
        }
        """;

    private readonly Canonicalizer canonicalizer = Canonicalizer.Default;
    private JsonObject credential = null!;
    private JsonObject proofOptions = null!;
    private string nQuads = null!;

    [GlobalSetup]
    public void Setup()
    {
        credential = (JsonObject)JsonNode.Parse(Credential)!;
        proofOptions = (JsonObject)JsonNode.Parse(ProofOptions)!;
        nQuads = canonicalizer.Canonicalize(credential);
    }

    [Benchmark(Baseline = true)]
    public string CanonicalizeCredential() => canonicalizer.Canonicalize(credential);

    [Benchmark]
    public string CanonicalizeProofOptions() => canonicalizer.Canonicalize(proofOptions);

    [Benchmark]
    public int CredentialToRdf() => JsonLdProcessor.Default.ToRdf(credential).Count;

    [Benchmark]
    public string CanonicalizeNQuads() => RdfCanonicalizer.Canonicalize(nQuads).NQuads;
}
