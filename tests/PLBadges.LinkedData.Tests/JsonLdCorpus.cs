using System.Globalization;
using System.Text.Json.Nodes;

namespace PLBadges.LinkedData.Tests;

/// <summary>
/// JSON-LD documents that exercise the toRdf features our credentials and common VC / OB documents use, for
/// comparing with jsonld.js. Each is either canonicalized identically by both, or refused by both.
/// </summary>
internal static class JsonLdCorpus
{
    public const string Vc2 = "https://www.w3.org/ns/credentials/v2";
    public const string Vc1 = "https://www.w3.org/2018/credentials/v1";
    public const string Ob3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

    /// <summary>The feature each document covers, and the document. A feature named "refused…" must be refused.</summary>
    public static IEnumerable<(string Feature, JsonNode Document)> All()
    {
        foreach (var (feature, json) in Documents())
        {
            yield return (feature, JsonNode.Parse(WithContextUrls(json))!);
        }
        yield return ("numbers: integers, doubles, xsd:float typed, @json, edge values", Numbers(seed: 7, count: 400));
    }

    private static IEnumerable<(string, string)> Documents()
    {
        var sample = File.ReadAllText(TestFiles.TestVector("ob-v3p0-sample-credential.json"));
        var ob = JsonNode.Parse(sample)!.AsObject();
        ob["@context"] = new JsonArray(Vc2, Ob3);
        yield return ("OB 3.0.3 credential with its proof (@graph container, protected terms, type-scoped contexts)", ob.ToJsonString());

        yield return ("OB credential with achievement details, results, alignment, endorsement, evidence", """
        {
          "@context": ["$VC2", "$OB3", "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"],
          "id": "urn:uuid:6d7c8f0a-9e2b-4c1d-8f3a-1b2c3d4e5f60",
          "type": ["VerifiableCredential", "OpenBadgeCredential"],
          "name": "Executive Functioning: Planning",
          "issuer": {"id": "did:web:plbadges.example:issuers:1", "type": ["Profile"], "name": "Springfield District", "url": "https://plbadges.example/issuers/1", "email": "badges@springfield.example", "image": {"id": "https://plbadges.example/issuers/1/image.png", "type": "Image", "caption": "Seal"}},
          "validFrom": "2026-11-01T12:00:00Z",
          "validUntil": "2031-11-01T12:00:00Z",
          "credentialSubject": {
            "id": "urn:uuid:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
            "type": ["AchievementSubject"],
            "identifier": [{"type": "IdentityObject", "identityHash": "sha256$abc", "identityType": "emailAddress", "hashed": true, "salt": "pepper"}],
            "creditsEarned": 6,
            "activityEndDate": "2026-10-30T00:00:00Z",
            "result": [{"type": ["Result"], "resultDescription": "urn:uuid:1", "value": "Met", "status": "Completed"}],
            "achievement": {
              "id": "https://plbadges.example/achievements/ef-1",
              "type": ["Achievement"],
              "achievementType": "MicroCredential",
              "name": "Planning",
              "description": "Plans lessons with executive-functioning supports.",
              "criteria": {"narrative": "Submit a lesson plan and a reflection."},
              "creditsAvailable": 6.5,
              "fieldOfStudy": "Education",
              "humanCode": "EF-1",
              "inLanguage": "en-US",
              "version": "1.2",
              "tag": ["executive functioning", "planning"],
              "alignment": [{"type": ["Alignment"], "targetName": "UDL 6.2", "targetUrl": "https://udlguidelines.cast.org/", "targetType": "CFItem", "targetCode": "6.2"}],
              "resultDescription": [{"id": "urn:uuid:1", "type": ["ResultDescription"], "name": "Overall", "resultType": "RubricCriterionLevel", "allowedValue": ["Met", "Not yet"]}],
              "image": {"id": "https://plbadges.example/images/ef-1.png", "type": "Image"},
              "endorsement": [{
                "@context": ["$VC2", "$OB3"],
                "id": "urn:uuid:22222222-2222-4222-8222-222222222222",
                "type": ["VerifiableCredential", "EndorsementCredential"],
                "name": "State endorsement",
                "issuer": {"id": "https://state.example/issuers/9", "type": ["Profile"], "name": "State Department of Education"},
                "validFrom": "2026-01-01T00:00:00Z",
                "credentialSubject": {"id": "https://plbadges.example/achievements/ef-1", "type": ["EndorsementSubject"], "endorsementComment": "Counts for renewal."}
              }]
            }
          },
          "evidence": [{"id": "https://plbadges.example/evidence/9", "type": ["Evidence"], "name": "Lesson plan", "narrative": "A unit plan."}],
          "credentialSchema": [{"id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json", "type": "1EdTechJsonSchemaValidator2019"}],
          "credentialStatus": {"id": "https://plbadges.example/status/1#94567", "type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": "94567", "statusListCredential": "https://plbadges.example/status/1"},
          "proof": [{"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "created": "2026-11-01T12:00:00Z", "verificationMethod": "did:web:plbadges.example:issuers:1#key-1", "proofPurpose": "assertionMethod", "proofValue": "z3FXQ"}]
        }
        """);

        yield return ("Bitstring status list credential (VC 2.0, multibase typed literal)", """
        {"@context": ["$VC2"], "id": "https://plbadges.example/status/1", "type": ["VerifiableCredential", "BitstringStatusListCredential"],
         "issuer": "did:web:plbadges.example:issuers:1", "validFrom": "2026-11-01T00:00:00Z",
         "credentialSubject": {"id": "https://plbadges.example/status/1#list", "type": "BitstringStatusList", "statusPurpose": "revocation", "encodedList": "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"}}
        """);

        yield return ("VC 1.1 credential with an Ed25519Signature2020 proof", """
        {"@context": ["$VC1", "https://w3id.org/security/suites/ed25519-2020/v1", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json"],
         "id": "urn:uuid:33333333-3333-4333-8333-333333333333", "type": ["VerifiableCredential", "OpenBadgeCredential"],
         "issuer": {"id": "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi", "type": "Profile", "name": "Wallet Test"},
         "issuanceDate": "2024-01-01T00:00:00Z",
         "credentialSubject": {"id": "did:key:z6Mkholder", "type": "AchievementSubject", "achievement": {"id": "urn:uuid:4", "type": "Achievement", "name": "A", "description": "B", "criteria": {"narrative": "C"}}},
         "proof": {"type": "Ed25519Signature2020", "created": "2024-01-01T00:00:00Z", "verificationMethod": "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi", "proofPurpose": "assertionMethod", "proofValue": "z58"}}
        """);

        yield return ("OB context.json (3.0) and 3.0.1, with VC 1.1 as they were written for (a top-level array of documents)", """
        [{"@context": ["$VC1", "https://purl.imsglobal.org/spec/ob/v3p0/context.json"], "id": "urn:uuid:5", "type": ["VerifiableCredential", "OpenBadgeCredential"], "issuer": {"id": "https://i.example/", "type": "Profile"}, "issuanceDate": "2024-01-01T00:00:00Z", "credentialSubject": {"type": "AchievementSubject", "achievement": {"id": "urn:uuid:6", "type": "Achievement", "name": "N", "criteria": {"narrative": "x"}, "description": "d"}}},
         {"@context": ["$VC1", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json"], "id": "urn:uuid:7", "type": ["VerifiableCredential", "OpenBadgeCredential"], "issuer": {"id": "https://i.example/", "type": "Profile"}, "issuanceDate": "2024-01-01T00:00:00Z", "credentialSubject": {"type": "AchievementSubject", "achievement": {"id": "urn:uuid:8", "type": "Achievement", "name": "N", "criteria": {"narrative": "x"}, "description": "d"}}}]
        """);

        yield return ("DID document with Multikey verification methods", """
        {"@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
         "id": "did:web:plbadges.example:issuers:1",
         "verificationMethod": [{"id": "did:web:plbadges.example:issuers:1#key-1", "type": "Multikey", "controller": "did:web:plbadges.example:issuers:1", "publicKeyMultibase": "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"}],
         "assertionMethod": ["did:web:plbadges.example:issuers:1#key-1"], "authentication": [{"id": "did:web:plbadges.example:issuers:1#key-2", "type": "Multikey", "controller": "did:web:plbadges.example:issuers:1", "publicKeyMultibase": "z6Mkother"}]}
        """);

        yield return ("data integrity v1 and v2 proofs on their own", """
        [{"@context": ["https://w3id.org/security/data-integrity/v2"], "type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "created": "2026-01-01T00:00:00Z", "verificationMethod": "did:key:z6Mk#z6Mk", "proofPurpose": "assertionMethod", "challenge": "abc", "domain": "https://verifier.example", "nonce": "n", "previousProof": "urn:uuid:1", "expires": "2027-01-01T00:00:00Z"},
         {"@context": ["https://w3id.org/security/data-integrity/v1"], "type": "DataIntegrityProof", "cryptosuite": "eddsa-2022", "created": "2026-01-01T00:00:00Z", "verificationMethod": "did:key:z6Mk#z6Mk", "proofPurpose": "authentication"}]
        """);

        yield return ("refused: VC 2.0 with the data integrity v1 context beside it (protected term redefinition in both)", """
        {"@context": ["$VC2", "https://w3id.org/security/data-integrity/v1"], "type": "VerifiableCredential", "issuer": "https://i.example/", "credentialSubject": {"id": "urn:x:1"}}
        """);

        yield return ("verifiable presentation with an embedded credential (graph container, context nullified)", """
        {"@context": ["$VC2"], "type": ["VerifiablePresentation"], "holder": "did:key:z6Mkholder",
         "verifiableCredential": [{"@context": ["$VC2", "$OB3"], "id": "urn:uuid:9", "type": ["VerifiableCredential", "OpenBadgeCredential"], "issuer": {"id": "https://i.example/", "type": "Profile", "name": "I"}, "validFrom": "2024-01-01T00:00:00Z", "credentialSubject": {"type": "AchievementSubject", "achievement": {"id": "urn:uuid:10", "type": "Achievement", "name": "N", "criteria": {"narrative": "x"}, "description": "d"}}}],
         "proof": {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "challenge": "c", "domain": "d", "proofPurpose": "authentication", "verificationMethod": "did:key:z6Mkholder#z6Mkholder", "created": "2026-01-01T00:00:00Z"}}
        """);

        yield return ("@vocab, @base with relative identifiers, compact IRIs, @id and @vocab coercion", """
        {"@context": {"@vocab": "http://example.org/vocab#", "@base": "https://example.org/base/doc", "ex": "http://example.org/ns/", "link": {"@id": "ex:link", "@type": "@id"}, "kind": {"@id": "ex:kind", "@type": "@vocab"}, "Thing": "ex:Thing"},
         "@id": "../items/1?q=2#frag", "@type": ["Thing", "ex:Other", "Local"], "link": ["./a", "b", "//other.example/c", "ex:d", "_:shared"], "kind": ["Thing", "Unknown"], "ex:plain": "value", "undefinedHere": 1,
         "ex:nested": {"@id": "_:shared", "name": "blank node shared by label"}}
        """);

        yield return ("@list, @set, lists of lists, empty list, @index maps, @id maps, @type maps, @language maps, @graph containers", """
        {"@context": {"@vocab": "http://example.org/v#", "list": {"@container": "@list"}, "set": {"@container": "@set"},
           "byIndex": {"@container": "@index"}, "byId": {"@container": "@id"}, "byType": {"@container": "@type"},
           "byLanguage": {"@container": "@language"}, "graphs": {"@container": "@graph"}, "graphsById": {"@container": ["@graph", "@id"]},
           "propertyIndexed": {"@id": "http://example.org/v#pi", "@container": "@index", "@index": "http://example.org/v#label"}},
         "@id": "http://example.org/s",
         "list": [1, "two", {"@id": "http://example.org/three"}, [4, [5]], []],
         "empty": {"@list": []},
         "set": ["a", "a", "b"],
         "byIndex": {"first": {"@id": "http://example.org/i1"}, "second": ["x", "y"]},
         "byId": {"http://example.org/id1": {"name": "one"}, "_:b7": {"name": "blank"}},
         "byType": {"http://example.org/T1": {"@id": "http://example.org/t1"}, "@none": {"@id": "http://example.org/t2"}},
         "byLanguage": {"EN": "Hello", "fr-CA": ["Bonjour", "Allô"], "@none": "neutral"},
         "graphs": {"@id": "http://example.org/inner", "name": "inside a graph"},
         "graphsById": {"http://example.org/g1": {"@id": "http://example.org/n1", "name": "in g1"}},
         "propertyIndexed": {"label-a": {"@id": "http://example.org/p1"}, "@none": {"@id": "http://example.org/p2"}}}
        """);

        yield return ("@json literals (objects, arrays, numbers, escapes), @nest, @reverse, @included, language-tagged and typed values", """
        {"@context": {"@vocab": "http://example.org/v#", "data": {"@type": "@json"}, "meta": "@nest", "inner": {"@id": "http://example.org/v#inner", "@nest": "meta"},
           "parentOf": {"@reverse": "http://example.org/v#childOf"}, "label": {"@language": "en-GB"}, "typed": {"@type": "http://example.org/dt"}},
         "@id": "http://example.org/s",
         "data": {"z": [1, 1.5, 1e21, 1e-7, -0, 12345678901234567890, true, null, "é\u0007\"\\\u2028"], "a": {"b": "c"}, "é": 0.1, "😀": 2, "e\u0301": 3},
         "data2": {"@value": [3, 2, 1], "@type": "@json"},
         "meta": {"inner": "nested value"},
         "parentOf": [{"@id": "http://example.org/child", "name": "c"}],
         "@reverse": {"http://example.org/v#knows": {"@id": "http://example.org/friend"}},
         "@included": [{"@id": "http://example.org/other", "name": "included"}],
         "label": "colour", "typed": "x", "explicit": {"@value": "y", "@language": "DE-at"}, "boolean": [true, false], "double": {"@value": "3.14", "@type": "http://www.w3.org/2001/XMLSchema#double"},
         "badDouble": {"@value": "not a number", "@type": "http://www.w3.org/2001/XMLSchema#double"}, "bigString": {"@value": "1e400", "@type": "http://www.w3.org/2001/XMLSchema#double"}}
        """);

        yield return ("property-scoped and type-scoped contexts, @propagate, protected terms overridden by a property-scoped context", """
        {"@context": {"@vocab": "http://example.org/v#", "name": {"@id": "http://schema.org/name", "@protected": true},
           "Person": {"@id": "http://example.org/Person", "@context": {"nick": "http://example.org/nick", "label": "http://xmlns.com/foaf/0.1/name"}},
           "Deep": {"@id": "http://example.org/Deep", "@context": {"@propagate": true, "deepTerm": "http://example.org/deepTerm"}},
           "free": {"@id": "http://example.org/free", "@context": {"name": "http://example.org/freeName"}},
           "reset": {"@id": "http://example.org/reset", "@context": null}},
         "@id": "http://example.org/s",
         "name": "top",
         "knows": {"@type": "Person", "label": "typed", "nick": "n", "friend": {"label": "not typed: the type-scoped context does not reach here, @vocab does"}},
         "deep": {"@type": "Deep", "child": {"deepTerm": "propagated"}},
         "free": {"name": "redefined by a property-scoped context"}}
        """);

        yield return ("refused: a protected term redefined outside a property-scoped context", """
        {"@context": [{"@protected": true, "name": "http://schema.org/name"}, {"name": "http://example.org/other"}], "@id": "http://example.org/s", "name": "x"}
        """);

        yield return ("top-level @graph with several nodes, named graphs, blank node graph names", """
        {"@context": {"@vocab": "http://example.org/v#"}, "@graph": [
          {"@id": "http://example.org/a", "p": {"@id": "http://example.org/b"}},
          {"@id": "http://example.org/g", "@graph": [{"@id": "http://example.org/c", "p": "in named graph"}, {"p": "blank subject in named graph"}]},
          {"@graph": {"@id": "http://example.org/d", "p": "in a blank graph"}, "label": "the graph's own statement"}]}
        """);

        foreach (var (feature, json) in SafeModeCases())
        {
            yield return (feature, json);
        }
    }

