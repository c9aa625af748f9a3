using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace PLBadges.Identity.OpenId;

/// <summary>
/// The form_post response (OpenIddict writes a page whose one inline script submits the form to the
/// app) gets a policy of its own: that script allowed by its hash, the form allowed to post to the
/// app's redirect URI and nowhere else. The site-wide policy, which allows no inline script, would
/// leave the person on a blank page. No nonce: the page is the same for every response.
/// </summary>
internal static class FormPostPolicy
{
    /// <summary>The script OpenIddict writes (OpenIddictServerAspNetCoreHandlers.Authentication.ProcessFormPostResponse); the browser test fails if it changes.</summary>
    public const string Script = "document.form.submit();";

    public static readonly string ScriptHash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Script)));

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyAuthorizationResponseContext>()
            .UseInlineHandler(Apply)
            .SetOrder(OpenIddictServerAspNetCoreHandlers.Authentication.ProcessFormPostResponse.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static string For(Uri redirectUri) =>
        $"default-src 'none'; script-src '{ScriptHash}'; form-action {Target(redirectUri)}; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The redirect URI as a source expression: its path on http(s) (its origin if the path has characters a policy cannot hold), its scheme otherwise (an app's own).</summary>
    private static string Target(Uri redirectUri)
    {
        if (redirectUri.Scheme != Uri.UriSchemeHttp && redirectUri.Scheme != Uri.UriSchemeHttps)
        {
            return redirectUri.Scheme + ":";
        }

        var path = redirectUri.GetLeftPart(UriPartial.Path);
        return path.IndexOfAny([';', ',', ' ', '\'']) >= 0 ? redirectUri.GetLeftPart(UriPartial.Authority) : path;
    }

    private static ValueTask Apply(ApplyAuthorizationResponseContext context)
    {
        if (context.ResponseMode == ResponseModes.FormPost && Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var redirect)
            && context.Transaction.GetHttpRequest()?.HttpContext.Response is { } response)
        {
            response.Headers.ContentSecurityPolicy = For(redirect);
        }

        return ValueTask.CompletedTask;
    }
}
