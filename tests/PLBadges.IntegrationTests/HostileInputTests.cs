using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Abstractions.Outbound;
using PLBadges.Cohorts.Academy;
using PLBadges.Credentials.Baking;
using PLBadges.Credentials.Signing;
using PLBadges.Credentials.Verifying;
using PLBadges.Data;
using PLBadges.Organizations.Tree;
using PLBadges.Pathways.Catalog;
using PLBadges.Pathways.Contracts;
using PLBadges.Recognition.Programmes;

namespace PLBadges.IntegrationTests;

/// <summary>
/// The demo site on Kestrel (real HTTP, so request size limits and connections are the server's own),
/// whose guarded client may reach localhost (where <see cref="ForeignIssuer"/> runs) and trusts that
/// issuer's self-signed certificate; evidence files up to 64 KB.
/// </summary>
public abstract class HostileInputSite(string provider) : SiteFixture(provider)
{
    public const long MaxFileBytes = 64 * 1024;

    public const string Origin = "https://badges.demo-district.test";

    internal ForeignIssuer Issuer { get; } = new();

    protected override bool OnKestrel => true;

    protected override Task<IDictionary<string, string?>> SettingsAsync() => Task.FromResult<IDictionary<string, string?>>(new Dictionary<string, string?>
    {
        ["Site:PublicBaseUrl"] = Origin,
        ["Outbound:AllowPrivateHosts:0"] = "localhost",
        ["Evidence:MaxFileBytes"] = MaxFileBytes.ToString(),
        ["Evidence:MaxSubmissionBytes"] = (2 * MaxFileBytes).ToString(),
    });

    protected override Action<IServiceCollection> SiteServices => services =>
    {
        var trust = new OutboundTrust();
        trust.Roots.Add(Issuer.Certificate);
        services.AddSingleton(trust);
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}

public sealed class SqliteHostileInputSite() : HostileInputSite("Sqlite");

public sealed class PostgresHostileInputSite() : HostileInputSite("Postgres");

/// <summary>Issue 17: what an attacker tried, each now answered with a reason and never a 500, by the one mechanism for its kind of fault.</summary>
public abstract class HostileInputTests(HostileInputSite fixture)
{
    private TestSite Site => fixture.Site;

