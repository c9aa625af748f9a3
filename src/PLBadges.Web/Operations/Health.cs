using System.Reflection;
using Microsoft.EntityFrameworkCore;
using PLBadges.Data;

namespace PLBadges.Web.Operations;

internal static class Health
{
    /// <summary>GET /health: 200 with JSON when the site and its database answer, 503 when the database does not.</summary>
    public static void MapHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/health", async Task<IResult> (PLBadgesDbContext db, CancellationToken cancellationToken) =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            bool up;
            try
            {
                up = await db.Database.CanConnectAsync(cancellationToken);
            }
            catch (Exception)
            {
                up = false;
            }

            var body = new HealthReport(
                up ? "healthy" : "unhealthy",
                new DatabaseHealth(up ? "up" : "down", db.IsPostgres ? "Postgres" : "Sqlite", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds),
                typeof(Health).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");
            return up ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        })
        .AllowAnonymous()
        .ExcludeFromDescription();

    internal sealed record HealthReport(string Status, DatabaseHealth Database, string Version);

    internal sealed record DatabaseHealth(string Status, string Provider, double ElapsedMs);
}
