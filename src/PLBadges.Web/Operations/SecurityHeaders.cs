namespace PLBadges.Web.Operations;

/// <summary>Headers every response carries: no sniffing, no framing, a strict content policy, no referrer leaks.</summary>
internal static class SecurityHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>The job dashboard (Hangfire) writes inline script and style; it is for platform admins only, and still may not be framed.</summary>
    private const string DashboardPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public const string DashboardPath = "/admin/jobs";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                // An endpoint's own policy stands (an evidence file's sandbox, a badge's SVG, OpenIddict's form_post page).
                if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                {
                    headers.ContentSecurityPolicy = IsDashboard(context.Request) ? DashboardPolicy : ContentSecurityPolicy;
                }

                return Task.CompletedTask;
            });
            await next(context);
        });

    /// <summary>
    /// Inside UseHangfireDashboard's branch (where the response starts) the dashboard's address is the
    /// PathBase and Path is what follows it; PathBase + Path is the whole address wherever this runs.
    /// </summary>
    private static bool IsDashboard(HttpRequest request) => request.PathBase.Add(request.Path).StartsWithSegments(DashboardPath);
}
