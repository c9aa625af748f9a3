using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Credentials.Api;
using PLBadges.Credentials.Issuing;
using PLBadges.Data;

namespace PLBadges.IntegrationTests;

/// <summary>
/// Fast public reads (issue 26): every public document has an entity tag and answers 304 to a reader that holds it,
/// with a lifetime by kind (immutable documents long, status lists and current keys within the revocation minute,
/// badge images moderate); a negotiated document says Vary: Accept; a status list's tag follows its revision and is
/// the same from every node; nothing personal is marked for a shared cache.
/// </summary>
public abstract class PublicReadTests(CredentialSiteFixture fixture)
{
    // As HttpClient writes them back (its own order of directives).
    private static readonly string Immutable = CacheControlHeaderValue.Parse("public, max-age=31536000, immutable").ToString();
    private static readonly string Changing = CacheControlHeaderValue.Parse("public, max-age=30, must-revalidate").ToString();
    private static readonly string Image = CacheControlHeaderValue.Parse("public, max-age=3600, must-revalidate").ToString();

    private TestSite Site => fixture.Site;

    private sealed record Demo(string Credential, Guid Issuer, Guid List, string Key, string Endorsement, Guid Recipient);

    /// <summary>The demo teacher's credential, its issuer, list and key, and one of the demo state's endorsements.</summary>
    private async Task<Demo> DemoAsync()
    {
        await Site.RunOutboxAsync(); // the demo's credential and endorsements are signed after its recipe
        return await Site.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PLBadgesDbContext>();
            var credential = await db.Set<IssuedCredential>().AsNoTracking().OrderBy(c => c.ValidFrom).FirstAsync();
            var endorsement = await db.Set<Endorsement>().AsNoTracking().Select(e => e.Id).FirstAsync();
            return new Demo(credential.Id, credential.IssuerId, credential.StatusListId, credential.KeyId, endorsement, credential.RecipientId);
        });
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? ifNoneMatch = null, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (ifNoneMatch != null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        if (accept != null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        return await client.SendAsync(request);
    }

    private static string CacheControl(HttpResponseMessage response) => response.Headers.CacheControl?.ToString() ?? "";

    [Fact]
    public async Task Every_public_document_has_a_tag_answers_304_to_a_reader_that_holds_it_and_a_lifetime_for_its_kind()
    {
        var demo = await DemoAsync();
        var anonymous = Site.CreateClient();
        var documents = new (string Path, string Lifetime)[]
        {
            ($"/credentials/{demo.Credential}.json", Immutable),
            ($"/credentials/{demo.Credential}.jwt", Immutable),
            ($"/endorsements/{demo.Endorsement}", Immutable),
            ($"/endorsements/{demo.Endorsement}.jwt", Immutable),
            ($"/issuers/{demo.Issuer}/keys/{demo.Key}", Immutable),
            ($"/credentials/{demo.Credential}.png", Image),
            ($"/credentials/{demo.Credential}.svg", Image),
            ($"/status/{demo.List}", Changing),
            ($"/issuers/{demo.Issuer}/jwks", Changing),
            ("/.well-known/jwks.json", Changing),
            ($"/issuers/{demo.Issuer}/did.json", Changing),
            ($"/issuers/{demo.Issuer}", Changing),
        };
        foreach (var (path, lifetime) in documents)
        {
            var first = await GetAsync(anonymous, path);
            Assert.True(first.StatusCode == HttpStatusCode.OK, $"{path}: {(int)first.StatusCode}");
            var tag = first.Headers.ETag?.ToString();
            Assert.False(string.IsNullOrEmpty(tag), $"{path} has no ETag");
            Assert.True(CacheControl(first) == lifetime, $"{path}: Cache-Control {CacheControl(first)}");
            Assert.False(first.Headers.Contains("Set-Cookie"), $"{path} sets a cookie");
            var body = await first.Content.ReadAsByteArrayAsync();
            Assert.NotEmpty(body);

            // The same tag again: the same document, and 304 with no body to a reader that holds it.
            var again = await GetAsync(anonymous, path);
            Assert.Equal(tag, again.Headers.ETag?.ToString());
            Assert.Equal(body, await again.Content.ReadAsByteArrayAsync());
            var held = await GetAsync(anonymous, path, ifNoneMatch: tag);
            Assert.True(held.StatusCode == HttpStatusCode.NotModified, $"{path} with its tag: {(int)held.StatusCode}");
            Assert.Empty(await held.Content.ReadAsByteArrayAsync());
            Assert.Equal(tag, held.Headers.ETag?.ToString());
            Assert.Equal(lifetime, CacheControl(held));

            // Another tag: the document itself.
            var other = await GetAsync(anonymous, path, ifNoneMatch: "\"not-this-one\"");
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            Assert.Equal(body, await other.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task A_signed_in_reader_gets_the_same_public_document_and_no_cookie()
    {
        var demo = await DemoAsync();
        var teacher = await Site.SignedInClientAsync(DemoPeople.Teacher);
        var response = await teacher.GetAsync($"/credentials/{demo.Credential}.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Immutable, CacheControl(response));
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal(await Site.CreateClient().GetStringAsync($"/credentials/{demo.Credential}.json"), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_status_list_varies_by_accept_and_a_revocation_gives_it_a_new_tag_and_validFrom()
    {
        var demo = await DemoAsync();
        var anonymous = Site.CreateClient();
        var path = $"/status/{demo.List}";
        var jwt = await GetAsync(anonymous, path);
        var json = await GetAsync(anonymous, path, accept: "application/json");
        Assert.Equal(CredentialEndpointsJwt, jwt.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", jwt.Headers.Vary);
        Assert.Contains("Accept", json.Headers.Vary);
        Assert.NotEqual(jwt.Headers.ETag, json.Headers.ETag);
        var validFrom = (string)JsonNode.Parse(await json.Content.ReadAsStringAsync())!["validFrom"]!;

        // The district's admin revokes the credential: both forms get new tags, and the old tag no longer holds.
        var district = await Site.OrganizationIdAsync("demo-district");
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var form = new Dictionary<string, string> { ["district"] = district.ToString(), ["credential"] = demo.Credential, ["reason"] = "Awarded in error" };
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync($"/district/credentials?district={district}", form, handler: "revoke")).StatusCode);
        try
        {
            var revokedJwt = await GetAsync(anonymous, path, ifNoneMatch: jwt.Headers.ETag!.ToString());
            Assert.Equal(HttpStatusCode.OK, revokedJwt.StatusCode);
            Assert.NotEqual(jwt.Headers.ETag, revokedJwt.Headers.ETag);
            var revokedJson = await GetAsync(anonymous, path, ifNoneMatch: json.Headers.ETag!.ToString(), accept: "application/json");
            Assert.Equal(HttpStatusCode.OK, revokedJson.StatusCode);
            Assert.NotEqual(json.Headers.ETag, revokedJson.Headers.ETag);
            var revisedFrom = (string)JsonNode.Parse(await revokedJson.Content.ReadAsStringAsync())!["validFrom"]!;
            Assert.True(string.CompareOrdinal(revisedFrom, validFrom) >= 0, $"{revisedFrom} before {validFrom}");

            // Verification sees it at once, with the caches in place.
            var verified = await anonymous.PostAsync("/api/v1/verify", new StringContent(await anonymous.GetStringAsync($"/credentials/{demo.Credential}.jwt"), null, "application/jwt"));
            var result = JsonDocument.Parse(await verified.Content.ReadAsStringAsync()).RootElement;
            Assert.False(result.GetProperty("valid").GetBoolean(), result.ToString());
        }
        finally
        {
            await admin.SubmitAsync($"/district/credentials?district={district}", new Dictionary<string, string> { ["district"] = district.ToString(), ["credential"] = demo.Credential }, handler: "restore");
        }

        var restored = await GetAsync(anonymous, path);
        Assert.NotEqual(jwt.Headers.ETag, restored.Headers.ETag);
        var again = await anonymous.PostAsync("/api/v1/verify", new StringContent(await anonymous.GetStringAsync($"/credentials/{demo.Credential}.jwt"), null, "application/jwt"));
        Assert.True(JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task The_themes_files_come_from_fingerprinted_addresses_with_tags_precompressed_and_with_the_security_headers()
    {
        var anonymous = Site.CreateClient();
        var home = await anonymous.GetDocumentAsync("/");
        var stylesheet = home.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        Assert.Matches(@"^/_content/PLBadges\.Theme\.Default/site\.[a-z0-9]{10}\.css$", stylesheet); // the content's hash in the address

        var request = new HttpRequestMessage(HttpMethod.Get, stylesheet);
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        var compressed = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        // Run from a build (as here, and in Development) the files may change under the site, so every address is
        // revalidated by its tag; the published site's manifest gives the fingerprinted one a year, immutable.
        Assert.Equal("no-cache", CacheControl(compressed));
        Assert.Equal(["gzip"], compressed.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.Equal("text/css", compressed.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", compressed.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(compressed.Headers.Contains("Content-Security-Policy"));
        Assert.False(compressed.Headers.Contains("Set-Cookie"));
        await using (var gzip = new System.IO.Compression.GZipStream(await compressed.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress))
        using (var reader = new StreamReader(gzip))
        {
            Assert.Equal(await anonymous.GetStringAsync("/_content/PLBadges.Theme.Default/site.css"), await reader.ReadToEndAsync());
        }

        // The plain address still answers (links from elsewhere, the web manifest's icons), revalidated by its tag.
        var plain = await GetAsync(anonymous, "/_content/PLBadges.Theme.Default/site.css");
        Assert.Equal("no-cache", CacheControl(plain));
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var held = await GetAsync(anonymous, "/_content/PLBadges.Theme.Default/site.css", ifNoneMatch: plain.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, held.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/_content/PLBadges.Theme.Default/no-such-file.css")).StatusCode);
    }

    [Fact]
    public async Task Public_documents_come_compressed_to_a_reader_that_accepts_it_with_a_tag_per_encoding_and_pages_never_do()
    {
        var demo = await DemoAsync();
        var anonymous = Site.CreateClient();
        foreach (var path in new[] { $"/credentials/{demo.Credential}.json", $"/credentials/{demo.Credential}.jwt", $"/status/{demo.List}", $"/issuers/{demo.Issuer}/jwks" })
        {
            var plain = await GetAsync(anonymous, path);
            var body = await plain.Content.ReadAsByteArrayAsync();
            Assert.Empty(plain.Content.Headers.ContentEncoding); // a reader that does not say it accepts an encoding gets none
            Assert.Contains("Accept-Encoding", plain.Headers.Vary);
            var tags = new HashSet<string> { plain.Headers.ETag!.ToString() };
            foreach (var (accept, encoding) in new[] { ("br, gzip", "br"), ("gzip", "gzip"), ("gzip;q=1, br;q=0", "gzip") })
            {
                var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.TryAddWithoutValidation("Accept-Encoding", accept);
                var compressed = await anonymous.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
                Assert.True(compressed.Content.Headers.ContentEncoding.SequenceEqual([encoding]), $"{path} for {accept}: {string.Join(",", compressed.Content.Headers.ContentEncoding)}");
                Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
                var packed = await compressed.Content.ReadAsByteArrayAsync();
                Assert.True(packed.Length < body.Length, $"{path} in {encoding}: {packed.Length} bytes of {body.Length}");
                await using var unpacking = encoding == "br"
                    ? (Stream)new System.IO.Compression.BrotliStream(new MemoryStream(packed), System.IO.Compression.CompressionMode.Decompress)
                    : new System.IO.Compression.GZipStream(new MemoryStream(packed), System.IO.Compression.CompressionMode.Decompress);
                using var unpacked = new MemoryStream();
                await unpacking.CopyToAsync(unpacked);
                Assert.Equal(body, unpacked.ToArray());

                // Each encoding is a representation of its own: its own tag, and 304 to a reader that holds it.
                var tag = compressed.Headers.ETag!.ToString();
                tags.Add(tag);
                var held = new HttpRequestMessage(HttpMethod.Get, path);
                held.Headers.TryAddWithoutValidation("Accept-Encoding", accept);
                held.Headers.TryAddWithoutValidation("If-None-Match", tag);
                Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(held)).StatusCode);
            }

            Assert.Equal(3, tags.Count); // identity, br and gzip
        }

        // A page carries an antiforgery token (and for a signed-in reader, their own data): never compressed.
        foreach (var client in new[] { anonymous, await Site.SignedInClientAsync(DemoPeople.Teacher) })
        {
            foreach (var path in new[] { "/", "/pathways", "/account/signin" })
            {
                var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
                var page = await client.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Empty(page.Content.Headers.ContentEncoding);
                Assert.Contains("<html", await page.Content.ReadAsStringAsync());
            }
        }
    }

    private const string CredentialEndpointsJwt = "application/vc+jwt";

    private static async Task<JsonElement> VerifyAsync(HttpClient client, string body, string contentType)
    {
        var answer = await client.PostAsync("/api/v1/verify", new StringContent(body, null, contentType));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("no-store", CacheControl(answer)); // an answer of the moment, kept by no cache
        Assert.False(answer.Headers.Contains("Set-Cookie"));
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
    }

    private static JsonElement Check(JsonElement result, string name) =>
        result.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    [Fact]
    public async Task A_credential_signed_here_has_its_signature_checked_once_and_anything_else_is_checked_every_time()
    {
        var demo = await DemoAsync();
        var anonymous = Site.CreateClient();
        var json = await anonymous.GetStringAsync($"/credentials/{demo.Credential}.json");
        var jwt = await anonymous.GetStringAsync($"/credentials/{demo.Credential}.jwt");
        var first = (Json: await VerifyAsync(anonymous, json, "application/json"), Jwt: await VerifyAsync(anonymous, jwt, "application/jwt"));
        Assert.True(first.Json.GetProperty("valid").GetBoolean(), first.Json.ToString());
        Assert.True(first.Jwt.GetProperty("valid").GetBoolean(), first.Jwt.ToString());

        // Both signatures are now remembered with the node's copy of the credential.
        var signed = await Site.InScopeAsync(s => s.GetRequiredService<ImmutableDocuments>().CredentialAsync(demo.Credential, s.GetRequiredService<PLBadgesDbContext>, default));
        Assert.NotNull(signed!.JsonSignature);
        Assert.NotNull(signed.JwtSignature);
        var again = await VerifyAsync(await Site.SignedInClientAsync(DemoPeople.Teacher), json, "application/json"); // who asks makes no difference
        Assert.True(again.GetProperty("valid").GetBoolean());
        Assert.Equal(Check(first.Json, "signature").GetProperty("message").GetString(), Check(again, "signature").GetProperty("message").GetString());

        // The same header and payload with another signature is checked, and fails.
        var parts = jwt.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}";
        var forgedResult = await VerifyAsync(anonymous, forged, "application/jwt");
        Assert.False(forgedResult.GetProperty("valid").GetBoolean());
        Assert.False(Check(forgedResult, "signature").GetProperty("passed").GetBoolean());

        // A changed JSON is not the document that was checked: its proof is checked, and fails.
        var changed = JsonNode.Parse(json)!.AsObject();
        changed["name"] = "A badge nobody earned";
        var changedResult = await VerifyAsync(anonymous, changed.ToJsonString(), "application/json");
        Assert.False(Check(changedResult, "signature").GetProperty("passed").GetBoolean());

        // A revocation is seen at once with the signature remembered: status is asked every time.
        var district = await Site.OrganizationIdAsync("demo-district");
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var form = new Dictionary<string, string> { ["district"] = district.ToString(), ["credential"] = demo.Credential, ["reason"] = "Awarded in error" };
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync($"/district/credentials?district={district}", form, handler: "revoke")).StatusCode);
        try
        {
            var revoked = await VerifyAsync(anonymous, json, "application/json");
            Assert.False(revoked.GetProperty("valid").GetBoolean());
            Assert.True(Check(revoked, "signature").GetProperty("passed").GetBoolean());
            Assert.False(Check(revoked, "status").GetProperty("passed").GetBoolean());
        }
        finally
        {
            await admin.SubmitAsync($"/district/credentials?district={district}", new Dictionary<string, string> { ["district"] = district.ToString(), ["credential"] = demo.Credential }, handler: "restore");
        }

        Assert.True((await VerifyAsync(anonymous, jwt, "application/jwt")).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Nothing_personal_is_marked_for_a_shared_cache()
    {
        var demo = await DemoAsync();
        var email = $"p{Guid.NewGuid():N}"[..12] + "@demo.plbadges.test";
        await Site.AddPersonAsync(email);
        var teacher = await Site.SignedInClientAsync(email);
        var submission = await teacher.StartAsync();
        var uploaded = await teacher.UploadAsync(submission, "plan.pdf", EvidenceDriver.Pdf);
        var artifact = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var owner = await Site.SignedInClientAsync(DemoPeople.Teacher);
        var token = (await Site.AuthorizeAppAsync(owner, AppDriver.FirstParty, "openid me:read transcript:read")).AccessToken;

        var personal = new List<(string What, HttpResponseMessage Response)>
        {
            ("a signed-in page", await owner.GetAsync("/me")),
            ("the owner's credentials", await owner.GetAsync("/me/credentials")),
            ("the owner's wallet page for a credential", await owner.GetAsync($"/me/credentials/{demo.Credential}/wallet")),
            ("an evidence file", await teacher.GetAsync($"/evidence/files/{artifact}")),
            ("the API's answer for a person", await Site.ApiAsync("/api/v1/me", token)),
            ("the API's transcript for a person", await Site.ApiAsync("/api/v1/me/transcript", token)),
        };
        foreach (var (what, response) in personal)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: {(int)response.StatusCode}");
            var cacheControl = CacheControl(response);
            Assert.True(cacheControl.Contains("private") || cacheControl.Contains("no-store"), $"{what}: Cache-Control \"{cacheControl}\"");
            Assert.DoesNotContain("public", cacheControl);
        }
    }
}

public sealed class PublicReadsOnSqlite(SqliteCredentialSite fixture) : PublicReadTests(fixture), IClassFixture<SqliteCredentialSite>;

public sealed class PublicReadsOnPostgres(PostgresCredentialSite fixture) : PublicReadTests(fixture), IClassFixture<PostgresCredentialSite>;

/// <summary>What needs sites of its own: two nodes on one database, a database taken away, SQLite's connections.</summary>
public sealed class PublicReadSiteTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Two_nodes_on_one_database_publish_a_status_list_with_the_same_tag_and_document(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = new Dictionary<string, string?> { ["Site:PublicBaseUrl"] = CredentialSiteFixture.Origin };
        await using var first = new TestSite(database, settings);
        _ = first.Server;
        await using var second = new TestSite(database, settings);
        _ = second.Server;
        await first.RunOutboxAsync();
        var list = await first.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<IssuedCredential>().Select(c => c.StatusListId).FirstAsync());

        foreach (var accept in new[] { "application/vc+jwt", "application/json" })
        {
            var request = () => new HttpRequestMessage(HttpMethod.Get, $"/status/{list}") { Headers = { { "Accept", accept } } };
            var fromFirst = await first.CreateClient().SendAsync(request());
            var fromSecond = await second.CreateClient().SendAsync(request());
            Assert.Equal(HttpStatusCode.OK, fromFirst.StatusCode);
            Assert.Equal(fromFirst.Headers.ETag, fromSecond.Headers.ETag);
            var held = request();
            held.Headers.TryAddWithoutValidation("If-None-Match", fromFirst.Headers.ETag!.ToString());
            Assert.Equal(HttpStatusCode.NotModified, (await second.CreateClient().SendAsync(held)).StatusCode);
            if (accept == "application/json")
            {
                // Signed with Ed25519 at the revision's time: the very same document from either node.
                Assert.Equal(await fromFirst.Content.ReadAsStringAsync(), await fromSecond.Content.ReadAsStringAsync());
            }
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_revocation_and_a_key_rotation_on_one_node_reach_verification_and_the_key_set_on_another_within_the_minute(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = new Dictionary<string, string?> { ["Site:PublicBaseUrl"] = CredentialSiteFixture.Origin };
        await using var first = new TestSite(database, settings);
        _ = first.Server;
        var clock = new TestClock(DateTimeOffset.UtcNow); // the second node's time stands still until the test moves it
        await using var second = new TestSite(database, settings, clock);
        _ = second.Server;
        await first.RunOutboxAsync();
        var credential = await first.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<IssuedCredential>().AsNoTracking().OrderBy(c => c.ValidFrom).FirstAsync());
        var jwt = await first.CreateClient().GetStringAsync($"/credentials/{credential.Id}.jwt");
        var jwksPath = $"/issuers/{credential.IssuerId}/jwks";
        async Task<bool> ValidOnAsync(TestSite site)
        {
            var verified = await site.CreateClient().PostAsync("/api/v1/verify", new StringContent(jwt, null, "application/jwt"));
            return JsonDocument.Parse(await verified.Content.ReadAsStringAsync()).RootElement.GetProperty("valid").GetBoolean();
        }

        // The second node reads the list, the keys and the credential once: from then on it answers from its memory.
        Assert.True(await ValidOnAsync(second));
        var keySet = await second.CreateClient().GetAsync(jwksPath);
        Assert.Equal(keySet.Headers.ETag, (await first.CreateClient().GetAsync(jwksPath)).Headers.ETag);

        // On the first node the district's admin revokes the credential and rotates the district's keys: that node sees both at once.
        var district = await first.OrganizationIdAsync("demo-district");
        var admin = await first.SignedInClientAsync(DemoPeople.Admin);
        var revoke = new Dictionary<string, string> { ["district"] = district.ToString(), ["credential"] = credential.Id, ["reason"] = "Awarded in error" };
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync($"/district/credentials?district={district}", revoke, handler: "revoke")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync($"/district/credentials?district={district}", new Dictionary<string, string> { ["district"] = district.ToString() }, handler: "rotate")).StatusCode);
        Assert.False(await ValidOnAsync(first));
        var rotated = await first.CreateClient().GetAsync(jwksPath);
        Assert.NotEqual(keySet.Headers.ETag, rotated.Headers.ETag);

        // The second node still answers from what it read (its caches are in place, and nothing tells it)...
        Assert.True(await ValidOnAsync(second));
        Assert.Equal(keySet.Headers.ETag, (await second.CreateClient().GetAsync(jwksPath)).Headers.ETag);

        // ...until what it read is Revisions.Lifetime old; with a shared cache's lifetime on top that is within the minute.
        Assert.True(Revisions.Lifetime + rotated.Headers.CacheControl!.MaxAge!.Value <= TimeSpan.FromMinutes(1));
        clock.Advance(Revisions.Lifetime);
        Assert.False(await ValidOnAsync(second));
        var fromSecond = await second.CreateClient().GetAsync(jwksPath);
        Assert.Equal(rotated.Headers.ETag, fromSecond.Headers.ETag);
        Assert.Equal(await rotated.Content.ReadAsStringAsync(), await fromSecond.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Liveness_answers_while_the_database_is_down_and_readiness_does_not()
    {
        var database = (PostgresDatabase)await TestDatabase.CreateAsync("Postgres");
        await using var _ = database;
        await using var site = new TestSite(database);
        var client = site.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        await database.TakeDownAsync(); // the site's database is gone, as when its server is unreachable
        var ready = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("down", JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("database").GetProperty("status").GetString());
        var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("live", JsonDocument.Parse(await live.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        Assert.Equal("no-store", live.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Sqlite_settings_are_made_once_per_physical_connection_not_at_every_open()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var site = new TestSite(database);
        await site.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PLBadgesDbContext>();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            var handle = connection.Handle;
            Assert.Equal(-16384L, await ScalarAsync(connection, "PRAGMA cache_size"));
            Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA synchronous")); // NORMAL

            // A setting changed on this physical connection survives a close and an open: nothing runs the PRAGMAs again.
            await ScalarAsync(connection, "PRAGMA cache_size = -2000");
            await db.Database.CloseConnectionAsync();
            await db.Database.OpenConnectionAsync();
            Assert.Same(handle, connection.Handle); // the pool gave the same physical connection back
            Assert.Equal(-2000L, await ScalarAsync(connection, "PRAGMA cache_size"));
            await ScalarAsync(connection, "PRAGMA cache_size = -16384");
            await db.Database.CloseConnectionAsync();
        });
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
