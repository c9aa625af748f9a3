using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PLBadges.Data;

namespace PLBadges.Evidence.Artifacts;

public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    public long MaxFileBytes { get; set; } = 25L * 1024 * 1024;

    public long MaxSubmissionBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Where files are kept; relative paths are under the data folder (never the web root).</summary>
    public string StorageFolder { get; set; } = "evidence";
}

/// <summary>A file received and checked, waiting to be kept or thrown away.</summary>
public sealed record ReceivedFile(string TempPath, long Size, string Sha256);

/// <summary>
/// Keeps evidence files outside the web root under random names (two-letter folders), so a file's
/// name never becomes a path and nothing is served except through the access-checked endpoint.
/// </summary>
public sealed class ArtifactStore
{
    private readonly string root;

    public ArtifactStore(IOptions<EvidenceOptions> options, DataFolder dataFolder)
    {
        var folder = options.Value.StorageFolder;
        root = Path.GetFullPath(Path.IsPathRooted(folder) ? folder : Path.Combine(dataFolder.Path, folder));
        Directory.CreateDirectory(Path.Combine(root, "incoming"));
    }

    /// <summary>Copies the upload to a temporary file, stopping (and deleting it) past the limit.</summary>
    /// <exception cref="FileTooLargeException">The stream holds more than <paramref name="maxBytes"/>.</exception>
    public async Task<ReceivedFile> ReceiveAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(root, "incoming", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw new FileTooLargeException();
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            return new ReceivedFile(temp, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Moves a received file into the store; returns its random key.</summary>
    public string Keep(ReceivedFile file)
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Move(file.TempPath, path);
        return key;
    }

    public void Discard(ReceivedFile file) => File.Delete(file.TempPath);

    public Stream? Open(string? key) => key != null && File.Exists(PathOf(key)) ? File.OpenRead(PathOf(key)) : null;

    public void Delete(string? key)
    {
        if (key != null)
        {
            File.Delete(PathOf(key));
        }
    }

    private string PathOf(string key)
    {
        if (key.Length != 32 || !key.All(Uri.IsHexDigit))
        {
            throw new ArgumentException("Not a storage key.", nameof(key));
        }

        return Path.Combine(root, key[..2], key);
    }
}

public sealed class FileTooLargeException() : Exception("The file is larger than allowed.");
