using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PLBadges.Abstractions.Files;
using PLBadges.Abstractions.Jobs;

namespace PLBadges.Data.Files;

/// <summary>
/// Reads every kept file back whole and checks it against its recorded SHA-256 (recurring work, one
/// run at a time). What it finds wrong is logged as an error and kept on the file's record, where
/// <c>/admin/storage</c> shows it to platform admins; a file found whole again is cleared. Files are
/// taken least recently checked first, so a run that stops part-way is continued by the next.
/// </summary>
public sealed class FileScrub(IServiceScopeFactory scopes, TimeProvider clock, ILogger<FileScrub> logger) : IRecurringWork
{
    private const int BatchSize = 100;

    public const string Missing = "The stored bytes are missing.";
    public const string Changed = "The stored bytes no longer match the SHA-256 recorded when the file was kept.";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        int checkedNow, found = 0, total = 0;
        do
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PLBadgesDbContext>();
            var store = scope.ServiceProvider.GetRequiredService<IFileStore>();
            var keys = await db.Set<StoredFileRecord>().AsNoTracking()
                .Where(f => f.CheckedAt == null || f.CheckedAt < started)
                .OrderBy(f => f.CheckedAt).ThenBy(f => f.Key)
                .Select(f => f.Key).Take(BatchSize).ToListAsync(cancellationToken);
            checkedNow = keys.Count;
            foreach (var key in keys)
            {
                var problem = await CheckAsync(store, key, cancellationToken);
                if (problem != null)
                {
                    found++;
                    logger.LogError("Stored file {Key} failed its check: {Problem}", key, problem);
                }

                var now = clock.GetUtcNow().UtcDateTime;
                await db.Set<StoredFileRecord>().Where(f => f.Key == key)
                    .ExecuteUpdateAsync(s => s.SetProperty(f => f.CheckedAt, now).SetProperty(f => f.Problem, problem), cancellationToken);
            }

            total += checkedNow;
        }
        while (checkedNow == BatchSize);

        logger.LogInformation("Checked {Count} stored files; {Problems} with problems", total, found);
    }

    /// <summary>The files whose last check found a problem, most recently checked first.</summary>
    public static async Task<IReadOnlyList<StoredFileProblem>> ProblemsAsync(PLBadgesDbContext db, CancellationToken cancellationToken) =>
        await db.Set<StoredFileRecord>().AsNoTracking().Where(f => f.Problem != null)
            .OrderByDescending(f => f.CheckedAt).Take(500)
            .Select(f => new StoredFileProblem(f.Key, f.Area, f.Size, f.CheckedAt!.Value, f.Problem!))
            .ToListAsync(cancellationToken);

    /// <summary>Null when the file reads back whole and matches its SHA-256; otherwise what is wrong.</summary>
    public static async Task<string?> CheckAsync(IFileStore store, string key, CancellationToken cancellationToken)
    {
        try
        {
            await using var content = await store.OpenAsync(key, null, cancellationToken);
            if (content == null)
            {
                return Missing;
            }

            await content.Stream.CopyToAsync(Stream.Null, cancellationToken);
            return null;
        }
        catch (FileChecksumException)
        {
            return Changed;
        }
    }
}

/// <summary>A kept file the scrub found missing or changed.</summary>
public sealed record StoredFileProblem(string Key, string Area, long Size, DateTime CheckedAt, string Problem);