    private async Task<JsonElement> VerifyAsync(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var response = await Site.CreateClient().PostAsync("/api/v1/verify", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static JsonElement Check(JsonElement result, string name) =>
        result.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static void Refused(JsonElement result, string check, string reason)
    {
        Assert.False(result.GetProperty("valid").GetBoolean(), result.ToString());
        var failed = Check(result, check);
        Assert.False(failed.GetProperty("passed").GetBoolean(), result.ToString());
        Assert.Contains(reason, failed.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    // Finding 3 ------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_credential_signed_on_another_host_is_named_by_that_host_never_by_the_district_it_claims()
    {
        var issuer = await fixture.Issuer.StartedAsync();
        var jwt = issuer.Credential(Guid.NewGuid(), "Riverbend Unified School District");

        // Through the API: valid (the other host's key did sign it), issued by that host, the name only its claim.
        var result = await VerifyAsync(Encoding.ASCII.GetBytes(jwt), "application/vc+jwt");
        Assert.True(result.GetProperty("valid").GetBoolean(), result.ToString());
        var credential = result.GetProperty("credential");
        Assert.Equal(issuer.Host, credential.GetProperty("issuerName").GetString());
        Assert.False(credential.GetProperty("issuerKnown").GetBoolean());
        Assert.Equal("Riverbend Unified School District", credential.GetProperty("issuerClaimedName").GetString());
        Assert.Contains($"a name claimed by {issuer.Host}", Check(result, "issuer").GetProperty("message").GetString());

        // Through the page anyone uses, with the text pasted as a visitor would.
        var page = await Site.CreateBrowserlikeClient().PostAsync("/verify", new FormUrlEncodedContent(new Dictionary<string, string> { ["credential"] = jwt }));
        var text = await page.TextAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"issued by {issuer.Host}", text);
        Assert.Contains($"“Riverbend Unified School District”: a name claimed by {issuer.Host}, not an issuer this site knows", text);
        Assert.DoesNotContain("issued by Riverbend Unified School District", text);
    }

    [Fact]
    public async Task A_foreign_issuer_a_state_trusts_goes_by_the_name_the_state_gave_it()
    {
        var issuer = await fixture.Issuer.StartedAsync();
        var id = Guid.NewGuid();
        await Site.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PLBadgesDbContext>();
            db.Add(new TrustedIssuer { StateId = await Site.OrganizationIdAsync("demo-state"), IssuerUrl = issuer.IssuerUrl(id), Name = "Neighboring State Academy", AddedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

        var credential = (await VerifyAsync(Encoding.ASCII.GetBytes(issuer.Credential(id, "Anything it likes")), "application/jwt")).GetProperty("credential");

        Assert.Equal("Neighboring State Academy", credential.GetProperty("issuerName").GetString());
        Assert.True(credential.GetProperty("issuerKnown").GetBoolean());
    }

    // Finding 4 ------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_key_named_at_any_form_of_a_private_address_is_not_fetched()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            foreach (var host in new[] { "127.0.0.1", "[::1]", "2130706433", "0x7f.1", "[::ffff:127.0.0.1]", "[64:ff9b::7f00:1]", "[2002:7f00:1::]", "198.18.0.1" })
            {
                var header = new JsonObject { ["alg"] = "RS256", ["kid"] = $"https://{host}:{port}/keys/1", ["typ"] = "vc+jwt" };
                var token = Jws.Sign(header, new JsonObject { ["iss"] = $"https://{host}:{port}" }, _ => new byte[256]);

                Refused(await VerifyAsync(Encoding.ASCII.GetBytes(token), "application/jwt"), "signature", "could not be found");
                Assert.False(listener.Pending(), $"The verifier connected to {host}.");
            }
        }
        finally
        {
            listener.Stop();
        }
    }

    // Findings 1, 2 and 5 (verifier) --------------------------------------------------------------------

    [Fact]
    public async Task Hostile_credentials_fail_a_check_with_a_reason_and_the_readers_stop_on_their_counters()
    {
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(new byte[8 * 1024 * 1024]);
        }

        var bomb = PngWithCompressedCredential(compressed.ToArray());
        var deepSvg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\">" + string.Concat(Enumerable.Repeat("<g>", 100_000)) + string.Concat(Enumerable.Repeat("</g>", 100_000)) + "</svg>");
        var longList = Encoding.UTF8.GetBytes("{\"type\":[" + string.Join(",", Enumerable.Repeat("\"a\"", 100_000)) + "]}");
        var header = System.Buffers.Text.Base64Url.EncodeToString("{\"alg\":\"RS256\",\"kid\":\"k\"}"u8.ToArray());

        Refused(await VerifyAsync(bomb, "image/png"), "format", "compression flag 0");
        Refused(await VerifyAsync(deepSvg, "image/svg+xml"), "format", "deeper than 64 levels");
        Refused(await VerifyAsync(longList, "application/json"), "format", "more than 500 items");
        Refused(await VerifyAsync("{\"id\":\"urn:a\",\"id\":\"urn:b\",\"type\":[]}"u8.ToArray(), "application/json"), "format", "names the same property twice");
        Refused(await VerifyAsync("{\"creditsAvailable\":1e999999}"u8.ToArray(), "application/json"), "format", "outside the range");
        Refused(await VerifyAsync(Encoding.ASCII.GetBytes($"{header}.{System.Buffers.Text.Base64Url.EncodeToString("{\"exp\":-1e18}"u8.ToArray())}.c2ln"), "application/jwt"), "format", "outside the range");

        // The same through the verifier itself, where its counters show where each reader stopped.
        var svg = await Site.InScopeAsync(s => s.GetRequiredService<CredentialVerifier>().VerifyAsync(deepSvg, CredentialForm.Svg, CancellationToken.None));
        Assert.Equal(65, svg.Read.DepthReached);
        var list = await Site.InScopeAsync(s => s.GetRequiredService<CredentialVerifier>().VerifyAsync(longList, CredentialForm.Json, CancellationToken.None));
        Assert.Equal(501, list.Read.LongestArray);
        Assert.Equal(503, list.Read.Nodes);
    }

    [Fact]
    public async Task A_pasted_credential_larger_than_the_form_allows_gets_the_size_reason()
    {
        var page = await Site.CreateBrowserlikeClient().PostAsync("/verify", new FormUrlEncodedContent(new Dictionary<string, string> { ["credential"] = new string('e', 5 * 1024 * 1024) }));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("larger than the 2 MB a credential or badge image may be", await page.TextAsync());
    }

    // Finding 5 (dates) -----------------------------------------------------------------------------------

    [Fact]
    public async Task A_year_one_rollout_date_is_refused_at_the_field_and_a_stored_one_shows_as_needing_a_fix()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var code = Unique("oak");
        var form = await admin.GetDocumentAsync("/district/schools/edit");
        var fields = new Dictionary<string, string>
        {
            ["DistrictId"] = form.QuerySelector("input[name=DistrictId]")!.GetAttribute("value")!,
            ["Input.Name"] = "Oak Grove " + code, ["Input.Code"] = code, ["Input.DeviceRolloutDate"] = "0001-01-01",
        };

        var refused = await admin.SubmitAsync("/district/schools/edit", fields);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var document = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Contains("between 1 January 2000 and 31 December 2100", document.QuerySelector("[data-valmsg-for='Input.DeviceRolloutDate']")!.TextContent);
        Assert.Equal(0, await Site.CountAsync("Organizations", $"\"Code\" = '{code}'"));

        // A row saved before the range was checked: every page that reads it still answers, and says what to fix.
        fields["Input.DeviceRolloutDate"] = "2028-09-01";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync("/district/schools/edit", fields)).StatusCode);
        await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<Organization>().Where(o => o.Code == code)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.DeviceRolloutDate, new DateOnly(1, 1, 1))));

        var readiness = await admin.GetAsync("/district/readiness");
        Assert.Equal(HttpStatusCode.OK, readiness.StatusCode);
        var row = new HtmlParser().ParseDocument(await readiness.Content.ReadAsStringAsync()).QuerySelector($"tr[data-school='{code}']")!;
        Assert.Equal("NeedsFix", row.GetAttribute("data-state"));
        Assert.Contains("Needs a fix", row.TextContent);
        Assert.Contains("Correct it on the school's page", row.TextContent);

        var csv = await admin.GetAsync("/district/readiness?handler=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains("Needs a fix", await csv.Content.ReadAsStringAsync());

        var api = await admin.GetFromJsonAsync<List<JsonElement>>("/api/v1/readiness");
        Assert.Equal("NeedsFix", api!.Single(r => r.GetProperty("school").GetString()!.EndsWith(code, StringComparison.Ordinal)).GetProperty("state").GetString());

        var cohorts = await admin.GetAsync("/district/cohorts");
        Assert.Equal(HttpStatusCode.OK, cohorts.StatusCode);
        Assert.Contains("its rollout date (1 January 0001) needs a fix", await cohorts.TextAsync());
    }

    [Fact]
    public async Task Coaching_dates_out_of_range_are_refused_with_a_reason()
    {
        var teacher = await Site.NewTeacherAsync(Unique("coached") + "@demo.plbadges.test");
        var cycle = await Site.StartCycleAsync(DemoPeople.Coach, teacher);
        var coach = await Site.SignedInClientAsync(DemoPeople.Coach);

        var feed = await coach.GetAsync("/api/v1/me/coaching/meetings?from=9999-12-31");
        Assert.Equal(HttpStatusCode.BadRequest, feed.StatusCode);
        Assert.Contains("between 1 January 2000 and 31 December 2100", await feed.Content.ReadAsStringAsync());

        var typed = await coach.SubmitAsync($"/coaching/cycles/{cycle}", new Dictionary<string, string> { ["kind"] = "Debrief", ["date"] = "9999-12-31", ["start"] = "23:30", ["end"] = "23:59" }, formAction: "handler=manual");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, typed.StatusCode);
        Assert.Contains("between 1 January 2000 and 31 December 2100", await typed.TextAsync());

        var slot = await coach.SubmitAsync($"/coaching/cycles/{cycle}", new Dictionary<string, string> { ["kind"] = "Debrief", ["slot"] = "9999-12-31T23:45:00Z", ["minutes"] = "30" }, handler: "schedule");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, slot.StatusCode);
        Assert.Contains("between 1 January 2000 and 31 December 2100", await slot.TextAsync());
        Assert.Equal(0, await Site.MeetingCountAsync(cycle));
    }

    [Fact]
    public async Task An_academy_session_at_a_time_the_clocks_skip_moves_forward_by_the_gap()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var created = await admin.SubmitAsync("/district/cohorts", new Dictionary<string, string> { ["Name"] = "Spring-forward academy " + Unique("a"), ["ProgrammeYear"] = "2026–27" });
        var cohort = Guid.Parse(created.Headers.Location!.OriginalString.Split('/').Last());

        // 14 March 2027 in Chicago (the district's zone): 2:00 becomes 3:00, so 2:30 never happens.
        var added = await admin.SubmitAsync($"/district/cohorts/{cohort}", new Dictionary<string, string> { ["title"] = "Early start", ["date"] = "2027-03-14", ["starts"] = "02:30", ["ends"] = "04:00", ["place"] = "Library" }, "Session");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var session = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<CohortSession>().SingleAsync(x => x.CohortId == cohort));
        Assert.Equal(new DateTime(2027, 3, 14, 8, 30, 0), session.StartUtc); // 3:30 CDT
        Assert.Equal(new DateTime(2027, 3, 14, 9, 0, 0), session.EndUtc); // 4:00 CDT
    }

    // Finding 6 -------------------------------------------------------------------------------------------

    [Fact]
    public async Task Links_that_are_not_web_addresses_are_refused_at_the_field_and_nothing_is_published()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Platform);
        var page = "/authoring/micro-credentials/mtss-universal-screening";
        var text = (await admin.GetDocumentAsync(page)).QuerySelector("#Text")!.TextContent;
        var versions = await Site.CountAsync("MicroCredentialVersions");

        foreach (var (list, entry) in new[]
        {
            ("research:", new[] { "- author: \"Mallory\"", "  title: \"A trap\"", "  year: 2020", "  url: \"javascript:alert(document.cookie)\"" }),
            ("alignments:", new[] { "- framework: \"MTSS\"", "  name: \"Tier 1\"", "  url: \"data:text/html,<script>alert(1)</script>\"" }),
        })
        {
            var response = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Text"] = Insert(text, list, entry) }, handler: "publish");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var message = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for=Text]")!.TextContent;
            Assert.Contains("must be a web address starting with https://", message);
        }

        var old = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Text"] = Insert(text, "research:", ["- author: \"Someone\"", "  title: \"Too old\"", "  year: 1850"]) }, handler: "publish");
        Assert.Contains("year must be from 1900", await old.TextAsync());
        Assert.Equal(versions, await Site.CountAsync("MicroCredentialVersions"));
    }

    [Fact]
    public async Task Publishing_asks_the_credential_module_whether_a_credential_of_the_content_would_be_valid()
    {
        var content = await Site.InScopeAsync(async s => (await s.GetRequiredService<IMicroCredentialCatalog>().PublishedAsync("mtss-universal-screening"))!.Content);
        Alignment Aligned(string? code, string url) => new("CAST UDL Guidelines 3.0", "Guideline 7", code, url);

        // An alignment with a link and no code: the credential leaves the code out (no "targetCode": null) and passes.
        var fine = await Site.InScopeAsync(s => Task.FromResult(s.GetRequiredService<Publishing>().Problems("x", content with { Alignments = [Aligned(null, "https://udlguidelines.cast.org/")] })));
        Assert.Empty(fine);

        // Content that got past the editor some other way: the check, Credentials' own, refuses it.
        var refused = await Site.InScopeAsync(s => Task.FromResult(s.GetRequiredService<Publishing>().Problems("x", content with { Alignments = [Aligned("G7", "javascript:alert(1)")] })));
        Assert.Contains(refused, p => p.Contains("Guideline 7"));
    }

    // Finding 7 -------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_template_editor_refuses_wording_that_goes_past_a_limit_with_the_sample_values()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var district = await Site.OrganizationIdAsync("demo-district");
        var before = await Site.CountAsync("EmailTemplateOverrides");

        var refused = await admin.SubmitAsync($"/district/templates/edit?name=identity.invite&district={district}", new Dictionary<string, string>
        {
            ["Name"] = "identity.invite", ["District"] = district.ToString(), ["Subject"] = "Join", ["Body"] = "{% for i in (1..1000000) %}x{% endfor %}",
        }, handler: "save");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var message = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for=Body]")!.TextContent;
        Assert.Contains("more than 10,000 times", message);
        Assert.Equal(before, await Site.CountAsync("EmailTemplateOverrides"));
    }

    // Finding 8 -------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_school_name_a_spreadsheet_would_run_reaches_the_readiness_csv_as_text()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var code = Unique("dde");
        var form = await admin.GetDocumentAsync("/district/schools/edit");
        const string formula = "-1+1+cmd|' /C calc'!A0";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync("/district/schools/edit", new Dictionary<string, string>
        {
            ["DistrictId"] = form.QuerySelector("input[name=DistrictId]")!.GetAttribute("value")!,
            ["Input.Name"] = formula, ["Input.Code"] = code, ["Input.DeviceRolloutDate"] = "2028-09-01",
        })).StatusCode);

        var csv = await admin.GetStringAsync("/district/readiness?handler=csv");

        var line = csv.Split("\r\n").Single(l => l.Contains("cmd|"));
        Assert.StartsWith("'" + formula + ",2028-09-01,", line);
    }

    [Fact]
    public async Task An_uploaded_file_name_loses_its_bidi_override()
    {
        var email = Unique("bidi") + "@demo.plbadges.test";
        await Site.AddPersonAsync(email);
        var teacher = await Site.SignedInClientAsync(email);
        var submission = await teacher.StartAsync();

        var uploaded = await teacher.UploadAsync(submission, "invoice\u202Efdp.txt", "Quarterly totals, in words.\n"u8.ToArray());

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Equal("invoicefdp.txt", JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_name_typed_with_line_breaks_is_kept_on_one_line()
    {
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        var email = Unique("crlf") + "@demo.plbadges.test";
        var invited = await admin.SubmitAsync("/district/people/invite", new Dictionary<string, string>
        {
            ["Name"] = "Nia\r\nBcc: everyone@example.org", ["Email"] = email, ["Role"] = "Teacher", ["School"] = (await Site.OrganizationIdAsync("lincoln-elementary")).ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var person = await Site.InScopeAsync(s => s.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PLBadges.Identity.People.Person>>().FindByEmailAsync(email));
        Assert.Equal("Nia Bcc: everyone@example.org", person!.DisplayName);
    }

    [Fact]
    public async Task A_file_over_the_limit_sent_as_the_pages_own_form_sends_it_gets_the_413_message()
    {
        var email = Unique("big") + "@demo.plbadges.test";
        await Site.AddPersonAsync(email);
        var teacher = await Site.SignedInClientAsync(email);
        var submission = await teacher.StartAsync();
        var page = $"/me/submissions/{submission}";
        var token = await teacher.TokenAsync(page);

        // The browser's multipart form: the antiforgery token is a field of the form itself, read before the file.
        HttpRequestMessage Upload(bool json)
        {
            var form = new MultipartFormDataContent("----plbadges-413")
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent("1"), "part" },
                { new ByteArrayContent(new byte[(int)HostileInputSite.MaxFileBytes + (2 * 1024 * 1024)]), "file", "scans.pdf" },
            };
            var request = new HttpRequestMessage(HttpMethod.Post, $"{page}?handler=upload&part=1") { Content = form };
            if (json)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            }

            return request;
        }

        var scripted = await teacher.SendAsync(Upload(json: true));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, scripted.StatusCode);
        Assert.Contains("larger than 64 KB", await EvidenceDriver.ErrorOfAsync(scripted));

        var plain = await teacher.SendAsync(Upload(json: false));
        Assert.Equal(HttpStatusCode.Redirect, plain.StatusCode);
        var shown = await teacher.GetDocumentAsync(plain.Headers.Location!.OriginalString);
        Assert.Contains("That file is larger than 64 KB, the most one file can be. Nothing was added", shown.Body!.TextContent);
        Assert.Equal(0, await Site.CountAsync("SubmissionArtifacts", $"\"SubmissionId\" = {(fixture.Provider == "Sqlite" ? $"'{submission.ToString().ToUpperInvariant()}'" : $"'{submission}'")}"));
    }

    private static string Insert(string text, string list, string[] entry)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n').ToList();
        var at = lines.FindIndex(l => l == list);
        var indent = lines[at + 1][..lines[at + 1].IndexOf('-')];
        lines.InsertRange(at + 1, entry.Select(e => indent + e));
        return string.Join("\n", lines);
    }

    private static byte[] PngWithCompressedCredential(byte[] deflated)
    {
        var data = Encoding.Latin1.GetBytes(PngBadge.Keyword).Concat(new byte[] { 0, 1, 0, 0, 0 }).Concat(deflated).ToArray();
        var png = PngBadge.Draw("#336699");
        using var chunk = new MemoryStream();
        PngBadge.WriteChunk(chunk, "iTXt", data); // the badge's own framing and CRC, around a compressed credential
        return [.. png[..^12], .. chunk.ToArray(), .. png[^12..]];
    }
}

