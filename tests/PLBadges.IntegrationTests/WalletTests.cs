using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Credentials.Signing;
using PLBadges.Credentials.Wallet;
using PLBadges.Data;

namespace PLBadges.IntegrationTests;

/// <summary>
/// Handing a credential to the Learner Credential Wallet, driven as the wallet drives it: the interaction URL and
/// <c>POST {}</c>; the request link answered with a presentation the wallet's own libraries sign over a fresh did:key
/// (under Node); and the refusals: used, expired, someone else's, wrong challenge.
/// </summary>
public abstract class WalletTests(CredentialSiteFixture fixture)
{
    private TestSite Site => fixture.Site;

    private const string Origin = CredentialSiteFixture.Origin;

    private sealed record Opened(HttpClient Owner, string CredentialId, string InteractionUrl, Uri RequestLink, string Page);

    /// <summary>A teacher with a credential opens "Add to a digital wallet" on it, as a person does.</summary>
    private async Task<Opened> OpenAsync()
    {
        var email = $"w{Guid.NewGuid():N}"[..12] + "@demo.plbadges.test";
        await Site.AddPersonAsync(email);
        var id = await Site.IssueAsync(email, "ef-task-analysis");
        var owner = await Site.SignedInClientAsync(email);
        var list = await owner.GetDocumentAsync("/me/credentials");
        Assert.NotNull(list.QuerySelector($"a[href='/me/credentials/{id}/wallet']"));

        var opened = await owner.SubmitAsync($"/me/credentials/{id}/wallet", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var page = opened.Headers.Location!.ToString();
        var panel = await owner.GetDocumentAsync(page);
        Assert.StartsWith("data:image/png;base64,", panel.QuerySelector("img.wallet-qr")!.GetAttribute("src"));
        var interaction = panel.QuerySelector("#wallet-link")!.GetAttribute("value")!;
        Assert.Equal($"interaction:{interaction}", panel.QuerySelector("#wallet-same-device")!.GetAttribute("href"));
        return new Opened(owner, id, interaction, new Uri(panel.QuerySelector("#wallet-request-link")!.GetAttribute("href")!), page);
    }

    private static string PathOf(string url) => new Uri(url).PathAndQuery;

    private async Task<HttpResponseMessage> PostJsonAsync(string url, JsonNode body) =>
        await Site.CreateClient().PostAsync(PathOf(url), new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    private async Task<string> ExchangeOfAsync(string interactionUrl)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, PathOf(interactionUrl));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await Site.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var protocols = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["protocols"]!.AsObject();
        return (string)protocols["vcapi"]!;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(title, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["title"]);
    }

    /// <summary>What the owner's page says of the latest exchange of the kind.</summary>
    private async Task<string> StateOnPageAsync(Opened opened, ExchangeKind kind) =>
        (await opened.Owner.GetDocumentAsync($"/me/credentials/{opened.CredentialId}/wallet")).QuerySelectorAll($"tr.wallet-exchange[data-kind='{kind}']").First().TextContent;

