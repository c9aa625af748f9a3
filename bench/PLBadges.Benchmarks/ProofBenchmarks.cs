using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using NSec.Cryptography;
using PLBadges.Credentials.Signing;

namespace PLBadges.Benchmarks;

/// <summary>
/// One eddsa-rdfc-2022 Data Integrity proof on a credential shaped as this site issues them (VC 2.0, OB 3.0.3 and
/// extensions contexts, a did:web issuer, a urn:uuid subject, credits, a status entry, a schema): making it (two
/// canonicalizations and an Ed25519 signature) and checking it (the same canonicalizations and an Ed25519
/// verification), as the site's signer and verifier do, with contexts already processed (a running site's steady state).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ProofBenchmarks
{
    private const string Did = "did:web:badges.demo-district.test:issuers:5b0f9c0e-8a4f-4f3e-9d2a-1c7e6b3a9d10";

    private const string Credential = $$"""
        {
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"],
          "id": "https://badges.demo-district.test/credentials/qQfmpYU-u1mqfIiOI6ryyw",
          "type": ["VerifiableCredential", "OpenBadgeCredential"],
          "issuer": {"id": "{{Did}}", "type": ["Profile"], "name": "Demo Unified School District", "url": "https://badges.demo-district.test/issuers/5b0f9c0e-8a4f-4f3e-9d2a-1c7e6b3a9d10", "email": "badges@demo-district.test"},
          "validFrom": "2026-12-05T00:00:00Z",
          "name": "Executive Function: Task Analysis",
          "credentialSubject": {
            "id": "urn:uuid:3f1c2a9e-6b7d-4e58-9c0a-2d4f6e8b1a37",
            "type": ["AchievementSubject"],
            "identifier": [{"type": "IdentityObject", "identityHash": "sha256$6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "identityType": "emailAddress", "hashed": true, "salt": "d1c4b2a9"}],
            "creditsEarned": 6,
            "achievement": {
              "id": "https://badges.demo-district.test/micro-credentials/ef-task-analysis",
              "type": ["Achievement"],
              "achievementType": "MicroCredential",
              "name": "Executive Function: Task Analysis",
              "description": "Breaks a multi-step classroom task into teachable steps and supports students through them.",
              "criteria": {"narrative": "Submitted a lesson plan, a classroom video and a reflection, scored proficient or better on every rubric row by a coach."},
              "image": {"id": "https://badges.demo-district.test/micro-credentials/ef-task-analysis/badge.svg", "type": "Image"},
              "creditsAvailable": 6.5,
              "alignment": [{"type": ["Alignment"], "targetName": "Executive function", "targetUrl": "https://badges.demo-district.test/pathways/executive-function", "targetType": "ceterms:Competency"}]
            }
          },
          "evidence": [{"id": "https://badges.demo-district.test/evidence/8d7e6f5a", "type": ["Evidence"], "narrative": "Scored against the rubric by a coach."}],
          "credentialStatus": {"id": "https://badges.demo-district.test/status/5b0f9c0e-8a4f-4f3e-9d2a-1c7e6b3a9d10#42", "type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": "42", "statusListCredential": "https://badges.demo-district.test/status/5b0f9c0e-8a4f-4f3e-9d2a-1c7e6b3a9d10"},
          "credentialSchema": [{"id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json", "type": "1EdTechJsonSchemaValidator2019"}]
        }
        """;

    private static readonly DateTime Created = new(2026, 12, 5, 0, 0, 0, DateTimeKind.Utc);

    private ProofKey key = null!;
    private byte[] publicKey = null!;
    private JsonObject unsigned = null!;
    private JsonObject signed = null!;

    [GlobalSetup]
    public void Setup()
    {
        var secret = DataIntegrity.NewKey();
        key = new ProofKey("k1", $"{Did}#k1", secret);
        publicKey = secret.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        unsigned = (JsonObject)JsonNode.Parse(Credential)!;
        signed = (JsonObject)unsigned.DeepClone();
        DataIntegrity.Sign(signed, key, Created);
        if (!Verify(signed))
        {
            throw new InvalidOperationException("The benchmark's own proof does not verify.");
        }
    }

    [Benchmark]
    public JsonObject Sign()
    {
        var document = (JsonObject)unsigned.DeepClone();
        DataIntegrity.Sign(document, key, Created);
        return document;
    }

    [Benchmark]
    public bool VerifyProof() => Verify(signed);

    [Benchmark(Baseline = true)]
    public bool SignAndVerify() => Verify(Sign());

    private bool Verify(JsonObject document)
    {
        var proof = document["proof"]!.AsArray()[0]!.AsObject();
        return DataIntegrity.ProofValue((string?)proof["proofValue"]) is { } signature
            && DataIntegrity.Verify(publicKey, DataIntegrity.SignedData(document, proof), signature);
    }
}
