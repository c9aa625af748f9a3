using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Hosting;
using PLBadges.Data;

namespace PLBadges.Web.Operations;

internal static class Health
{
    private static readonly byte[] Live = """{"status":"live"}"""u8.ToArray();

    private static readonly string Version = typeof(Health).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>
    /// GET /health: the readiness check, 200 with JSON when the site and its database answer, 503 when the database
    /// does not. GET /health/live: the liveness check, 200 whenever the process answers at all; it touches nothing
    /// (no database, no services), so a load balancer or orchestrator can tell a stuck process from a down database.
    /// </summary>
    public static void MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health/live", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = Live.Length;
            return context.Response.Body.WriteAsync(Live, context.RequestAborted).AsTask();
        })
        .AsPublicDocument()
        .ExcludeFromDescription();
        endpoints.MapGet("/health", async Task<IResult> (Readiness readiness, IOptions<DatabaseOptions> database, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var up = await readiness.CheckAsync();
            var body = new HealthReport(
                up ? "healthy" : "unhealthy",
                new DatabaseHealth(up ? "up" : "down", database.Value.IsPostgres ? "Postgres" : "Sqlite", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds),
                Version);
            return up ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        })
        .AsPublicDocument()
        .ExcludeFromDescription();
    }

    /// <summary>
    /// /health's readiness check (see <see cref="Readiness"/>): the database answers a query about the schema, on a pooled
    /// connection. (CanConnectAsync opens a fresh read-only physical connection on SQLite every time: about 3 ms, most of
    /// /health's cost; bench "pipeline".)
    /// </summary>
    internal static IServiceCollection AddReadiness(this IServiceCollection services) =>
        services.AddSingleton(sp => new Readiness(async cancellationToken =>
        {
            await using var scope = sp.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
            await db.Database.ExecuteSqlRawAsync("SELECT 1 FROM \"__EFMigrationsHistory\" LIMIT 1", cancellationToken);
        }));

    internal sealed record HealthReport(string Status, DatabaseHealth Database, string Version);

    internal sealed record DatabaseHealth(string Status, string Provider, double ElapsedMs);
}
