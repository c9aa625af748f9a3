using System.Text.Json;
using System.Text.Json.Nodes;
using PLBadges.LinkedData.JsonLd;

namespace PLBadges.LinkedData.Tests;

/// <summary>
/// Numbers become literals as jsonld.js writes them, whatever .NET type holds them: a value typed by the context
/// keeps its datatype (OB types creditsAvailable as xsd:float), an integral value prints as an integer, any other
/// in canonical double form.
/// </summary>
public sealed class NumberTests
{
    // OB 3.0.3 spells the datatype with https.
    private const string Float = "<https://www.w3.org/2001/XMLSchema#float>";

    public static TheoryData<string, string> HoldersOfSix() => new()
    {
        { "int", "6" }, { "long", "6" }, { "double", "6" }, { "decimal", "6" }, { "decimal 6.0", "6" }, { "float", "6" }, { "JsonElement", "6" }, { "JsonElement 6.0", "6" },
        { "double 6.5", "6.5E0" }, { "decimal 6.5", "6.5E0" }, { "decimal 6.50", "6.5E0" }, { "float 6.5", "6.5E0" }, { "JsonElement 6.5", "6.5E0" }, { "JsonElement 65e-1", "6.5E0" },
    };

    private static JsonNode Holder(string kind) => kind switch
    {
        "int" => JsonValue.Create(6),
        "long" => JsonValue.Create(6L),
        "double" => JsonValue.Create(6.0),
        "decimal" => JsonValue.Create(6m),
        "decimal 6.0" => JsonValue.Create(6.0m),
        "float" => JsonValue.Create(6f),
        "JsonElement" => JsonValue.Create(JsonDocument.Parse("6").RootElement)!,
        "JsonElement 6.0" => JsonNode.Parse("6.0")!,
        "double 6.5" => JsonValue.Create(6.5),
        "decimal 6.5" => JsonValue.Create(6.5m),
        "decimal 6.50" => JsonValue.Create(6.50m),
        "float 6.5" => JsonValue.Create(6.5f),
        "JsonElement 6.5" => JsonNode.Parse("6.5")!,
        "JsonElement 65e-1" => JsonNode.Parse("65e-1")!,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(HoldersOfSix))]
    public void Credits_available_is_an_xsd_float_printed_as_jsonld_js_prints_it(string holder, string lexicalForm)
    {
        var document = (JsonObject)JsonNode.Parse($$"""
            {"@context": ["{{ShippedContexts.CredentialsV2}}", "{{ShippedContexts.OpenBadgesV3}}"], "id": "urn:uuid:1", "type": "Achievement"}
            """)!;
        document["creditsAvailable"] = Holder(holder);

        var canonical = Canonicalizer.Default.Canonicalize(document);

        Assert.Contains($"<urn:uuid:1> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#creditsAvailable> \"{lexicalForm}\"^^{Float} .\n", canonical, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("6", "\"6\"^^<http://www.w3.org/2001/XMLSchema#integer>")]
    [InlineData("-6", "\"-6\"^^<http://www.w3.org/2001/XMLSchema#integer>")]
    [InlineData("6.5", "\"6.5E0\"^^<http://www.w3.org/2001/XMLSchema#double>")]
    [InlineData("0.30000000000000004", "\"3.0E-1\"^^<http://www.w3.org/2001/XMLSchema#double>")]
    [InlineData("1e21", "\"1.0E21\"^^<http://www.w3.org/2001/XMLSchema#double>")]
    [InlineData("1e20", "\"100000000000000000000\"^^<http://www.w3.org/2001/XMLSchema#integer>")]
    [InlineData("12345678901234567890", "\"12345678901234567168\"^^<http://www.w3.org/2001/XMLSchema#integer>")]
    [InlineData("-0", "\"0\"^^<http://www.w3.org/2001/XMLSchema#integer>")]
    [InlineData("1.5e-7", "\"1.5E-7\"^^<http://www.w3.org/2001/XMLSchema#double>")]
    [InlineData("1e-7", "\"0\"^^<http://www.w3.org/2001/XMLSchema#integer>")] // jsonld.js: String(1e-7) has no ".", so it is an "integer"
    [InlineData("-1e-7", "\"-0\"^^<http://www.w3.org/2001/XMLSchema#integer>")]
    [InlineData("true", "\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean>")]
    public void An_untyped_number_is_an_integer_or_a_double_by_its_value(string json, string literal)
    {
        var document = (JsonObject)JsonNode.Parse("""{"@context": {"n": "https://example.org/n"}, "@id": "https://example.org/s", "n": VALUE}""".Replace("VALUE", json, StringComparison.Ordinal))!;

        Assert.Equal($"<https://example.org/s> <https://example.org/n> {literal} .\n", Canonicalizer.Default.Canonicalize(document));
    }

    [Theory]
    [InlineData("""{"b": 1e21, "a": [0.000001, 1e-7, 123e-20, -0, 1.5, 100, 1E2], "c": "\u00e9\u0007\"", "\u20ac": null}""",
        """{"a":[0.000001,1e-7,1.23e-18,0,1.5,100,100],"b":1e+21,"c":"é\u0007\"","€":null}""")]
    [InlineData("""[{"z": 1, "Z": 2, "é": 3, "e": 4}]""", """[{"Z":2,"e":4,"z":1,"é":3}]""")]
    public void A_json_literal_is_in_json_canonicalization_scheme_form(string json, string canonical)
    {
        var document = (JsonObject)JsonNode.Parse("""{"@context": {"j": {"@id": "https://example.org/j", "@type": "@json"}}, "@id": "https://example.org/s", "j": VALUE}""".Replace("VALUE", json, StringComparison.Ordinal))!;

        var quad = Assert.Single(JsonLdProcessor.Default.ToRdf(document));

        Assert.Equal(canonical, quad.Object.Value);
        Assert.Equal("http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON", quad.Object.Datatype);
    }

    [Fact]
    public void Two_json_values_that_print_alike_give_the_statement_twice_as_in_jsonld_js()
    {
        // 1e-7 and 0 differ as JSON values, so jsonld.js keeps both, and both print "0".
        var document = (JsonObject)JsonNode.Parse("""{"@context": {"n": "https://example.org/n"}, "@id": "https://example.org/s", "n": [1e-7, 0, 0, -0]}""")!;

        var canonical = Canonicalizer.Default.Canonicalize(document);

        Assert.Equal(string.Concat(Enumerable.Repeat("<https://example.org/s> <https://example.org/n> \"0\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n", 2)), canonical);
    }
}
