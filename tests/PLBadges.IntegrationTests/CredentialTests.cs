using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PLBadges.Abstractions.Events;
using PLBadges.Credentials.Baking;
using PLBadges.Credentials.Issuing;
using PLBadges.Credentials.Signing;
using PLBadges.Data;
using PLBadges.Data.Outbox;
using PLBadges.Evidence.Contracts;
using PLBadges.Organizations.Contracts;
using PLBadges.Pathways.Contracts;

namespace PLBadges.IntegrationTests;

/// <summary>A demo site whose verifier takes at most 256 KB, so that "too large" is quick to reach.</summary>
public abstract class CredentialSiteFixture(string provider) : SiteFixture(provider)
{
    public const int MaxVerifyBytes = 256 * 1024;

    protected override Task<IDictionary<string, string?>> SettingsAsync() => Task.FromResult<IDictionary<string, string?>>(new Dictionary<string, string?>
    {
        ["Credentials:MaxVerifyBytes"] = MaxVerifyBytes.ToString(),
        ["Site:PublicBaseUrl"] = Origin,
    });

    /// <summary>The public address credentials are issued under (identifiers, keys, status lists).</summary>
    public const string Origin = "https://badges.demo-district.test";
}

public sealed class SqliteCredentialSite() : CredentialSiteFixture("Sqlite");

public sealed class PostgresCredentialSite() : CredentialSiteFixture("Postgres");

