using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PLBadges.Data;

namespace PLBadges.Identity.People;

/// <summary>Whether anyone has an account yet (a site from the setup recipe starts with nobody); once true, the answer is kept.</summary>
public sealed class SiteHasPeople(IServiceScopeFactory scopes)
{
    private volatile bool exists;

    public async Task<bool> ExistsAsync(CancellationToken cancellationToken)
    {
        if (exists)
        {
            return true;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
        exists = await db.Set<Person>().AnyAsync(cancellationToken);
        return exists;
    }

    public void Created() => exists = true;
}

/// <summary>On a site set up with no people (the setup recipe), every page leads to /setup until its first person, the platform admin, exists.</summary>
internal sealed class SetupRedirect(RequestDelegate next, SiteHasPeople check)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var isPage = HttpMethods.IsGet(context.Request.Method) && !path.StartsWithSegments("/setup") && !path.StartsWithSegments("/api")
            && !path.StartsWithSegments("/health") && !path.StartsWithSegments("/.well-known") && !path.StartsWithSegments("/_content")
            && !path.StartsWithSegments("/openapi") && !path.StartsWithSegments("/error") && !path.StartsWithSegments("/connect");
        if (isPage && !await check.ExistsAsync(context.RequestAborted))
        {
            context.Response.Redirect("/setup");
            return;
        }

        await next(context);
    }
}
