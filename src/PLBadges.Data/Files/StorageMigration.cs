using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace PLBadges.Data.Files;

/// <summary>What one run of <c>storage migrate</c> did.</summary>
public sealed record StorageMigrationResult(int Files, int Copied, int AlreadyThere, IReadOnlyList<string> Failures)
{
    public string Summary =>
        $"storage migrate: {Files} files; {Copied} copied and verified, {AlreadyThere} already in the bucket and verified, {Failures.Count} failed.";
}

/// <summary>
/// Copies every kept file from the folder (<c>Storage:Folder</c>) to the S3 bucket and reads each
/// back against its recorded SHA-256. A file already in the bucket that reads back whole is left as
/// it is, so a run that stopped part-way is resumed by running it again, and a second run copies
/// nothing. The folder is not changed: remove it once the site runs on the bucket.
/// </summary>
public sealed class StorageMigration(PLBadgesDbContext db, DataFolder dataFolder, TimeProvider clock, IOptions<StorageOptions> options, S3Connection bucket)
{
    private const int PageSize = 200;

    public async Task<StorageMigrationResult> RunAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        var folder = new FolderFileStore(db, dataFolder, clock, options);
        var target = new S3FileStore(db, dataFolder, clock, bucket);
        int files = 0, copied = 0, there = 0;
        var failures = new List<string>();
        string? after = null;
        while (true)
        {
            var keys = await db.Set<StoredFileRecord>().AsNoTracking()
                .Where(f => after == null || string.Compare(f.Key, after) > 0)
                .OrderBy(f => f.Key).Select(f => f.Key).Take(PageSize).ToListAsync(cancellationToken);
            if (keys.Count == 0)
            {
                break;
            }

            foreach (var key in keys)
            {
                files++;
                if (await FileScrub.CheckAsync(target, key, cancellationToken) == null)
                {
                    there++;
                    continue;
                }

                var path = folder.PathOf(key);
                if (!File.Exists(path))
                {
                    failures.Add($"{key}: not in the folder ({path}).");
                    continue;
                }

                await target.PutFileAsync(key, path, cancellationToken);

                if (await FileScrub.CheckAsync(target, key, cancellationToken) is { } problem)
                {
                    failures.Add($"{key}: copied, but the bucket's copy fails its check ({problem}) The folder's copy may be damaged.");
                    continue;
                }

                copied++;
                if (copied % 100 == 0)
                {
                    progress($"storage migrate: {copied} copied so far");
                }
            }

            after = keys[^1];
        }

        return new StorageMigrationResult(files, copied, there, failures);
    }
}
