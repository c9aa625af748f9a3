using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PLBadges.Abstractions.Files;

namespace PLBadges.Data.Files;

/// <summary>The record of a kept file; the bytes live in the store's backend.</summary>
internal sealed class StoredFileRecord
{
    public string Key { get; set; } = "";

    public string Area { get; set; } = "";

    public long Size { get; set; }

    public string Sha256 { get; set; } = "";

    public DateTime KeptAt { get; set; }

    /// <summary>When the scrub last read the whole file back.</summary>
    public DateTime? CheckedAt { get; set; }

    /// <summary>What the last scrub found wrong (missing, or bytes that no longer match), or null.</summary>
    public string? Problem { get; set; }
}

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Folder</c> (the default: a folder under the data folder) or <c>S3</c> (an S3-compatible store every node shares).</summary>
    public string Provider { get; set; } = "Folder";

    /// <summary>The folder for <c>Folder</c> (and the source of <c>storage migrate</c>); relative paths are under the data folder.</summary>
    public string Folder { get; set; } = "files";

    public S3StorageOptions S3 { get; set; } = new();

    public bool IsS3 => string.Equals(Provider, "S3", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// An S3-compatible store. The two defaults that differ from the AWS SDK's matter: a server that does
/// not decode aws-chunked bodies stores the chunk framing inside the object, and the PUT still succeeds.
/// </summary>
public sealed class S3StorageOptions
{
    /// <summary>The store's address, such as <c>http://seaweedfs:8333</c>; empty means AWS itself in <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    public string Bucket { get; set; } = "";

    public string Region { get; set; } = "us-east-1";

    public string AccessKey { get; set; } = "";

    public string SecretKey { get; set; } = "";

    /// <summary>Bucket in the path (<c>host/bucket/key</c>) rather than the host name: what most self-hosted stores want.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Sends uploads as aws-chunked bodies. Off: every upload is signed whole from the seekable temporary file.</summary>
    public bool UseChunkEncoding { get; set; }

    /// <summary><c>WhenRequired</c> (the default) or <c>WhenSupported</c>: when the SDK adds and checks its own checksums.</summary>
    public string ChecksumMode { get; set; } = "WhenRequired";
}

/// <summary>Storage settings checked at start-up: one line per problem, each naming its setting.</summary>
internal sealed partial class StorageOptionsValidation : Microsoft.Extensions.Options.IValidateOptions<StorageOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var problems = new List<string>();
        if (!string.Equals(options.Provider, "Folder", StringComparison.OrdinalIgnoreCase) && !options.IsS3)
        {
            problems.Add($"Storage:Provider is \"{options.Provider}\"; it must be Folder or S3.");
        }

        if (string.IsNullOrWhiteSpace(options.Folder))
        {
            problems.Add("Storage:Folder is empty; give a folder (relative paths are under the data folder).");
        }

        if (options.IsS3)
        {
            var s3 = options.S3;
            if (!string.IsNullOrEmpty(s3.ServiceUrl) && (!Uri.TryCreate(s3.ServiceUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
            {
                problems.Add($"Storage:S3:ServiceUrl \"{s3.ServiceUrl}\" is not an http or https address.");
            }

            if (!BucketName().IsMatch(s3.Bucket))
            {
                problems.Add("Storage:S3:Bucket must name a bucket (3 to 63 lower-case letters, digits, dots and hyphens).");
            }

            if (string.IsNullOrWhiteSpace(s3.Region))
            {
                problems.Add("Storage:S3:Region is empty; give the store's region (us-east-1 for most self-hosted stores).");
            }

            if (string.IsNullOrWhiteSpace(s3.AccessKey) || string.IsNullOrWhiteSpace(s3.SecretKey))
            {
                problems.Add("Storage:S3:AccessKey and Storage:S3:SecretKey must both be set.");
            }

            if (s3.ChecksumMode is not ("WhenRequired" or "WhenSupported"))
            {
                problems.Add($"Storage:S3:ChecksumMode is \"{s3.ChecksumMode}\"; it must be WhenRequired or WhenSupported.");
            }
        }

        return problems.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problems);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}

/// <summary>
/// What every backend shares: uploads received into a temporary local file under the data folder
/// (measured, hashed and bounded as they arrive), random keys within an area, the record of each
/// file in the unit of work, and whole reads checked against the recorded SHA-256. A backend only
/// moves bytes.
/// </summary>
public abstract partial class FileStore(PLBadgesDbContext db, DataFolder dataFolder, TimeProvider clock) : IFileStore
{
    private const int BufferSize = 81920;

    public async Task<IncomingFile> ReceiveAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var incoming = Path.Combine(dataFolder.Path, "incoming");
        Directory.CreateDirectory(incoming);
        var path = Path.Combine(incoming, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw new FileTooLargeException(maxBytes);
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            return new IncomingFile(path, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    public async Task<StoredFile> KeepAsync(IncomingFile file, string area, CancellationToken cancellationToken)
    {
        if (!AreaPattern().IsMatch(area))
        {
            throw new ArgumentException("An area is a lower-case word (letters, digits, hyphens).", nameof(area));
        }

        var key = $"{area}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
        await PutBytesAsync(key, file, cancellationToken);
        var record = new StoredFileRecord { Key = key, Area = area, Size = file.Size, Sha256 = file.Sha256, KeptAt = clock.GetUtcNow().UtcDateTime };
        db.Add(record);
        return ToStoredFile(record);
    }

    public async Task<StoredFile?> FindAsync(string key, CancellationToken cancellationToken) =>
        IsKey(key) && await db.Set<StoredFileRecord>().AsNoTracking().FirstOrDefaultAsync(f => f.Key == key, cancellationToken) is { } record
            ? ToStoredFile(record)
            : null;

    public async Task<FileContent?> OpenAsync(string key, ByteRange? range, CancellationToken cancellationToken)
    {
        if (await FindAsync(key, cancellationToken) is not { } file)
        {
            return null;
        }

        if (range is { } r && (r.From < 0 || r.To < r.From || r.To >= file.Size))
        {
            throw new ArgumentOutOfRangeException(nameof(range), "The range is not within the file.");
        }

        // A range of the whole file is the whole file, checked like any other.
        var whole = range is not { } asked || (asked.From == 0 && asked.To == file.Size - 1);
        var stream = await GetBytesAsync(key, whole ? null : range, cancellationToken);
        if (stream == null)
        {
            return null;
        }

        return whole
            ? new FileContent(new ChecksumStream(stream, file.Size, file.Sha256, file.Key), file.Size, file.Size, null)
            : new FileContent(stream, range!.Value.Length, file.Size, range);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        if (!IsKey(key))
        {
            return;
        }

        await DeleteBytesAsync(key, cancellationToken);
        await db.Set<StoredFileRecord>().Where(f => f.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Writes the received file's bytes under the key.</summary>
    protected abstract Task PutBytesAsync(string key, IncomingFile file, CancellationToken cancellationToken);

    /// <summary>The bytes under the key (a range when asked), or null when the backend has none.</summary>
    protected abstract Task<Stream?> GetBytesAsync(string key, ByteRange? range, CancellationToken cancellationToken);

    protected abstract Task DeleteBytesAsync(string key, CancellationToken cancellationToken);

    public static bool IsKey(string? key) => key != null && KeyPattern().IsMatch(key);

    private static StoredFile ToStoredFile(StoredFileRecord record) => new(record.Key, record.Size, record.Sha256, record.KeptAt);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$")]
    private static partial Regex AreaPattern();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}/[0-9a-f]{32}$")]
    private static partial Regex KeyPattern();
}

/// <summary>Files in a folder (under the data folder unless rooted): <c>area/xx/key</c>, never under the web root.</summary>
public sealed class FolderFileStore : FileStore
{
    private readonly string root;

    public FolderFileStore(PLBadgesDbContext db, DataFolder dataFolder, TimeProvider clock, Microsoft.Extensions.Options.IOptions<StorageOptions> options)
        : base(db, dataFolder, clock)
    {
        var folder = options.Value.Folder;
        root = Path.GetFullPath(Path.IsPathRooted(folder) ? folder : Path.Combine(dataFolder.Path, folder));
    }

    protected override Task PutBytesAsync(string key, IncomingFile file, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(file.Path, path); // a copy, not a move: the incoming file is the caller's to dispose of
        return Task.CompletedTask;
    }

    protected override Task<Stream?> GetBytesAsync(string key, ByteRange? range, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return Task.FromResult<Stream?>(null);
        }

        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        if (range is { } r)
        {
            stream.Seek(r.From, SeekOrigin.Begin);
            stream = new BoundedStream(stream, r.Length);
        }

        return Task.FromResult<Stream?>(stream);
    }

    protected override Task DeleteBytesAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    /// <summary>The file's path; for the store's own tests and tools (a scrub, a migration), never for serving.</summary>
    public string PathOf(string key)
    {
        if (!IsKey(key))
        {
            throw new ArgumentException("Not a storage key.", nameof(key));
        }

        var (area, name) = (key[..key.IndexOf('/')], key[(key.IndexOf('/') + 1)..]);
        return Path.Combine(root, area, name[..2], name);
    }
}