    /// <summary>The documents name the common contexts as $VC2, $VC1 and $OB3.</summary>
    private static string WithContextUrls(string json) =>
        json.Replace("$VC2", Vc2, StringComparison.Ordinal).Replace("$VC1", Vc1, StringComparison.Ordinal).Replace("$OB3", Ob3, StringComparison.Ordinal);

    /// <summary>What must be refused (by jsonld.js and this library alike).</summary>
    public static IEnumerable<(string, string)> SafeModeCases()
    {
        yield return ("refused in safe mode: a term no context defines", """{"@context": ["$VC2", "$OB3"], "type": ["VerifiableCredential", "OpenBadgeCredential"], "issuer": "https://i.example/", "credentialSubject": {"type": "AchievementSubject", "achievement": {"id": "urn:x:1", "type": "Achievement", "endorsementJwt": ["eyJ..."]}}}""");
        yield return ("refused in safe mode: a relative identifier", """{"@context": ["$VC2"], "id": "credentials/1", "type": "VerifiableCredential", "issuer": "https://i.example/", "credentialSubject": {"id": "urn:x:1"}}""");
        yield return ("refused in safe mode: a relative IRI through @id coercion", """{"@context": ["$VC2"], "type": "VerifiableCredential", "issuer": "issuers/1", "credentialSubject": {"id": "urn:x:1"}}""");
        yield return ("refused in safe mode: an undefined type", """{"@context": ["$VC2"], "type": ["VerifiableCredential", "MadeUpCredential"], "issuer": "https://i.example/", "credentialSubject": {"id": "urn:x:1"}}""");
        yield return ("refused in safe mode: a node with only an identifier at the top", """{"@context": {"@vocab": "http://example.org/"}, "@id": "http://example.org/only"}""");
        yield return ("refused in safe mode: an empty proof in a graph container", """{"@context": ["$VC2"], "id": "urn:x:2", "type": "VerifiableCredential", "issuer": "https://i.example/", "credentialSubject": {"id": "urn:x:1"}, "proof": {}}""");
        yield return ("refused in safe mode: an empty object at the top", """{"@context": {"@vocab": "http://example.org/"}}""");
        yield return ("refused in safe mode: a free-floating value in @graph", """{"@context": {"@vocab": "http://example.org/"}, "@graph": ["loose", {"@id": "http://example.org/a", "p": 1}]}""");
        yield return ("refused in safe mode: a null @value", """{"@context": {"@vocab": "http://example.org/"}, "@id": "http://example.org/a", "p": {"@value": null}}""");
        yield return ("refused in safe mode: a malformed language tag", """{"@context": {"@vocab": "http://example.org/"}, "@id": "http://example.org/a", "p": {"@value": "x", "@language": "not a tag"}}""");
        yield return ("refused in safe mode: a term in the form of a keyword", """{"@context": {"@vocab": "http://example.org/", "@custom": "http://example.org/custom"}, "@id": "http://example.org/a", "p": 1}""");
        yield return ("refused in safe mode: a relative @vocab", """{"@context": {"@vocab": "relative/"}, "@id": "http://example.org/a", "p": 1}""");
        yield return ("refused in safe mode: @direction", """{"@context": {"@vocab": "http://example.org/"}, "@id": "http://example.org/a", "p": {"@value": "x", "@direction": "rtl"}}""");
        yield return ("refused in safe mode: a term mapped to null", """{"@context": {"@vocab": "http://example.org/", "dropped": null}, "@id": "http://example.org/a", "dropped": 1, "p": 2}""");
        yield return ("refused in safe mode: a blank node property", """{"@context": {"p": "_:property"}, "@id": "http://example.org/a", "p": 1}""");
        yield return ("refused: \"@protected\": false, which jsonld.js 9 cannot process", """{"@context": {"@protected": false, "@vocab": "http://example.org/"}, "@id": "http://example.org/a", "p": 1}""");
        yield return ("refused: a context that is not shipped", """{"@context": "https://example.com/unknown-context.jsonld", "@id": "http://example.org/a"}""");
    }