    [Fact]
    public async Task The_offer_is_taken_as_the_wallet_takes_it_once_and_the_credential_verifies_independently()
    {
        var opened = await OpenAsync();
        Assert.Matches($"^{Origin}/wallet/interactions/[A-Za-z0-9_-]{{22}}\\?iuv=1$", opened.InteractionUrl);

        // A person who opens the link in a browser is told what it is for.
        var html = await Site.CreateClient().GetAsync(PathOf(opened.InteractionUrl));
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Contains("wallet app", await html.Content.ReadAsStringAsync());

        var exchange = await ExchangeOfAsync(opened.InteractionUrl);
        Assert.StartsWith($"{Origin}/wallet/exchanges/", exchange);
        var answer = await PostJsonAsync(exchange, new JsonObject());
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var presentation = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["verifiablePresentation"]!;
        Assert.Equal(["https://www.w3.org/ns/credentials/v2"], presentation["@context"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(["VerifiablePresentation"], presentation["type"]!.AsArray().Select(c => (string)c!));
        var credential = presentation["verifiableCredential"]![0]!.AsObject();
        Assert.True(JsonNode.DeepEquals(credential, JsonNode.Parse(await Site.CreateClient().GetStringAsync($"/credentials/{opened.CredentialId}.json"))));
        var verdict = (await NodeVerifiers.VerifyAsync(Site, credential))[0];
        Assert.True(verdict.DigitalBazaarVerified && verdict.CoreSignature && verdict.CoreRevocation == true, verdict.ToString());

        // Used once: asked again, the interaction and the exchange both refuse, as problem details.
        await AssertProblemAsync(await PostJsonAsync(exchange, new JsonObject()), HttpStatusCode.Gone, "Already used");
        var again = new HttpRequestMessage(HttpMethod.Get, PathOf(opened.InteractionUrl));
        again.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        await AssertProblemAsync(await Site.CreateClient().SendAsync(again), HttpStatusCode.Gone, "Already used");
        Assert.Contains("Delivered", await StateOnPageAsync(opened, ExchangeKind.Offer));
        await AssertProblemAsync(await PostJsonAsync($"{Origin}/wallet/exchanges/not-an-exchange", new JsonObject()), HttpStatusCode.NotFound, "No such exchange");
    }

    [Fact]
    public async Task The_request_link_answers_a_presentation_signed_by_the_wallet_with_a_copy_issued_to_its_did()
    {
        var opened = await OpenAsync();
        Assert.Equal("dccrequest", opened.RequestLink.Scheme);
        var query = HttpUtility.ParseQueryString(opened.RequestLink.Query);
        var district = await Site.OrganizationIdAsync("demo-district");
        Assert.Equal(IssuerDid.For(Origin, district), query["issuer"]);
        Assert.Equal("bearer", query["auth_type"]);
        var (did, presentation) = NodeVerifiers.WalletPresentation(query["challenge"]!);

        var answer = await PostJsonAsync(query["vc_request_url"]!, presentation);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var copy = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!.AsObject();
        var original = JsonNode.Parse(await Site.CreateClient().GetStringAsync($"/credentials/{opened.CredentialId}.json"))!.AsObject();
        Assert.Equal(did, (string?)copy["credentialSubject"]!["id"]);
        Assert.NotEqual((string?)original["id"], (string?)copy["id"]);
        Assert.True(JsonNode.DeepEquals(original["credentialStatus"], copy["credentialStatus"]));
        Assert.Equal($"{original["id"]}.json", (string?)copy["relatedResource"]![0]!["id"]);
        Assert.StartsWith("sha384-", (string?)copy["relatedResource"]![0]!["digestSRI"]);
        Assert.Contains("Delivered", await StateOnPageAsync(opened, ExchangeKind.Request));

        var verdict = (await NodeVerifiers.VerifyAsync(Site, copy))[0];
        Assert.True(verdict.DigitalBazaarVerified && verdict.CoreSignature && verdict.CoreRevocation == true && verdict.CoreSchemaValid, verdict.ToString());
        Assert.True(JsonNode.DeepEquals(copy, JsonNode.Parse(await Site.CreateClient().GetStringAsync(PathOf($"{copy["id"]}.json")))));

        // One revocation covers both: the copy shares the original's status entry.
        var admin = await Site.SignedInClientAsync(DemoPeople.Admin);
        await admin.SubmitAsync($"/district/credentials?district={district}", new Dictionary<string, string> { ["district"] = district.ToString(), ["credential"] = opened.CredentialId, ["reason"] = "Awarded in error" }, handler: "revoke");
        var ours = JsonNode.Parse(await (await PostJsonAsync($"{Origin}/api/v1/verify", copy)).Content.ReadAsStringAsync())!;
        Assert.False((bool)ours["valid"]!);
        Assert.Contains("Awarded in error", ours.ToJsonString());
        Assert.False((await NodeVerifiers.VerifyAsync(Site, copy))[0].CoreRevocation);
    }

    [Fact]
    public async Task A_wrong_challenge_an_expired_exchange_and_someone_elses_are_refused()
    {
        // Wrong challenge: refused, and the link is spent (the owner's page says it failed).
        var opened = await OpenAsync();
        var query = HttpUtility.ParseQueryString(opened.RequestLink.Query);
        var (_, wrong) = NodeVerifiers.WalletPresentation("not-the-challenge");
        await AssertProblemAsync(await PostJsonAsync(query["vc_request_url"]!, wrong), HttpStatusCode.BadRequest, "The wallet's signature was not accepted");
        Assert.Contains("Failed", await StateOnPageAsync(opened, ExchangeKind.Request));
        var (_, right) = NodeVerifiers.WalletPresentation(query["challenge"]!);
        await AssertProblemAsync(await PostJsonAsync(query["vc_request_url"]!, right), HttpStatusCode.Gone, "Already used");
        Assert.Equal(0, await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<WalletCopy>().CountAsync(c => c.OriginalId == opened.CredentialId)));

        // Expired: fifteen minutes after it was opened.
        var late = await OpenAsync();
        var exchange = await ExchangeOfAsync(late.InteractionUrl);
        var exchangeId = exchange[(exchange.LastIndexOf('/') + 1)..];
        await Site.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PLBadgesDbContext>();
            var row = await db.Set<WalletExchange>().SingleAsync(x => x.Id == exchangeId);
            Assert.Equal(WalletHandoff.Lifetime, row.ExpiresAt - row.CreatedAt);
            row.ExpiresAt = DateTime.UtcNow.AddSeconds(-1);
            await db.SaveChangesAsync();
        });
        await AssertProblemAsync(await PostJsonAsync(exchange, new JsonObject()), HttpStatusCode.Gone, "Expired");
        Assert.Contains("Expired", await StateOnPageAsync(late, ExchangeKind.Offer));

