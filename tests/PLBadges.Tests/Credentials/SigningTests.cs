using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PLBadges.Credentials.Signing;

namespace PLBadges.Tests.Credentials;

public sealed class SigningTests
{
    private static (string Token, JsonObject Jwk) SignWithNewKey(SigningAlgorithm algorithm, JsonObject payload)
    {
        using var key = Jws.NewKey(algorithm);
        var jwk = Jws.PublicJwk(algorithm, key, "https://issuer.test/issuers/1/keys/k1");
        var token = Jws.Sign(new JsonObject { ["alg"] = algorithm.ToString(), ["kid"] = (string)jwk["kid"]!, ["typ"] = "JWT" }, payload, data => Jws.SignWith(algorithm, key, data));
        return (token, jwk);
    }

    [Theory]
    [InlineData(SigningAlgorithm.RS256)]
    [InlineData(SigningAlgorithm.ES256)]
    public async Task A_token_verifies_here_and_with_Microsoft_IdentityModel_and_a_changed_byte_does_not(SigningAlgorithm algorithm)
    {
        var payload = new JsonObject { ["iss"] = "https://issuer.test/issuers/1", ["jti"] = "urn:x", ["nbf"] = 1_700_000_000, ["name"] = "A badge" };
        var (token, jwk) = SignWithNewKey(algorithm, payload);

        var parts = Jws.Parse(token);
        Assert.True(Jws.Verify(algorithm.ToString(), jwk, parts.SigningInput, parts.Signature));
        Assert.Null(jwk["d"]); // the public JWK never carries the private part

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "https://issuer.test/issuers/1",
            ValidateAudience = false,
            RequireExpirationTime = false,
            IssuerSigningKey = new JsonWebKey(jwk.ToJsonString()),
        });
        Assert.True(result.IsValid, result.Exception?.Message);

        var segments = token.Split('.');
        var changed = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(segments[1]))!.AsObject();
        changed["name"] = "Another badge";
        var tampered = Jws.Parse($"{segments[0]}.{System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(changed.ToJsonString()))}.{segments[2]}");
        Assert.False(Jws.Verify(algorithm.ToString(), jwk, tampered.SigningInput, tampered.Signature));
    }

    [Fact]
    public void A_key_of_another_type_or_algorithm_never_verifies()
    {
        var (token, rsaJwk) = SignWithNewKey(SigningAlgorithm.RS256, new JsonObject { ["x"] = 1 });
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ecJwk = Jws.PublicJwk(SigningAlgorithm.ES256, ec, "k");
        var parts = Jws.Parse(token);
        Assert.False(Jws.Verify("RS256", ecJwk, parts.SigningInput, parts.Signature));
        Assert.False(Jws.Verify("ES256", rsaJwk, parts.SigningInput, parts.Signature));
        Assert.False(Jws.Verify("HS256", rsaJwk, parts.SigningInput, parts.Signature));
        Assert.False(Jws.Verify("none", rsaJwk, parts.SigningInput, []));
    }

    [Theory]
    [InlineData("only.two", "three parts")]
    [InlineData("a.b.c.d.e", "encrypted")]
    [InlineData("e30.!!.abc", "base64url")]
    [InlineData("bm90IGpzb24.e30.abc", "not valid JSON")]
    [InlineData("W10.e30.abc", "not a JSON object")]
    public void Malformed_tokens_are_refused_with_a_reason(string token, string reason)
    {
        var problem = Assert.Throws<FormatException>(() => Jws.Parse(token));
        Assert.Contains(reason, problem.Message);
    }

    [Fact]
    public void A_private_key_survives_export_and_import()
    {
        using var key = Jws.NewKey(SigningAlgorithm.ES256);
        using var again = Jws.ImportPrivate(SigningAlgorithm.ES256, key.ExportPkcs8PrivateKey());
        var data = "hello"u8.ToArray();
        var signature = Jws.SignWith(SigningAlgorithm.ES256, again, data);
        Assert.True(Jws.Verify("ES256", Jws.PublicJwk(SigningAlgorithm.ES256, key, "k"), data, signature));
    }
}