public abstract class CredentialTests(CredentialSiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    private const string Origin = CredentialSiteFixture.Origin;

    /// <summary>A new teacher passes the demo micro-credential; returns their client, the submission and the credential issued for it.</summary>
    private async Task<(HttpClient Teacher, Guid Submission, string Credential)> PassAsync(string school = "lincoln-elementary")
    {
        var email = await NewTeacherEmailAsync(school);
        var teacher = await Site.SignedInClientAsync(email);
        var submission = await Site.PassedSubmissionAsync(teacher);
        return (teacher, submission, await CredentialOfAsync(submission));
    }

    /// <summary>The credential issued for the submission, once the outbox has handed its pass to Credentials.</summary>
    private Task<string> CredentialOfAsync(Guid submission) =>
        Site.RunOutboxUntilAsync(db => db.Set<IssuedCredential>().Where(c => c.SubmissionId == submission).Select(c => c.Id).FirstOrDefaultAsync(), $"the credential of submission {submission}");

    /// <summary>A teacher of their own, so tests sharing the site do not meet each other's credentials.</summary>
    private async Task<string> NewTeacherEmailAsync(string school = "lincoln-elementary")
    {
        var email = $"t{Guid.NewGuid():N}"[..12] + "@demo.plbadges.test";
        await Site.AddPersonAsync(email, "Teacher", school);
        return email;
    }

    private async Task<OrganizationInfo> DemoDistrictAsync() =>
        (await Site.InScopeAsync(s => s.GetRequiredService<IOrganizationDirectory>().FindByCodeAsync("demo-district")))!;

    private async Task<Guid> PersonIdAsync(string email) =>
        (await Site.InScopeAsync(s => s.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PLBadges.Identity.People.Person>>().FindByEmailAsync(email)))!.Id;

    private Task<int> CredentialCountAsync(Guid submission) => Site.InScopeAsync(services =>
        services.GetRequiredService<PLBadgesDbContext>().Set<IssuedCredential>().CountAsync(c => c.SubmissionId == submission));

    private async Task<JsonElement> VerifyAsync(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var response = await Site.CreateClient().PostAsync("/api/v1/verify", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private Task<JsonElement> VerifyAsync(string body, string contentType) => VerifyAsync(Encoding.UTF8.GetBytes(body), contentType);

    private static JsonElement Check(JsonElement result, string name) =>
        result.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static void NotValid(JsonElement result, string check, string reason)
    {
        Assert.False(result.GetProperty("valid").GetBoolean(), result.ToString());
        var failed = Check(result, check);
        Assert.False(failed.GetProperty("passed").GetBoolean(), result.ToString());
        Assert.Contains(reason, failed.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "PLBadges.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        return JsonSchema.FromFile(Path.Combine(root, "src/Modules/PLBadges.Credentials/Schemas/ob_v3p0_achievementcredential_schema.json"));
    });

    [Fact]
    public async Task A_pass_issues_one_ob3_credential_that_validates_and_verifies_with_another_jose_library()
    {
        var (_, submission, id) = await PassAsync();
        var anonymous = Site.CreateClient();
        var json = JsonNode.Parse(await anonymous.GetStringAsync($"/credentials/{id}.json"))!.AsObject();

        // The shipped OB 3.0 schema accepts it, and it says what the issue asks.
        var evaluation = Schema.Value.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(evaluation.IsValid, JsonSerializer.Serialize(evaluation));
        Assert.Equal(["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"], json["@context"]!.AsArray().Select(c => (string)c!));
        Assert.Equal($"{Origin}/credentials/{id}", (string?)json["id"]);
        Assert.Contains("OpenBadgeCredential", json["type"]!.AsArray().Select(t => (string)t!));
        var district = await DemoDistrictAsync();
        Assert.Equal(IssuerDid.For(Origin, district.Id), (string?)json["issuer"]!["id"]);
        Assert.Equal(district.Name, (string?)json["issuer"]!["name"]);
        Assert.NotNull(json["issuer"]!["email"]);
        var subject = json["credentialSubject"]!;
        Assert.True((bool)subject["identifier"]![0]!["hashed"]!);
        Assert.StartsWith("sha256$", (string?)subject["identifier"]![0]!["identityHash"]);
        Assert.DoesNotContain("@demo.plbadges.test", json.ToJsonString());
        var achievement = subject["achievement"]!;
        Assert.Equal("MicroCredential", (string?)achievement["achievementType"]);
        Assert.Contains("met", (string?)achievement["criteria"]!["narrative"]);
        Assert.True((decimal)achievement["creditsAvailable"]! > 0);
        Assert.Equal($"{Origin}/evidence/{submission}", (string?)json["evidence"]![0]!["id"]);
        Assert.Equal("BitstringStatusListEntry", (string?)json["credentialStatus"]!["type"]);

        // The VC-JWT verifies with Microsoft.IdentityModel, which did not sign it, against the published keys.
        var jwt = await anonymous.GetStringAsync($"/credentials/{id}.jwt");
        var jwks = new JsonWebKeySet(await anonymous.GetStringAsync($"/issuers/{district.Id}/jwks"));
        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = IssuerDid.For(Origin, district.Id),
            ValidateAudience = false,
            RequireExpirationTime = false,
            IssuerSigningKeys = jwks.GetSigningKeys(),
        });
        Assert.True(validated.IsValid, validated.Exception?.Message);
        var token = new JsonWebToken(jwt);
        Assert.Equal("RS256", token.Alg);
        Assert.StartsWith($"{Origin}/issuers/{district.Id}/keys/", token.Kid);
        Assert.Equal($"{Origin}/credentials/{id}", token.Id);
        Assert.Equal(json["validFrom"]!.ToString(), DateTimeOffset.FromUnixTimeSeconds(token.GetPayloadValue<long>("nbf")).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        Assert.Contains(jwks.Keys, k => k.Kid == token.Kid);
        Assert.Contains((await anonymous.GetStringAsync("/.well-known/jwks.json")), s => s == '{'); // the site-wide set answers too
        Assert.Contains(token.Kid, await anonymous.GetStringAsync("/.well-known/jwks.json"));

        // The issuer profile, and the public page (JSON when asked for JSON).
        var profile = JsonNode.Parse(await anonymous.GetStringAsync($"/issuers/{district.Id}"))!;
        Assert.Equal(district.Name, (string?)profile["name"]);
        var asJson = new HttpRequestMessage(HttpMethod.Get, $"/credentials/{id}");
        asJson.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        Assert.Equal(json.ToJsonString(), JsonNode.Parse(await (await anonymous.SendAsync(asJson)).Content.ReadAsStringAsync())!.ToJsonString());
        var page = await anonymous.GetDocumentAsync($"/credentials/{id}");
        Assert.Equal("Valid", page.QuerySelector("#credential-state strong")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/credentials/not-a-credential-id")).StatusCode);

        // The verifier agrees, check by check.
        var result = await VerifyAsync(jwt, "application/vc+jwt");
        Assert.True(result.GetProperty("valid").GetBoolean(), result.ToString());
        Assert.Equal(["format", "schema", "signature", "issuer", "validity", "status"], result.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.True((await VerifyAsync(json.ToJsonString(), "application/vc+ld+json")).GetProperty("valid").GetBoolean());

        // A replayed event issues nothing more.
        await Site.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PLBadgesDbContext>();
            var passed = new MicroCredentialPassed(submission, Guid.Empty, district.Id, null, Guid.Empty, Guid.Empty, 1, DateTime.UtcNow);
            Assert.Equal(id, await services.GetRequiredService<CredentialIssuer>().IssueForPassAsync(passed));
            await db.SaveChangesAsync();
        });
        Assert.Equal(1, await CredentialCountAsync(submission));
    }

    [Fact]
    public async Task The_demo_teacher_starts_with_a_passed_submission_and_its_credential()
    {
        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher);
        var submission = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<PLBadges.Evidence.Submissions.Submission>()
            .Where(x => x.Slug == "ef-visual-routines").Select(x => new { x.Id, x.State }).SingleAsync());
        Assert.Equal(PLBadges.Evidence.Submissions.SubmissionState.Passed, submission.State);
        var id = await CredentialOfAsync(submission.Id);
        var page = await teacher.GetDocumentAsync("/me/credentials");
        Assert.NotNull(page.QuerySelector($"a[href='/credentials/{id}']"));
        Assert.Contains("Classroom Routines and Visual Schedules", page.QuerySelector(".credential-list")!.TextContent);
        Assert.True((await VerifyAsync(await Site.CreateClient().GetStringAsync($"/credentials/{id}.jwt"), "application/jwt")).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Baked_png_and_svg_carry_the_credential_and_verify()
    {
        var (_, _, id) = await PassAsync();
        var anonymous = Site.CreateClient();
        var jwt = await anonymous.GetStringAsync($"/credentials/{id}.jwt");

        var json = await anonymous.GetStringAsync($"/credentials/{id}.json");
        var png = await anonymous.GetByteArrayAsync($"/credentials/{id}.png");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(PngBadge.Unbake(png)!))); // the JSON with its proof
        Assert.DoesNotContain(jwt.Split('.')[2], Encoding.Latin1.GetString(png)); // the JWT is its own download
        Assert.True((await VerifyAsync(png, "image/png")).GetProperty("valid").GetBoolean());

        var svgResponse = await anonymous.GetAsync($"/credentials/{id}.svg");
        // The badge's own policy (its inline style), not the site's.
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'", svgResponse.Headers.GetValues("Content-Security-Policy").Single());
        var svg = await svgResponse.Content.ReadAsStringAsync();
        Assert.Contains("xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\"", svg);
        Assert.Contains("<openbadges:credential>", svg);
        Assert.Equal(json, SvgBadge.Unbake(svg));
        Assert.DoesNotContain(jwt.Split('.')[2], svg);
        var result = await VerifyAsync(svg, "image/svg+xml");
        Assert.True(result.GetProperty("valid").GetBoolean(), result.ToString());
        Assert.Contains("SVG", Check(result, "format").GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_png_badge_is_drawn_from_the_artwork_with_its_title_and_still_carries_the_credential()
    {
        var (_, _, id) = await PassAsync();
        var anonymous = Site.CreateClient();
        var png = await anonymous.GetByteArrayAsync($"/credentials/{id}.png");
        var color = await Site.InScopeAsync(async s =>
        {
            var catalog = s.GetRequiredService<IMicroCredentialCatalog>();
            var pathwayId = await s.GetRequiredService<PLBadgesDbContext>().Set<PLBadges.Credentials.Issuing.IssuedCredential>().Where(c => c.Id == id).Select(c => c.PathwayId).SingleAsync();
            return (await catalog.PathwayAsync(pathwayId))!.Color;
        });

        using var badge = SkiaSharp.SKBitmap.Decode(png);
        using var bare = SkiaSharp.SKBitmap.Decode(PngBadge.Draw(color));
        Assert.Equal((256, 256), (badge.Width, badge.Height));
        var differing = 0;
        for (var y = 0; y < 256; y++)
        {
            for (var x = 0; x < 256; x++)
            {
                differing += Distance(badge.GetPixel(x, y), bare.GetPixel(x, y)) > 48 ? 1 : 0;
            }
        }

        Assert.True(differing > 4000, $"Only {differing} pixels differ from the bare hexagon.");

        // The title region: the rows of the white ribbon under the icon (white at its left end), and in them the
        // title's ink in the pathway color. The bare hexagon has no ribbon at all.
        var (ribbon, ink) = (0, 0);
        for (var y = 140; y < 240; y++)
        {
            if (badge.GetPixel(33, y) is not { Red: > 240, Green: > 240, Blue: > 240 })
            {
                continue;
            }

            ribbon++;
            for (var x = 36; x < 220; x++)
            {
                ink += badge.GetPixel(x, y) is { Alpha: 255 } pixel && Distance(pixel, SkiaSharp.SKColors.White) > 120 ? 1 : 0;
            }
        }

        Assert.True(ribbon >= 12, $"The title ribbon is only {ribbon} rows high.");
        Assert.True(ink > 300, $"The title ribbon has only {ink} pixels of text: its title is empty.");

        var json = await anonymous.GetStringAsync($"/credentials/{id}.json");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(PngBadge.Unbake(png)!)));
        Assert.True((await VerifyAsync(png, "image/png")).GetProperty("valid").GetBoolean());
    }

    private static int Distance(SkiaSharp.SKColor a, SkiaSharp.SKColor b) =>
        Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue) + Math.Abs(a.Alpha - b.Alpha);

    [Fact]
    public async Task Tampering_and_bad_input_are_not_valid_with_the_reason_never_a_server_error()
    {
        var (_, _, id) = await PassAsync();
        var anonymous = Site.CreateClient();
        var jwt = await anonymous.GetStringAsync($"/credentials/{id}.jwt");
        var parts = jwt.Split('.');
        var payload = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]))!.AsObject();

        // Any changed byte of the payload.
        var renamed = (JsonObject)payload.DeepClone();
        renamed["name"] = "Something else entirely";
        NotValid(await VerifyAsync($"{parts[0]}.{System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(renamed.ToJsonString()))}.{parts[2]}", "application/jwt"), "signature", "does not match");
        var flipped = parts[1].ToCharArray();
        flipped[40] = flipped[40] == 'A' ? 'B' : 'A';
        var flippedResult = await VerifyAsync($"{parts[0]}.{new string(flipped)}.{parts[2]}", "application/jwt");
        Assert.False(flippedResult.GetProperty("valid").GetBoolean());

        // The right header, the wrong key.
        using var stranger = RSA.Create(2048);
        var forged = Jws.Sign(JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[0]))!.AsObject(), payload, data => stranger.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        NotValid(await VerifyAsync(forged, "application/jwt"), "signature", "does not match");

        // alg "none".
        var none = $"{System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes("{\"alg\":\"none\",\"typ\":\"JWT\"}"))}.{parts[1]}.";
        NotValid(await VerifyAsync(none, "application/jwt"), "signature", "unsigned");

        // A JSON credential changed after issue.
        var json = JsonNode.Parse(await anonymous.GetStringAsync($"/credentials/{id}.json"))!.AsObject();
        json["name"] = "Changed";
        NotValid(await VerifyAsync(json.ToJsonString(), "application/json"), "signature", "does not match"); // its embedded proof

        // A malformed image, and images without a credential.
        var png = await anonymous.GetByteArrayAsync($"/credentials/{id}.png");
        NotValid(await VerifyAsync(png[..(png.Length / 2)], "image/png"), "format", "PNG");
        NotValid(await VerifyAsync(PngBadge.Draw("#336699"), "image/png"), "format", "no credential");
        NotValid(await VerifyAsync("<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>", "image/svg+xml"), "format", "no openbadges:credential");
        NotValid(await VerifyAsync("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><svg>&x;</svg>", "image/svg+xml"), "format", "not well-formed");

        // Oversize, empty, and nonsense.
        NotValid(await VerifyAsync(new byte[CredentialSiteFixture.MaxVerifyBytes + 10], "image/png"), "format", "larger than");
        NotValid(await VerifyAsync([], "application/jwt"), "format", "Nothing was sent");
        NotValid(await VerifyAsync("not a credential at all", "text/plain"), "format", "not a credential");
        NotValid(await VerifyAsync("{\"id\": 5", "application/json"), "format", "not valid JSON");
        NotValid(await VerifyAsync("eyJhbGciOiJSUzI1NiJ9.!!!.abc", "application/jwt"), "format", "base64url");
        NotValid(await VerifyAsync("{\"@context\": [], \"type\": [\"VerifiableCredential\"]}", "application/json"), "schema", "Open Badges 3.0 schema");
    }

    [Fact]
    public async Task Revocation_shows_in_the_status_list_and_verification_only_the_issuers_admins_revoke_and_undo()
    {
        var (teacher, _, id) = await PassAsync();
        var anonymous = Site.CreateClient();
        var jwt = await anonymous.GetStringAsync($"/credentials/{id}.jwt");
        var json = JsonNode.Parse(await anonymous.GetStringAsync($"/credentials/{id}.json"))!;
        var statusList = (string)json["credentialStatus"]!["statusListCredential"]!;
        var index = int.Parse((string)json["credentialStatus"]!["statusListIndex"]!);
        var district = await DemoDistrictAsync();

        async Task<bool> RevokedInListAsync()
        {
            var listJwt = await anonymous.GetStringAsync(new Uri(statusList).PathAndQuery);
            var list = new JsonWebToken(listJwt);
            var validated = await new JsonWebTokenHandler().ValidateTokenAsync(listJwt, new TokenValidationParameters
            {
                ValidIssuer = IssuerDid.For(Origin, district.Id),
                ValidateAudience = false,
            RequireExpirationTime = false,
                IssuerSigningKeys = new JsonWebKeySet(await anonymous.GetStringAsync($"/issuers/{district.Id}/jwks")).GetSigningKeys(),
            });
            Assert.True(validated.IsValid, validated.Exception?.Message);
            Assert.Contains("BitstringStatusListCredential", list.GetPayloadValue<JsonElement>("type").EnumerateArray().Select(t => t.GetString()));
            return PLBadges.Credentials.Status.Bitstring.IsSet(list.GetPayloadValue<JsonElement>("credentialSubject").GetProperty("encodedList").GetString()!, index);
        }

        Assert.False(await RevokedInListAsync());

        // Neither the teacher, nor another district's admin, can revoke it.
        var refused = await teacher.GetAsync("/district/credentials");
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound || refused.Headers.Location?.ToString().Contains("/error/403") == true, $"{(int)refused.StatusCode}");
        var other = await Site.SignedInClientAsync(DemoPeople.OtherAdmin);
        var otherDistrict = (await Site.InScopeAsync(s => s.GetRequiredService<IOrganizationDirectory>().FindByCodeAsync("other-district")))!;
        await other.SubmitAsync($"/district/credentials?district={otherDistrict.Id}", new Dictionary<string, string> { ["district"] = otherDistrict.Id.ToString(), ["credential"] = id, ["reason"] = "Not theirs to revoke" }, handler: "revoke");
        Assert.False(await RevokedInListAsync());

        // The district's admin revokes with a reason: the list, the page and the verifier all say so at once.
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var noReason = await admin.SubmitAsync($"/district/credentials?district={district.Id}", new Dictionary<string, string> { ["district"] = district.Id.ToString(), ["credential"] = id, ["reason"] = " " }, handler: "revoke");
        Assert.Contains("Give the reason", await noReason.RefusalAsync());
        Assert.False(await RevokedInListAsync());
        await admin.SubmitAsync($"/district/credentials?district={district.Id}", new Dictionary<string, string> { ["district"] = district.Id.ToString(), ["credential"] = id, ["reason"] = "Awarded in error" }, handler: "revoke");
        Assert.True(await RevokedInListAsync());
        NotValid(await VerifyAsync(jwt, "application/jwt"), "status", "Awarded in error");
        Assert.Equal("Revoked", (await anonymous.GetDocumentAsync($"/credentials/{id}")).QuerySelector("#credential-state strong")!.TextContent);
        Assert.Contains("Awarded in error", (await anonymous.GetDocumentAsync($"/credentials/{id}")).QuerySelector("#credential-state")!.TextContent);

        // A mistaken revocation is undone.
        await admin.SubmitAsync($"/district/credentials?district={district.Id}", new Dictionary<string, string> { ["district"] = district.Id.ToString(), ["credential"] = id }, handler: "restore");
        Assert.False(await RevokedInListAsync());
        Assert.True((await VerifyAsync(jwt, "application/jwt")).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Rotating_keys_signs_with_the_new_key_and_keeps_old_credentials_valid()
    {
        var (_, _, before) = await PassAsync();
        var anonymous = Site.CreateClient();
        var oldJwt = await anonymous.GetStringAsync($"/credentials/{before}.jwt");
        var district = await DemoDistrictAsync();
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        await admin.SubmitAsync($"/district/credentials?district={district.Id}", new Dictionary<string, string> { ["district"] = district.Id.ToString() }, handler: "rotate");

        var (_, _, after) = await PassAsync();
        var newJwt = await anonymous.GetStringAsync($"/credentials/{after}.jwt");
        Assert.NotEqual(new JsonWebToken(oldJwt).Kid, new JsonWebToken(newJwt).Kid);
        var jwks = new JsonWebKeySet(await anonymous.GetStringAsync($"/issuers/{district.Id}/jwks"));
        Assert.Contains(jwks.Keys, k => k.Kid == new JsonWebToken(oldJwt).Kid);
        Assert.Contains(jwks.Keys, k => k.Kid == new JsonWebToken(newJwt).Kid);
        Assert.True((await VerifyAsync(oldJwt, "application/jwt")).GetProperty("valid").GetBoolean());
        Assert.True((await VerifyAsync(newJwt, "application/jwt")).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task An_expired_credential_is_not_valid_and_its_page_says_expired()
    {
        var (_, submission, _) = await PassAsync();
        var district = await DemoDistrictAsync();
        var version = (await Site.InScopeAsync(s => s.GetRequiredService<IMicroCredentialCatalog>().PublishedAsync("udl-representation")))!;
        var teacherId = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<IssuedCredential>().Where(c => c.SubmissionId == submission).Select(c => c.RecipientId).FirstAsync());
        var expired = await Site.InScopeAsync(async services =>
        {
            var passed = new MicroCredentialPassed(Guid.NewGuid(), teacherId, district.Id, null, version.MicroCredentialId, version.VersionId, 1, DateTime.UtcNow.AddYears(-3));
            var id = await services.GetRequiredService<CredentialIssuer>().IssueForPassAsync(passed, validUntil: DateTime.UtcNow.AddDays(-1));
            await services.GetRequiredService<PLBadgesDbContext>().SaveChangesAsync();
            return id;
        });
        var anonymous = Site.CreateClient();
        NotValid(await VerifyAsync(await anonymous.GetStringAsync($"/credentials/{expired}.jwt"), "application/jwt"), "validity", "Expired");
        Assert.Equal("Expired", (await anonymous.GetDocumentAsync($"/credentials/{expired}")).QuerySelector("#credential-state strong")!.TextContent);
    }

    [Fact]
    public async Task Passing_every_micro_credential_of_a_pathway_issues_its_capstone_once()
    {
        var teacherId = await PersonIdAsync(await NewTeacherEmailAsync());
        var district = await DemoDistrictAsync();
        var catalog = await Site.InScopeAsync(async s =>
        {
            var c = s.GetRequiredService<IMicroCredentialCatalog>();
            var self = (await c.PublishedAsync(EvidenceDriver.Slug))!;
            var pathway = (await c.PathwayAsync(self.PathwayId))!;
            var versions = new List<MicroCredentialVersionInfo>();
            foreach (var credential in await c.AvailableToAsync(district.Id))
            {
                if (credential.PathwayId == pathway.PathwayId)
                {
                    versions.Add((await c.PublishedAsync(credential.Slug))!);
                }
            }

            return (pathway, versions);
        });
        Assert.Equal(catalog.pathway.MicroCredentialIds.Count, catalog.versions.Count);

        async Task PassOneAsync(MicroCredentialVersionInfo version) => await Site.InScopeAsync(async services =>
        {
            await services.GetRequiredService<CredentialIssuer>().IssueForPassAsync(new MicroCredentialPassed(Guid.NewGuid(), teacherId, district.Id, null, version.MicroCredentialId, version.VersionId, 1, DateTime.UtcNow));
            await services.GetRequiredService<PLBadgesDbContext>().SaveChangesAsync();
        });

        Task<List<IssuedCredential>> HeldAsync() => Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<IssuedCredential>().AsNoTracking().Where(c => c.RecipientId == teacherId).ToListAsync());

        foreach (var version in catalog.versions.Take(catalog.versions.Count - 1))
        {
            await PassOneAsync(version);
        }

        Assert.DoesNotContain(await HeldAsync(), c => c.Kind == CredentialKind.Pathway);
        await PassOneAsync(catalog.versions[^1]);
        var held = await HeldAsync();
        var capstone = Assert.Single(held, c => c.Kind == CredentialKind.Pathway);
        Assert.Equal(catalog.pathway.PathwayId, capstone.CapstoneOf);
        Assert.Equal(held.Where(c => c.Kind == CredentialKind.MicroCredential).Sum(c => c.Hours), capstone.Hours);
        var json = JsonNode.Parse(capstone.Json)!;
        Assert.Equal("LearningProgram", (string?)json["credentialSubject"]!["achievement"]!["achievementType"]);
        Assert.Equal(catalog.versions.Count, json["evidence"]!.AsArray().Count);
        Assert.True(Schema.Value.Evaluate(json, new EvaluationOptions()).IsValid);

        // Passing one again (a second submission of the same micro-credential) issues no second capstone.
        await PassOneAsync(catalog.versions[0]);
        Assert.Single(await HeldAsync(), c => c.Kind == CredentialKind.Pathway);
    }

    [Fact]
    public async Task A_pathways_passes_waiting_together_in_the_outbox_issue_one_credential_each_and_one_capstone_in_one_batch()
    {
        var teacherId = await PersonIdAsync(await NewTeacherEmailAsync());
        var district = await DemoDistrictAsync();
        var versions = await Site.InScopeAsync(async s =>
        {
            var c = s.GetRequiredService<IMicroCredentialCatalog>();
            var pathwayId = (await c.PublishedAsync(EvidenceDriver.Slug))!.PathwayId;
            var found = new List<MicroCredentialVersionInfo>();
            foreach (var credential in (await c.AvailableToAsync(district.Id)).Where(m => m.PathwayId == pathwayId))
            {
                found.Add((await c.PublishedAsync(credential.Slug))!);
            }

            return found;
        });
        var passes = versions.Select(v => new MicroCredentialPassed(Guid.NewGuid(), teacherId, district.Id, null, v.MicroCredentialId, v.VersionId, 1, DateTime.UtcNow)).ToList();
        passes.Add(passes[0]); // the same pass told twice: still one credential
        await Site.InScopeAsync(async s =>
        {
            foreach (var passed in passes)
            {
                s.GetRequiredService<IEventOutbox>().Add(passed);
            }

            await s.GetRequiredService<PLBadgesDbContext>().SaveChangesAsync();
        });

        await Site.RunOutboxAsync();

        var held = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<IssuedCredential>().AsNoTracking().Where(c => c.RecipientId == teacherId).ToListAsync());
        Assert.Equal(versions.Select(v => v.MicroCredentialId).Order(), held.Where(c => c.Kind == CredentialKind.MicroCredential).Select(c => c.MicroCredentialId!.Value).Order());
        Assert.Single(held, c => c.Kind == CredentialKind.Pathway);
        Assert.Equal(held.Count, held.Select(c => (c.StatusListId, c.StatusIndex)).Distinct().Count());
        foreach (var credential in held)
        {
            var result = await VerifyAsync(credential.Jwt, "application/jwt");
            Assert.True(result.GetProperty("valid").GetBoolean(), result.ToString());
            Assert.True(Schema.Value.Evaluate(JsonNode.Parse(credential.Json), new EvaluationOptions()).IsValid);
        }
    }

    [Fact]
    public async Task Two_nodes_handling_the_same_pass_at_once_issue_one_credential()
    {
        var teacherId = await PersonIdAsync(await NewTeacherEmailAsync());
        var district = await DemoDistrictAsync();
        var version = (await Site.InScopeAsync(s => s.GetRequiredService<IMicroCredentialCatalog>().PublishedAsync("udl-representation")))!;
        var passed = new MicroCredentialPassed(Guid.NewGuid(), teacherId, district.Id, null, version.MicroCredentialId, version.VersionId, 1, DateTime.UtcNow);

        // Each "node" runs the handler in its own scope and transaction, as the outbox dispatcher does.
        async Task<bool> NodeAsync()
        {
            try
            {
                await Site.InScopeAsync(async services =>
                {
                    var db = services.GetRequiredService<PLBadgesDbContext>();
                    await using var transaction = await db.Database.BeginTransactionAsync();
                    await services.GetRequiredService<CredentialIssuer>().IssueForPassAsync(passed);
                    await db.SaveChangesAsync();
                    await transaction.CommitAsync();
                });
                return true;
            }
            catch (DbUpdateException)
            {
                return false; // the loser: the dispatcher retries it later, and then it finds the credential
            }
            catch (InvalidOperationException) when (fixture.Provider == "Sqlite")
            {
                return false; // SQLite's single writer refused the second transaction
            }
        }

        var outcomes = await Task.WhenAll(NodeAsync(), NodeAsync(), NodeAsync());
        Assert.Contains(true, outcomes);
        Assert.True(await NodeAsync()); // a retry after the race succeeds, issuing nothing
        Assert.Equal(1, await CredentialCountAsync(passed.SubmissionId));
    }

    [Fact]
    public async Task The_teacher_lists_downloads_and_shares_their_credentials_and_the_evidence_link_refuses_strangers()
    {
        var (teacher, submission, id) = await PassAsync();
        var page = await teacher.GetDocumentAsync("/me/credentials");
        var item = page.QuerySelectorAll(".credential-list li").Single(li => li.QuerySelector($"a[href='/credentials/{id}']") != null);
        // A grid of badge images, each named by its badge and leading to the owner's view.
        Assert.NotNull(page.QuerySelector("ul.credential-grid"));
        var image = item.QuerySelector($"a[href='/me/credentials/{id}'] > img[src='/credentials/{id}.png']")!;
        Assert.Equal(item.QuerySelector("h2")!.TextContent.Trim(), image.GetAttribute("alt"));
        Assert.False(string.IsNullOrWhiteSpace(image.GetAttribute("alt")));
        foreach (var format in new[] { "png", "svg", "json", "jwt" })
        {
            Assert.NotNull(item.QuerySelector($"a[href='/credentials/{id}.{format}'][download]"));
        }

        Assert.Contains("linkedin.com/profile/add", item.QuerySelector("a[href*='linkedin']")!.GetAttribute("href"));
        Assert.Equal($"{Origin}/credentials/{id}", item.QuerySelector("input.copy-source")!.GetAttribute("value"));
        // One transcript: Recognition's, with the credentials' hours in it.
        Assert.Equal("/me/transcript", (await teacher.GetAsync("/me/credentials/transcript")).Headers.Location!.OriginalString);
        var transcript = await teacher.GetDocumentAsync("/me/transcript");
        Assert.NotEqual("0", transcript.QuerySelector("#transcript-credential-hours")!.GetAttribute("value"));

        // The public profile exists only while switched on.
        await teacher.SubmitAsync("/me/credentials", new Dictionary<string, string> { ["publicProfile"] = "true" }, handler: "sharing");
        var profile = (await teacher.GetDocumentAsync("/me/credentials")).QuerySelector("a[href*='/profiles/']")!.GetAttribute("href")!;
        var anonymous = Site.CreateClient();
        Assert.Contains(id, await anonymous.GetStringAsync(new Uri(profile).PathAndQuery));
        await teacher.SubmitAsync("/me/credentials", new Dictionary<string, string>(), handler: "sharing");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(profile).PathAndQuery)).StatusCode);

        // The evidence link: the teacher and the district's coach, nobody else.
        var evidence = $"/evidence/{submission}";
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync(evidence)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await Site.SignedInClientAsync(DemoPeople.Coach)).GetAsync(evidence)).StatusCode);
        foreach (var email in new[] { DemoPeople.Teacher2, DemoPeople.OtherCoach, DemoPeople.OtherAdmin })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await (await Site.SignedInClientAsync(email)).GetAsync(evidence)).StatusCode);
        }

        var stranger = await Site.CreateBrowserlikeClient().GetAsync(evidence);
        Assert.True(stranger.StatusCode == HttpStatusCode.Redirect && stranger.Headers.Location!.ToString().Contains("/account/signin"), $"{(int)stranger.StatusCode}");
    }
}

public sealed class CredentialsOnSqlite(SqliteCredentialSite fixture) : CredentialTests(fixture), IClassFixture<SqliteCredentialSite>;

public sealed class CredentialsOnPostgres(PostgresCredentialSite fixture) : CredentialTests(fixture), IClassFixture<PostgresCredentialSite>;
