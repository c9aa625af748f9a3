namespace PLBadges.Abstractions.Files;

/// <summary>
/// Where the site keeps files that people and systems hand it (evidence, roster packages, exports):
/// a folder under the data folder by default, an S3-compatible store when several nodes share the
/// work. Files are kept under random keys (a file's name never becomes a path), each with its size
/// and SHA-256, recorded in the same unit of work as the change that keeps it.
/// </summary>
public interface IFileStore
{
    /// <summary>
    /// Copies an upload to a temporary local file, measuring and hashing it, and stops (deleting what
    /// it wrote) past <paramref name="maxBytes"/>. Check the file, then keep or dispose of it.
    /// </summary>
    /// <exception cref="FileTooLargeException">The stream holds more than <paramref name="maxBytes"/>.</exception>
    Task<IncomingFile> ReceiveAsync(Stream content, long maxBytes, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a received file under a new key in an area (a lower-case word: "evidence", "rosters")
    /// and adds its record to the unit of work: it is kept once the caller saves its changes. When the
    /// caller's save fails, the caller deletes the key.
    /// </summary>
    Task<StoredFile> KeepAsync(IncomingFile file, string area, CancellationToken cancellationToken);

    /// <summary>What is known of a kept file, or null when there is no such file.</summary>
    Task<StoredFile?> FindAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a kept file, or a range of it. Read whole, the stream checks the bytes against the
    /// recorded SHA-256 as they pass and fails at the end (<see cref="FileChecksumException"/>) when
    /// they differ; a range is not checked. Null when there is no such file.
    /// </summary>
    Task<FileContent?> OpenAsync(string key, ByteRange? range, CancellationToken cancellationToken);

    /// <summary>Deletes a kept file and its record (saved at once). Deleting a missing key does nothing.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

/// <summary>A kept file: its key, size in bytes, SHA-256 (lower-case hex) and when it was kept.</summary>
public sealed record StoredFile(string Key, long Size, string Sha256, DateTime KeptAt);

/// <summary>Bytes <see cref="From"/> to <see cref="To"/> inclusive, as an HTTP Range names them.</summary>
public readonly record struct ByteRange(long From, long To)
{
    public long Length => To - From + 1;
}

/// <summary>An opened file: its bytes (the range asked for, or all), their length, the whole file's size.</summary>
public sealed class FileContent(Stream stream, long length, long totalLength, ByteRange? range) : IAsyncDisposable, IDisposable
{
    public Stream Stream { get; } = stream;

    public long Length { get; } = length;

    public long TotalLength { get; } = totalLength;

    /// <summary>The range served, or null when this is the whole file.</summary>
    public ByteRange? Range { get; } = range;

    public ValueTask DisposeAsync() => Stream.DisposeAsync();

    public void Dispose() => Stream.Dispose();
}

/// <summary>A file received into a temporary local file, measured and hashed; disposing it deletes the temporary file.</summary>
public sealed class IncomingFile(string path, long size, string sha256) : IAsyncDisposable
{
    /// <summary>The temporary file, for checks that read it (the type of its content).</summary>
    public string Path { get; } = path;

    public long Size { get; } = size;

    public string Sha256 { get; } = sha256;

    public Stream OpenRead() => new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public ValueTask DisposeAsync()
    {
        File.Delete(Path);
        return ValueTask.CompletedTask;
    }
}

public sealed class FileTooLargeException(long maxBytes) : Exception($"The file is larger than {maxBytes} bytes.")
{
    public long MaxBytes { get; } = maxBytes;
}

/// <summary>A kept file's bytes no longer match the SHA-256 recorded when it was kept.</summary>
public sealed class FileChecksumException(string key) : IOException($"The stored file {key} does not match its recorded SHA-256: it was changed or damaged in storage.")
{
    public string Key { get; } = key;
}
