namespace PLBadges.Web.Operations;

/// <summary>
/// Nothing personal is kept by a shared cache (a CDN, a proxy): a response to a signed-in person or to a request
/// carrying credentials (a bearer token), or one that sets a cookie, is marked <c>private, no-store</c> unless the
/// endpoint already said <c>private</c> or <c>no-store</c> itself. Public documents are read without authentication
/// (<see cref="Abstractions.Hosting.PublicDocumentMetadata"/>), so they keep their own public lifetimes.
/// </summary>
internal static class PersonalResponses
{
    public const string NotShared = "private, no-store";

    public static IApplicationBuilder UsePersonalResponsesUnshared(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var context = (HttpContext)state;
                var headers = context.Response.Headers;
                var personal = context.User.Identity?.IsAuthenticated == true || headers.SetCookie.Count > 0 || context.Request.Headers.Authorization.Count > 0;
                var cacheControl = headers.CacheControl.ToString();
                if (personal && !cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase) && !cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase))
                {
                    headers.CacheControl = NotShared;
                }

                return Task.CompletedTask;
            }, context);
            await next(context);
        });
}
