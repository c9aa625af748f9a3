using System.Text.Json.Nodes;
using PLBadges.LinkedData.JsonLd;

namespace PLBadges.LinkedData.Tests;

/// <summary>Safe mode: what expansion would drop or leave relative is refused, naming the term or value.</summary>
public sealed class SafeModeTests
{
    private static JsonObject Credential(string json) => (JsonObject)JsonNode.Parse(json.Replace("$CONTEXT", $"\"{ShippedContexts.CredentialsV2}\", \"{ShippedContexts.OpenBadgesV3}\"", StringComparison.Ordinal))!;

    [Fact]
    public void An_undefined_term_is_refused_by_name()
    {
        // endorsementJwt is what credentials carried before issue 23; OB 3.0.3 does not define it.
        var document = Credential("""
            {"@context": [$CONTEXT], "type": ["VerifiableCredential", "OpenBadgeCredential"], "issuer": {"id": "https://issuer.example/", "type": "Profile"},
             "credentialSubject": {"type": "AchievementSubject", "achievement": {"id": "urn:uuid:1", "type": "Achievement", "endorsementJwt": ["eyJhbGciOi"]}}}
            """);

        var error = Assert.Throws<JsonLdSafeModeException>(() => Canonicalizer.Default.Canonicalize(document));

        Assert.Equal("invalid property", error.SafeModeEvent);
        Assert.Equal("endorsementJwt", error.Subject);
        Assert.Contains("\"endorsementJwt\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_credential_without_the_undefined_term_is_accepted()
    {
        var document = Credential("""
            {"@context": [$CONTEXT], "type": ["VerifiableCredential", "OpenBadgeCredential"], "issuer": {"id": "https://issuer.example/", "type": "Profile"},
             "credentialSubject": {"type": "AchievementSubject", "achievement": {"id": "urn:uuid:1", "type": "Achievement"}}}
            """);

        Assert.Contains("<urn:uuid:1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement> .", Canonicalizer.Default.Canonicalize(document), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"@context": [$CONTEXT], "id": "credentials/1", "type": "VerifiableCredential", "issuer": "https://issuer.example/", "credentialSubject": {"id": "urn:x:1"}}""", "credentials/1", "relative @id reference")]
    [InlineData("""{"@context": [$CONTEXT], "type": "VerifiableCredential", "issuer": "issuers/1", "credentialSubject": {"id": "urn:x:1"}}""", "issuers/1", "relative object reference")]
    [InlineData("""{"@context": [$CONTEXT], "type": ["VerifiableCredential", "Unheard"], "issuer": "https://issuer.example/", "credentialSubject": {"id": "urn:x:1"}}""", "Unheard", "relative @type reference")]
    public void A_relative_iri_where_an_absolute_one_is_needed_is_refused_by_name(string json, string subject, string safeModeEvent)
    {
        var error = Assert.Throws<JsonLdSafeModeException>(() => Canonicalizer.Default.Canonicalize(Credential(json)));

        Assert.Equal(subject, error.Subject);
        Assert.Equal(safeModeEvent, error.SafeModeEvent);
        Assert.Contains(subject, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_base_iri_given_by_the_caller_resolves_relative_identifiers()
    {
        var document = Credential("""{"@context": [$CONTEXT], "id": "credentials/1", "type": "VerifiableCredential", "issuer": "https://issuer.example/", "credentialSubject": {"id": "urn:x:1"}}""");

        var quads = JsonLdProcessor.Default.ToRdf(document, new JsonLdOptions { Base = "https://plbadges.example/api/" });

        Assert.Contains(quads, quad => quad.Subject.Value == "https://plbadges.example/api/credentials/1");
    }

    [Fact]
    public void A_context_that_is_not_shipped_is_refused_with_its_url()
    {
        var document = (JsonObject)JsonNode.Parse("""{"@context": ["https://www.w3.org/ns/credentials/v2", "https://evil.example/context.jsonld"], "type": "VerifiableCredential"}""")!;

        var error = Assert.Throws<JsonLdException>(() => Canonicalizer.Default.Canonicalize(document));

        Assert.Equal("loading remote context failed", error.Code);
        Assert.Contains("https://evil.example/context.jsonld", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_shipped_context_loads_and_processes()
    {
        foreach (var url in ShippedContexts.Urls)
        {
            var document = new JsonObject { ["@context"] = url, ["@id"] = "urn:x:1", ["@type"] = "https://example.org/T" };
            Assert.Single(JsonLdProcessor.Default.ToRdf(document));
        }
        Assert.Equal(13, ShippedContexts.Urls.Count);
    }

    [Fact]
    public void Another_loader_can_add_documents_before_the_shipped_ones()
    {
        var extra = new InMemoryDocumentLoader(
            [KeyValuePair.Create("https://example.org/extra", JsonNode.Parse("""{"@context": {"extra": "https://example.org/extra#term"}}""")!)],
            ShippedContexts.Loader);
        var processor = new JsonLdProcessor(extra);
        var document = (JsonObject)JsonNode.Parse("""{"@context": ["https://www.w3.org/ns/did/v1", "https://example.org/extra"], "id": "did:example:1", "extra": "x"}""")!;

        var quads = processor.ToRdf(document);

        Assert.Contains(quads, quad => quad.Predicate.Value == "https://example.org/extra#term");
        Assert.Throws<JsonLdException>(() => processor.ToRdf(new JsonObject { ["@context"] = "https://example.org/missing", ["@id"] = "urn:x:1" }));
    }
}
