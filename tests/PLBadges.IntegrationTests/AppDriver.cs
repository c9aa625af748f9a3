using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.WebUtilities;

namespace PLBadges.IntegrationTests;

/// <summary>The tokens an app holds after the code flow.</summary>
public sealed record TokenSet(string AccessToken, string? RefreshToken);

/// <summary>An app (a public client with PKCE) as the demo recipe registers it: first-party, or a partner that must ask consent.</summary>
internal static class AppDriver
{
    public const string FirstParty = "demo-mobile-app";
    public const string FirstPartyRedirect = "http://127.0.0.1:7890/callback";
    public const string Partner = "demo-partner-app";
    public const string PartnerRedirect = "http://127.0.0.1:7891/callback";

    public static string RedirectOf(string clientId) => clientId == Partner ? PartnerRedirect : FirstPartyRedirect;

    public static string NewVerifier() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string AuthorizePath(string clientId, string scope, string verifier, string state = "s1", string? more = null) =>
        $"/connect/authorize?client_id={clientId}&response_type=code&scope={Uri.EscapeDataString(scope)}&redirect_uri={Uri.EscapeDataString(RedirectOf(clientId))}"
        + $"&state={state}&code_challenge={Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))}&code_challenge_method=S256{more}";

    /// <summary>The code in the redirect back to the app (asserting that it is one).</summary>
    public static string CodeOf(HttpResponseMessage response, string clientId)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect to the app, got {(int)response.StatusCode}");
        var location = response.Headers.Location!;
        Assert.StartsWith(RedirectOf(clientId), location.ToString());
        var code = QueryHelpers.ParseQuery(location.Query)["code"].ToString();
        Assert.False(string.IsNullOrEmpty(code), location.ToString());
        return code;
    }

    /// <summary>Answers the consent screen the browser is on (<paramref name="page"/>: its HTML) with "allow" or "deny".</summary>
    public static async Task<HttpResponseMessage> AnswerConsentAsync(this HttpClient browser, string page, string decision)
    {
        var form = new HtmlParser().ParseDocument(page).QuerySelector("form[action='/connect/authorize']") ?? throw new InvalidOperationException("No consent form on the page.");
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        fields.Add(new("decision", decision));
        return await browser.PostAsync("/connect/authorize", new FormUrlEncodedContent(fields));
    }

    /// <summary>The whole flow for a signed-in browser: authorize (allowing, if asked), then the code for tokens.</summary>
    public static async Task<TokenSet> AuthorizeAppAsync(this TestSite site, HttpClient browser, string clientId, string scope)
    {
        var verifier = NewVerifier();
        var response = await browser.GetAsync(AuthorizePath(clientId, scope, verifier));
        if (response.StatusCode == HttpStatusCode.OK)
        {
            response = await browser.AnswerConsentAsync(await response.Content.ReadAsStringAsync(), "allow");
        }

        return await site.ExchangeAsync(clientId, CodeOf(response, clientId), verifier);
    }

    public static async Task<TokenSet> ExchangeAsync(this TestSite site, string clientId, string code, string verifier)
    {
        var response = await site.TokenRequestAsync(new()
        {
            ["grant_type"] = "authorization_code", ["client_id"] = clientId, ["code"] = code, ["redirect_uri"] = RedirectOf(clientId), ["code_verifier"] = verifier,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return Tokens(body);
    }

    public static Task<HttpResponseMessage> RefreshAsync(this TestSite site, string clientId, string refreshToken) =>
        site.TokenRequestAsync(new() { ["grant_type"] = "refresh_token", ["client_id"] = clientId, ["refresh_token"] = refreshToken });

    public static Task<HttpResponseMessage> TokenRequestAsync(this TestSite site, Dictionary<string, string> form) =>
        site.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(form));

    public static TokenSet Tokens(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new TokenSet(root.GetProperty("access_token").GetString()!, root.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
