using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Files;
using ByteRange = PLBadges.Abstractions.Files.ByteRange;

namespace PLBadges.Data.Files;

/// <summary>The connection to the configured bucket: one client, shared by the process (the SDK pools its connections).</summary>
public sealed class S3Connection : IDisposable
{
    public S3Connection(IOptions<StorageOptions> options)
    {
        var s3 = options.Value.S3;
        Name = s3.Bucket;
        UseChunkEncoding = s3.UseChunkEncoding;
        var checksums = s3.ChecksumMode == "WhenSupported";
        var config = new AmazonS3Config
        {
            ForcePathStyle = s3.ForcePathStyle,
            AuthenticationRegion = s3.Region,
            RequestChecksumCalculation = checksums ? RequestChecksumCalculation.WHEN_SUPPORTED : RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = checksums ? ResponseChecksumValidation.WHEN_SUPPORTED : ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrEmpty(s3.ServiceUrl))
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(s3.Region);
        }
        else
        {
            config.ServiceURL = s3.ServiceUrl;
        }

        Client = new AmazonS3Client(new BasicAWSCredentials(s3.AccessKey, s3.SecretKey), config);
    }

    public IAmazonS3 Client { get; }

    public string Name { get; }

    public bool UseChunkEncoding { get; }

    public void Dispose() => Client.Dispose();
}

/// <summary>
/// Files in an S3-compatible bucket under their keys, so every node reads what any node kept. An
/// upload is sent from the seekable temporary file with its length, signed whole (no aws-chunked
/// framing unless <c>Storage:S3:UseChunkEncoding</c>), so memory does not grow with its size; reads
/// are streamed, a range as a ranged GET.
/// </summary>
public sealed class S3FileStore(PLBadgesDbContext db, DataFolder dataFolder, TimeProvider clock, S3Connection bucket) : FileStore(db, dataFolder, clock)
{
    protected override Task PutBytesAsync(string key, IncomingFile file, CancellationToken cancellationToken) =>
        PutFileAsync(key, file.Path, cancellationToken);

    /// <summary>Sends a local file's bytes under the key (the file is read twice: once to sign it, once to send it).</summary>
    internal async Task PutFileAsync(string key, string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        await bucket.Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket.Name,
            Key = key,
            InputStream = stream,
            AutoCloseStream = false,
            ContentType = "application/octet-stream",
            UseChunkEncoding = bucket.UseChunkEncoding,
        }, cancellationToken);
    }

    protected override async Task<Stream?> GetBytesAsync(string key, ByteRange? range, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest { BucketName = bucket.Name, Key = key };
        if (range is { } r)
        {
            request.ByteRange = new Amazon.S3.Model.ByteRange(r.From, r.To);
        }

        try
        {
            var response = await bucket.Client.GetObjectAsync(request, cancellationToken);
            return response.ResponseStream; // disposing it ends the response and frees the connection
        }
        catch (AmazonS3Exception problem) when (problem.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    protected override async Task DeleteBytesAsync(string key, CancellationToken cancellationToken) =>
        await bucket.Client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket.Name, Key = key }, cancellationToken);
}