    /// <summary>Many numbers, untyped (xsd:integer or xsd:double by value), typed xsd:float as OB types creditsAvailable, and in @json.</summary>
    public static JsonObject Numbers(int seed, int count)
    {
        var random = new Random(seed);
        var values = new List<double>
        {
            0, -0.0, 1, -1, 6, 6.5, 0.1, 0.2, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 100, 1e15, 1e16, 1e17, 123456789012345680000.0, 1e20, 1e21, 1e22,
            9007199254740991, 9007199254740993, 1e-6, 1e-7, 1.5e-7, -1e-7, 5e-324, double.MaxValue, double.Epsilon, 1.7976931348623157e308,
            0.000001, 0.0000015, 4.35, 0.5, 2.5, 1e300, 1.0000000000000002, 999999999999999.9, 9.999999999999999e22,
        };
        for (var i = 0; i < count; i++)
        {
            var bits = (long)(random.NextDouble() * long.MaxValue) ^ ((long)random.Next() << 32);
            var value = BitConverter.Int64BitsToDouble(bits);
            if (double.IsFinite(value))
            {
                values.Add(value);
            }
            values.Add(Math.Round(random.NextDouble() * Math.Pow(10, random.Next(-8, 25)), random.Next(0, 6)));
        }
        JsonArray Numbers() => new(values.Select(value => (JsonNode?)JsonValue.Create(value)).ToArray());
        return new JsonObject
        {
            ["@context"] = new JsonObject
            {
                ["n"] = "http://example.org/n",
                ["f"] = new JsonObject { ["@id"] = "http://example.org/f", ["@type"] = "http://www.w3.org/2001/XMLSchema#float" },
                ["d"] = new JsonObject { ["@id"] = "http://example.org/d", ["@type"] = "http://www.w3.org/2001/XMLSchema#double" },
                ["j"] = new JsonObject { ["@id"] = "http://example.org/j", ["@type"] = "@json" },
            },
            ["@id"] = "http://example.org/numbers",
            ["n"] = Numbers(),
            ["f"] = Numbers(),
            ["d"] = Numbers(),
            ["j"] = new JsonObject(values.Select((value, i) => KeyValuePair.Create(i.ToString(CultureInfo.InvariantCulture), (JsonNode?)JsonValue.Create(value)))),
        };
    }
}
