using System.Reflection;
using Microsoft.EntityFrameworkCore;
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
        endpoints.MapGet("/health", async Task<IResult> (PLBadgesDbContext db, HttpContext context, CancellationToken cancellationToken) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            bool up;
            try
            {
                up = await ReadyAsync(db, cancellationToken);
            }
            catch (Exception)
            {
                up = false;
            }

            var body = new HealthReport(
                up ? "healthy" : "unhealthy",
                new DatabaseHealth(up ? "up" : "down", db.IsPostgres ? "Postgres" : "Sqlite", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds),
                Version);
            return up ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        })
        .AsPublicDocument()
        .ExcludeFromDescription();
    }

    /// <summary>
    /// The database answers a query about the schema, on the request's own pooled connection. (CanConnectAsync opens a
    /// fresh read-only physical connection on SQLite every time: about 3 ms, most of /health's cost; bench "pipeline".)
    /// </summary>
    private static async Task<bool> ReadyAsync(PLBadgesDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync("SELECT 1 FROM \"__EFMigrationsHistory\" LIMIT 1", cancellationToken);
        return true;
    }

    internal sealed record HealthReport(string Status, DatabaseHealth Database, string Version);

    internal sealed record DatabaseHealth(string Status, string Provider, double ElapsedMs);
}
