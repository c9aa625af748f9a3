using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PLBadges.Abstractions.Hosting;

/// <summary>
/// An address that moved (a page renamed to US English, say) keeps answering: every method gets a
/// 308 Permanent Redirect to the new address with the query string kept, so bookmarks, links in old
/// emails and scripts that post to it still arrive.
/// </summary>
public static class MovedAddresses
{
    public static IEndpointConventionBuilder MapMoved(this IEndpointRouteBuilder endpoints, string oldPath, string newPath) =>
        endpoints.Map(oldPath, (HttpContext context) => Results.Redirect(newPath + context.Request.QueryString, permanent: true, preserveMethod: true))
            .AllowAnonymous() // the new address decides who may see it
            .ExcludeFromDescription();
}
