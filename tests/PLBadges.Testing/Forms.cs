using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace PLBadges.Testing;

/// <summary>Pages as a browser without JavaScript sees them: GET a page, fill its form, POST it with the antiforgery token.</summary>
public static class Forms
{
    public const string DemoPassword = "Demo-Passw0rd!";

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {(html.Length > 2000 ? html[..2000] : html)}");
        }

        return new HtmlParser().ParseDocument(html);
    }

    /// <summary>Posts the page's form (the first, or the one whose action contains formAction) with the given fields.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string path, IDictionary<string, string> fields, string? handler = null, string? formAction = null)
    {
        var document = await client.GetDocumentAsync(path);
        var token = document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{path} has no antiforgery token.");
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        var target = handler == null ? path : path + (path.Contains('?') ? "&" : "?") + "handler=" + handler;
        if (formAction != null)
        {
            target = document.QuerySelectorAll("form").Select(f => f.GetAttribute("action")).FirstOrDefault(a => a?.Contains(formAction, StringComparison.Ordinal) == true)
                ?? throw new InvalidOperationException($"{path} has no form whose action contains {formAction}.");
        }

        return await client.PostAsync(target, new FormUrlEncodedContent(values));
    }

    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password = DemoPassword) =>
        await client.SubmitAsync("/account/signin", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

    public static async Task<HttpClient> SignedInClientAsync(this TestSite site, string email, string password = DemoPassword)
    {
        var client = site.CreateBrowserlikeClient();
        var response = await client.SignInAsync(email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var said = System.Text.RegularExpressions.Regex.Replace(await response.Content.ReadAsStringAsync(), "<[^>]+>|\\s+", " ").Trim();
            throw new InvalidOperationException($"{email} could not sign in: {(int)response.StatusCode} {said[..Math.Min(300, said.Length)]}");
        }

        return client;
    }

    /// <summary>The text of a refused change's page: the page shown again with the reason (422), nothing followed.</summary>
    public static async Task<string> RefusalAsync(this HttpResponseMessage response)
    {
        var text = await response.TextAsync();
        if (response.StatusCode != HttpStatusCode.UnprocessableEntity)
        {
            throw new InvalidOperationException($"Expected the change to be refused (422), got {(int)response.StatusCode}: {text[..Math.Min(text.Length, 300)]}");
        }

        return text;
    }

    public static async Task<string> TextAsync(this HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).Body?.TextContent ?? "";
}