        // Someone else's: another teacher can neither open the owner's page nor start a hand-off of the owner's credential.
        var other = await Site.SignedInClientAsync(DemoPeople.Teacher2);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/me/credentials/{opened.CredentialId}/wallet")).StatusCode);
        var theirs = (await other.GetDocumentAsync("/me/credentials")).QuerySelector("a[href$='/wallet']")?.GetAttribute("href");
        if (theirs != null)
        {
            var token = (await other.GetDocumentAsync(theirs)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var forged = await other.PostAsync($"/me/credentials/{opened.CredentialId}/wallet", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(opened.Page)).StatusCode);
        var anonymous = await Site.CreateBrowserlikeClient().GetAsync($"/me/credentials/{opened.CredentialId}/wallet");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_standard_did_authentication_exchange_is_ready_but_offered_to_nobody()
    {
        var opened = await OpenAsync();
        Assert.DoesNotContain("DIDAuthentication", await (await opened.Owner.GetAsync(opened.Page)).Content.ReadAsStringAsync());
        Assert.Equal(0, await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<WalletExchange>().CountAsync(x => x.Kind == ExchangeKind.DidAuthentication)));

        var owner = await Site.InScopeAsync(s => s.GetRequiredService<PLBadgesDbContext>().Set<PLBadges.Credentials.Issuing.IssuedCredential>().Where(c => c.Id == opened.CredentialId).Select(c => c.RecipientId).SingleAsync());
        var didAuth = (await Site.InScopeAsync(s => s.GetRequiredService<WalletHandoff>().OpenAsync(owner, opened.CredentialId, [ExchangeKind.DidAuthentication], CancellationToken.None)))[0];
        var exchange = await ExchangeOfAsync($"{Origin}/wallet/interactions/{didAuth.Id}?iuv=1");

        var request = JsonNode.Parse(await (await PostJsonAsync(exchange, new JsonObject())).Content.ReadAsStringAsync())!["verifiablePresentationRequest"]!;
        Assert.Equal("DIDAuthentication", (string?)request["query"]![0]!["type"]);
        var (did, presentation) = NodeVerifiers.WalletPresentation((string)request["challenge"]!, (string)request["domain"]!);
        var answer = await PostJsonAsync((string)request["interact"]!["service"]![0]!["serviceEndpoint"]!, new JsonObject { ["verifiablePresentation"] = presentation });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var copy = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["verifiablePresentation"]!["verifiableCredential"]![0]!.AsObject();
        Assert.Equal(did, (string?)copy["credentialSubject"]!["id"]);
        Assert.True((await NodeVerifiers.VerifyAsync(Site, copy))[0].DigitalBazaarVerified);
    }
}

public sealed class WalletOnSqlite(SqliteCredentialSite fixture) : WalletTests(fixture), IClassFixture<SqliteCredentialSite>;

public sealed class WalletOnPostgres(PostgresCredentialSite fixture) : WalletTests(fixture), IClassFixture<PostgresCredentialSite>;