public sealed class HostileInputOnSqlite(SqliteHostileInputSite fixture) : HostileInputTests(fixture), IClassFixture<SqliteHostileInputSite>;

public sealed class HostileInputOnPostgres(PostgresHostileInputSite fixture) : HostileInputTests(fixture), IClassFixture<PostgresHostileInputSite>;

/// <summary>A site of its own for the verification budget (every test client is the same caller).</summary>
public sealed class VerifyRateLimitedSite() : SiteFixture("Sqlite")
{
    public const int PerMinute = 5;

    protected override Task<IDictionary<string, string?>> SettingsAsync() =>
        Task.FromResult<IDictionary<string, string?>>(new Dictionary<string, string?> { ["RateLimits:VerifyPerMinute"] = PerMinute.ToString() });
}

public sealed class VerifyRateLimitTests(VerifyRateLimitedSite fixture) : IClassFixture<VerifyRateLimitedSite>
{
    [Fact]
    public async Task Verifications_beyond_the_budget_are_refused_with_429_on_the_api_and_the_page_alike()
    {
        var client = fixture.Site.CreateBrowserlikeClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < VerifyRateLimitedSite.PerMinute + 2; i++)
        {
            statuses.Add((await client.PostAsync("/api/v1/verify", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
        }

        Assert.Equal(VerifyRateLimitedSite.PerMinute, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/verify", new FormUrlEncodedContent(new Dictionary<string, string> { ["credential"] = "{}" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/verify")).StatusCode); // reading the page is not limited
    }
}
