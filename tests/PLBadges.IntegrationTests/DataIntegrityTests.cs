using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using PLBadges.Credentials.Baking;
using PLBadges.Credentials.Issuing;
using PLBadges.Credentials.Signing;
using PLBadges.Credentials.Verifying;
using PLBadges.Data;

namespace PLBadges.IntegrationTests;

/// <summary>
/// Data Integrity proofs (eddsa-rdfc-2022) on what the site signs, checked by our verifier and by two that are not
/// ours (Digital Bazaar's, and the Digital Credentials Consortium's verifier-core, under Node: NodeVerifiers).
/// </summary>
public abstract class DataIntegrityTests(CredentialSiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    private const string Origin = CredentialSiteFixture.Origin;

    private async Task<JsonObject> JsonOfAsync(string id) => JsonNode.Parse(await Site.CreateClient().GetStringAsync($"/credentials/{id}.json"))!.AsObject();

    private async Task<JsonElement> VerifyAsync(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var response = await Site.CreateClient().PostAsync("/api/v1/verify", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private Task<JsonElement> VerifyAsync(JsonObject credential) => VerifyAsync(Encoding.UTF8.GetBytes(credential.ToJsonString()), "application/vc+ld+json");

    private static JsonElement Check(JsonElement result, string name) =>
        result.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private async Task<string> NewTeacherAsync()
    {
        var email = $"d{Guid.NewGuid():N}"[..12] + "@demo.plbadges.test";
        await Site.AddPersonAsync(email);
        return email;
    }

    /// <summary>A credential for a micro-credential the demo state endorses, so it embeds an endorsement.</summary>
    private async Task<string> EndorsedCredentialAsync(string? email = null)
    {
        await Site.RunOutboxAsync(); // the demo's endorsements are signed after its recipe
        return await Site.IssueAsync(email ?? await NewTeacherAsync(), "udl-representation");
    }

    [Fact]
    public async Task A_credential_its_endorsement_and_its_status_list_verify_in_digital_bazaar_and_in_verifier_core()
    {
        var id = await EndorsedCredentialAsync();
        var credential = await JsonOfAsync(id);
        var district = await Site.OrganizationIdAsync("demo-district");
        var state = await Site.OrganizationIdAsync("demo-state");

        // What the issue asks of the document itself.
        Assert.Equal([CredentialDocument.VcContext, CredentialDocument.ObContext, CredentialDocument.ExtensionsContext], credential["@context"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(IssuerDid.For(Origin, district), (string?)credential["issuer"]!["id"]);
        Assert.Equal($"did:web:badges.demo-district.test:issuers:{district}", (string?)credential["issuer"]!["id"]);
        var proof = Assert.Single(credential["proof"]!.AsArray())!;
        Assert.Equal("DataIntegrityProof", (string?)proof["type"]);
        Assert.Equal("eddsa-rdfc-2022", (string?)proof["cryptosuite"]);
        Assert.StartsWith(IssuerDid.For(Origin, district) + "#", (string?)proof["verificationMethod"]);
        Assert.Equal("1EdTechJsonSchemaValidator2019", (string?)credential["credentialSchema"]![0]!["type"]);
        var subject = (string?)credential["credentialSubject"]!["id"];
        Assert.Matches("^urn:uuid:[0-9a-f-]{36}$", subject);
        Assert.StartsWith("sha256$", (string?)credential["credentialSubject"]!["identifier"]![0]!["identityHash"]);
        var endorsement = credential["credentialSubject"]!["achievement"]!["endorsement"]![0]!.AsObject();
        Assert.Equal(IssuerDid.For(Origin, state), (string?)endorsement["issuer"]!["id"]);
        Assert.NotNull(endorsement["proof"]);
        Assert.Empty(await Site.InScopeAsync(s => Task.FromResult(s.GetRequiredService<CredentialSchema>().Validate(credential))));

        // The VC-JWT's payload is the document with its proof; iss is the DID, sub the subject, kid the https JWK URL.
        var jwt = new JsonWebToken(await Site.CreateClient().GetStringAsync($"/credentials/{id}.jwt"));
        Assert.Equal(IssuerDid.For(Origin, district), jwt.Issuer);
        Assert.Equal(subject, jwt.Subject);
        Assert.StartsWith($"{Origin}/issuers/{district}/keys/", jwt.Kid);
        Assert.Equal(proof.ToJsonString(), JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(jwt.EncodedPayload))!["proof"]![0]!.ToJsonString());

        // Ours, by JSON.
        var ours = await VerifyAsync(credential);
        Assert.True(ours.GetProperty("valid").GetBoolean(), ours.ToString());
        Assert.Contains("eddsa-rdfc-2022", Check(ours, "signature").GetProperty("message").GetString());

        // Theirs: the credential, the endorsement on its own, and the status list credentials.
        var statusList = await StatusListAsync((string)credential["credentialStatus"]!["statusListCredential"]!);
        var stateList = await StatusListAsync((string)endorsement["credentialStatus"]!["statusListCredential"]!);
        Assert.Equal(IssuerDid.For(Origin, district), (string?)statusList["issuer"]);
        Assert.Equal("BitstringStatusList", (string?)statusList["credentialSubject"]!["type"]);
        var verdicts = await NodeVerifiers.VerifyAsync(Site, credential, endorsement, statusList, stateList);
        foreach (var verdict in verdicts)
        {
            Assert.True(verdict.DigitalBazaarVerified, verdict.ToString());
            Assert.True(verdict.CoreSignature, verdict.ToString());
        }

        Assert.True(verdicts[0].CoreRevocation, verdicts[0].ToString());
        Assert.True(verdicts[1].CoreRevocation, verdicts[1].ToString());
        Assert.True(verdicts[0].CoreSchemaValid, verdicts[0].ToString());
        Assert.True(verdicts[1].CoreSchemaValid, verdicts[1].ToString());
    }

    private async Task<JsonObject> StatusListAsync(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url).PathAndQuery);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return JsonNode.Parse(await (await Site.CreateClient().SendAsync(request)).Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task Tampering_is_refused_by_ours_and_by_theirs()
    {
        var credential = await JsonOfAsync(await Site.IssueAsync(await NewTeacherAsync(), "ef-task-analysis"));
        var state = await Site.OrganizationIdAsync("demo-state");

        var changed = (JsonObject)credential.DeepClone();
        changed["name"] = "Something else entirely";

        // The district's signature, but the proof names the state's key.
        var stateKey = await Site.InScopeAsync(s => s.GetRequiredService<IssuerKeys>().CurrentProofKeyAsync(state, CancellationToken.None));
        var swapped = (JsonObject)credential.DeepClone();
        swapped["proof"]![0]!["verificationMethod"] = stateKey.VerificationMethod;

        // A proof that holds, made with another issuer's key (the state's) over the district's credential.
        var otherIssuers = (JsonObject)credential.DeepClone();
        otherIssuers.Remove("proof");
        DataIntegrity.Sign(otherIssuers, stateKey, DateTime.UtcNow);

        var created = (JsonObject)credential.DeepClone();
        created["proof"]![0]!["created"] = "2020-01-01T00:00:00Z";

        var tampered = new[] { changed, swapped, otherIssuers, created };
        foreach (var forged in tampered)
        {
            var ours = await VerifyAsync(forged);
            Assert.False(ours.GetProperty("valid").GetBoolean(), ours.ToString());
        }

        Assert.False(Check(await VerifyAsync(changed), "signature").GetProperty("passed").GetBoolean());
        Assert.False(Check(await VerifyAsync(swapped), "signature").GetProperty("passed").GetBoolean());
        Assert.False(Check(await VerifyAsync(created), "signature").GetProperty("passed").GetBoolean());
        var otherResult = await VerifyAsync(otherIssuers);
        Assert.True(Check(otherResult, "signature").GetProperty("passed").GetBoolean(), otherResult.ToString()); // the state's key did sign it...
        Assert.False(Check(otherResult, "issuer").GetProperty("passed").GetBoolean(), otherResult.ToString()); // ...but it is not the issuer's

        var verdicts = await NodeVerifiers.VerifyAsync(Site, tampered);
        foreach (var verdict in verdicts)
        {
            Assert.False(verdict.DigitalBazaarVerified, verdict.ToString());
            Assert.False(verdict.CoreSignature, verdict.ToString());
        }
    }

    [Fact]
    public async Task A_document_with_a_term_no_context_defines_or_an_unshipped_context_is_refused_with_the_reason()
    {
        var credential = await JsonOfAsync(await Site.IssueAsync(await NewTeacherAsync(), "ef-task-analysis"));
        var undefined = (JsonObject)credential.DeepClone();
        undefined["credentialSubject"]!["achievement"]!["endorsementJwt"] = new JsonArray("eyJhbGciOi");
        var ours = await VerifyAsync(undefined);
        Assert.False(ours.GetProperty("valid").GetBoolean());
        Assert.Contains("endorsementJwt", Check(ours, "signature").GetProperty("message").GetString());

        var remote = (JsonObject)credential.DeepClone();
        remote["@context"]!.AsArray().Add("https://attacker.example/context.json");
        var refused = await VerifyAsync(remote);
        Assert.Contains("https://attacker.example/context.json", Check(refused, "signature").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Baked_png_and_svg_carry_the_json_with_its_proof_and_the_wallets_brace_counting_import_reads_the_png()
    {
        var id = await EndorsedCredentialAsync();
        var json = await JsonOfAsync(id);
        var anonymous = Site.CreateClient();

        var png = await anonymous.GetByteArrayAsync($"/credentials/{id}.png");
        Assert.True(JsonNode.DeepEquals(json, JsonNode.Parse(PngBadge.Unbake(png)!)));
        var result = await VerifyAsync(png, "image/png");
        Assert.True(result.GetProperty("valid").GetBoolean(), result.ToString());
        Assert.Contains("PNG", Check(result, "format").GetProperty("message").GetString());
        var (imported, error) = NodeVerifiers.WalletPngImport(png);
        Assert.True(imported != null, error);
        Assert.True(JsonNode.DeepEquals(json, imported));

        var svg = await anonymous.GetStringAsync($"/credentials/{id}.svg");
        Assert.True(JsonNode.DeepEquals(json, JsonNode.Parse(SvgBadge.Unbake(svg)!)));
        var svgResult = await VerifyAsync(Encoding.UTF8.GetBytes(svg), "image/svg+xml");
        Assert.True(svgResult.GetProperty("valid").GetBoolean(), svgResult.ToString());

        // The demo teacher's own badge, as downloaded.
        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher);
        var demo = (await teacher.GetDocumentAsync("/me/credentials")).QuerySelector(".credential-list a[href$='.png']")!.GetAttribute("href")!;
        var demoPng = await anonymous.GetByteArrayAsync(demo);
        var (demoCredential, demoError) = NodeVerifiers.WalletPngImport(demoPng);
        Assert.True(demoCredential != null, demoError);
        Assert.Equal("eddsa-rdfc-2022", (string?)demoCredential!["proof"]![0]!["cryptosuite"]);
        Assert.True((await NodeVerifiers.VerifyAsync(Site, demoCredential))[0].DigitalBazaarVerified);
    }

    [Fact]
    public void A_brace_inside_a_string_is_escaped_in_the_png_so_the_wallet_still_finds_the_whole_credential()
    {
        var credential = new JsonObject { ["name"] = "Sets {of} braces }{ and \"quotes\" \\", ["n"] = 1 };

        var png = PngBadge.Bake(PngBadge.Draw("#336699"), credential.ToJsonString());

        var (imported, error) = NodeVerifiers.WalletPngImport(png);
        Assert.True(imported != null, error);
        Assert.True(JsonNode.DeepEquals(credential, imported));
        Assert.True(JsonNode.DeepEquals(credential, JsonNode.Parse(PngBadge.Unbake(png)!)));
    }

    [Fact]
    public async Task Rotating_keys_keeps_old_credentials_verifying_here_and_there_and_the_did_document_lists_both()
    {
        var before = await JsonOfAsync(await Site.IssueAsync(await NewTeacherAsync(), "ef-task-analysis"));
        var district = await Site.OrganizationIdAsync("demo-district");
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        await admin.SubmitAsync($"/district/credentials?district={district}", new Dictionary<string, string> { ["district"] = district.ToString() }, handler: "rotate");
        var after = await JsonOfAsync(await Site.IssueAsync(await NewTeacherAsync(), "ef-task-analysis"));

        Assert.NotEqual((string?)before["proof"]![0]!["verificationMethod"], (string?)after["proof"]![0]!["verificationMethod"]);
        var did = JsonNode.Parse(await Site.CreateClient().GetStringAsync($"/issuers/{district}/did.json"))!;
        Assert.Equal(["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"], did["@context"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(IssuerDid.For(Origin, district), (string?)did["id"]);
        foreach (var method in new[] { before, after }.Select(c => (string)c["proof"]![0]!["verificationMethod"]!))
        {
            var entry = did["verificationMethod"]!.AsArray().Single(m => (string?)m!["id"] == method)!;
            Assert.Equal("Multikey", (string?)entry["type"]);
            Assert.Equal(IssuerDid.For(Origin, district), (string?)entry["controller"]);
            Assert.StartsWith("z6Mk", (string?)entry["publicKeyMultibase"]);
            Assert.Contains(method, did["assertionMethod"]!.AsArray().Select(m => (string?)m));
        }

        foreach (var credential in new[] { before, after })
        {
            Assert.True((await VerifyAsync(credential)).GetProperty("valid").GetBoolean());
        }

        var verdicts = await NodeVerifiers.VerifyAsync(Site, before, after);
        Assert.All(verdicts, v => Assert.True(v.DigitalBazaarVerified && v.CoreSignature, v.ToString()));
    }

    [Fact]
    public void The_did_document_stays_under_8_kb_however_many_keys_were_retired_keeping_the_newest()
    {
        var keys = Enumerable.Range(0, 60).Select(i => new VerificationMethodKey($"{i:x16}", Enumerable.Repeat((byte)i, 32).ToArray(), DateTime.UtcNow.AddDays(-i), i == 0 ? null : DateTime.UtcNow.AddDays(-i + 1))).ToList();

        var text = PLBadges.Credentials.Api.CredentialEndpoints.DidDocument("https://a-rather-long-host-name.example-district.k12.state.us:8443", Guid.NewGuid(), keys);

        Assert.True(Encoding.UTF8.GetByteCount(text) <= 8000, $"{Encoding.UTF8.GetByteCount(text)} bytes");
        var document = JsonNode.Parse(text)!;
        var listed = document["verificationMethod"]!.AsArray().Select(m => ((string)m!["id"]!).Split('#')[1]).ToList();
        Assert.Equal(keys.Take(listed.Count).Select(k => k.Id), listed); // the newest, in order
        Assert.True(listed.Count > 10, $"{listed.Count} keys");
        Assert.Contains("%3A8443", (string)document["id"]!);
    }

    [Fact]
    public async Task A_revoked_credential_shows_revoked_in_our_verifier_and_in_verifier_cores_status_check()
    {
        var id = await Site.IssueAsync(await NewTeacherAsync(), "ef-task-analysis");
        var district = await Site.OrganizationIdAsync("demo-district");
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        await admin.SubmitAsync($"/district/credentials?district={district}", new Dictionary<string, string> { ["district"] = district.ToString(), ["credential"] = id, ["reason"] = "Awarded in error" }, handler: "revoke");
        var credential = await JsonOfAsync(id);

        var ours = await VerifyAsync(credential);
        Assert.False(Check(ours, "status").GetProperty("passed").GetBoolean(), ours.ToString());
        Assert.Contains("Awarded in error", Check(ours, "status").GetProperty("message").GetString());
        var verdict = (await NodeVerifiers.VerifyAsync(Site, credential))[0];
        Assert.True(verdict.CoreSignature, verdict.ToString());
        Assert.False(verdict.CoreRevocation, verdict.ToString());
        Assert.Equal(false, (bool?)verdict.DigitalBazaar["status"]);
    }

    [Fact]
    public async Task Credentials_issued_before_proofs_keep_verifying()
    {
        // A credential as they were issued before: no proof, the issuer by its https URL, only the VC-JWT signing it.
        var id = await Site.IssueAsync(await NewTeacherAsync(), "ef-task-analysis");
        var district = await Site.OrganizationIdAsync("demo-district");
        var old = await Site.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PLBadgesDbContext>();
            var credential = await db.Set<IssuedCredential>().SingleAsync(c => c.Id == id);
            var document = JsonNode.Parse(credential.Json)!.AsObject();
            document.Remove("proof");
            document.Remove("credentialSchema");
            document["@context"] = new JsonArray(CredentialDocument.VcContext, CredentialDocument.ObContext);
            document["issuer"]!["id"] = CredentialDocument.IssuerUrl(Origin, district);
            var key = await s.GetRequiredService<IssuerKeys>().CurrentAsync(district, CancellationToken.None);
            credential.Json = document.ToJsonString();
            credential.Jwt = Jws.Sign(new JsonObject { ["alg"] = key.Algorithm.ToString(), ["kid"] = key.Kid, ["typ"] = "JWT" }, CredentialDocument.Claims(document), key.Sign);
            await db.SaveChangesAsync();
            return credential;
        });

        Assert.True((await VerifyAsync(Encoding.ASCII.GetBytes(old.Jwt), "application/jwt")).GetProperty("valid").GetBoolean());
        var json = await VerifyAsync(Encoding.UTF8.GetBytes(old.Json), "application/json");
        Assert.True(json.GetProperty("valid").GetBoolean(), json.ToString());
    }
}

public sealed class DataIntegrityOnSqlite(SqliteCredentialSite fixture) : DataIntegrityTests(fixture), IClassFixture<SqliteCredentialSite>;

public sealed class DataIntegrityOnPostgres(PostgresCredentialSite fixture) : DataIntegrityTests(fixture), IClassFixture<PostgresCredentialSite>;
