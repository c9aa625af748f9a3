using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;

namespace PLBadges.Testing;

/// <summary>
/// A real S3-compatible server on 127.0.0.1 (s3rver from npm, in tests/node), with its own folder
/// and one bucket made at start. MinIO is not installable here; s3rver speaks the same protocol.
/// </summary>
public sealed class S3Server : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";
    private readonly Process process;

    private S3Server(Process process, string folder, int port, string bucket)
    {
        this.process = process;
        Folder = folder;
        ServiceUrl = $"http://127.0.0.1:{port}";
        Bucket = bucket;
    }

    public string ServiceUrl { get; }

    public string Bucket { get; }

    /// <summary>Where s3rver keeps the objects.</summary>
    public string Folder { get; }

    public static async Task<S3Server> StartAsync(string bucket = "plbadges")
    {
        var folder = Directory.CreateTempSubdirectory("plbadges-s3-").FullName;
        var port = LocalServers.FreePort();
        var start = new ProcessStartInfo("node", [Repository.NodePackage("s3rver/bin/s3rver.js"), "--directory", folder, "--address", "127.0.0.1", "--port", port.ToString(), "--silent", "--configure-bucket", bucket])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start s3rver.");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"s3rver exited: {await process.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return new S3Server(process, folder, port, bucket);
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("s3rver did not start listening within 30 seconds.");
    }

    /// <summary>The site's settings for this store, with our defaults (no chunk encoding, checksums when required).</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Storage:Provider"] = "S3",
        ["Storage:S3:ServiceUrl"] = ServiceUrl,
        ["Storage:S3:Bucket"] = Bucket,
        ["Storage:S3:Region"] = "us-east-1",
        ["Storage:S3:AccessKey"] = AccessKey,
        ["Storage:S3:SecretKey"] = SecretKey,
        ["Storage:S3:ForcePathStyle"] = "true",
    };

    /// <summary>A client of the test's own, to look at or change what the server holds behind the site's back.</summary>
    public AmazonS3Client Client() => new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = ServiceUrl,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    public async ValueTask DisposeAsync() => await LocalServers.StopAsync(process, Folder);
}
