using System.Net;
using System.Security.Cryptography;
using Amazon.S3.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Files;
using PLBadges.Data;
using PLBadges.Data.Files;

namespace PLBadges.IntegrationTests;

/// <summary>
/// What only an S3-compatible store can get wrong, against s3rver on 127.0.0.1: the aws-chunked
/// framing kept inside objects, memory on a large upload, the scrub finding damage, and moving a
/// folder's files to the bucket with <c>storage migrate</c>.
/// </summary>
public sealed class S3StorageTests(S3Site fixture) : IClassFixture<S3Site>
{
    private TestSite Site => fixture.Site;

    private Task<StoredFile> KeepAsync(byte[] bytes) => KeepAsync(Site, bytes);

    internal static Task<StoredFile> KeepAsync(TestSite site, byte[] bytes) =>
        site.InScopeAsync(async services =>
        {
            var store = services.GetRequiredService<IFileStore>();
            await using var incoming = await store.ReceiveAsync(new MemoryStream(bytes), bytes.Length, CancellationToken.None);
            var kept = await store.KeepAsync(incoming, "s3-tests", CancellationToken.None);
            await services.GetRequiredService<PLBadgesDbContext>().SaveChangesAsync();
            return kept;
        });

    private async Task<byte[]> StoredObjectAsync(string key)
    {
        using var client = fixture.S3.Client();
        using var response = await client.GetObjectAsync(fixture.S3.Bucket, key);
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task An_upload_is_stored_as_its_own_bytes_with_no_chunk_framing()
    {
        var bytes = RandomNumberGenerator.GetBytes(200_000);
        var kept = await KeepAsync(bytes);

        // Read behind the site's back: the object is exactly what was sent, 200,000 bytes, not 200,476.
        Assert.Equal(bytes, await StoredObjectAsync(kept.Key));
        Assert.Equal(bytes, await Site.InScopeAsync(async services =>
        {
            await using var content = (await services.GetRequiredService<IFileStore>().OpenAsync(kept.Key, null, CancellationToken.None))!;
            using var copy = new MemoryStream();
            await content.Stream.CopyToAsync(copy);
            return copy.ToArray();
        }));
    }

    [Fact]
    public async Task With_the_SDKs_own_defaults_the_server_keeps_the_framing_and_the_checksum_refuses_the_file()
    {
        // Why Storage:S3:UseChunkEncoding and ChecksumMode default as they do: with the SDK's own
        // defaults the PUT succeeds, and the server keeps the aws-chunked framing with the bytes.
        var settings = new StorageOptions { Provider = "S3" };
        settings.S3 = new S3StorageOptions
        {
            ServiceUrl = fixture.S3.ServiceUrl,
            Bucket = fixture.S3.Bucket,
            AccessKey = S3Server.AccessKey,
            SecretKey = S3Server.SecretKey,
            UseChunkEncoding = true,
            ChecksumMode = "WhenSupported",
        };
        using var sdkDefaults = new S3Connection(Options.Create(settings));
        var bytes = RandomNumberGenerator.GetBytes(200_000);
        var kept = await Site.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PLBadgesDbContext>();
            var store = new S3FileStore(db, services.GetRequiredService<DataFolder>(), TimeProvider.System, sdkDefaults);
            await using var incoming = await store.ReceiveAsync(new MemoryStream(bytes), bytes.Length, CancellationToken.None);
            var file = await store.KeepAsync(incoming, "s3-tests", CancellationToken.None);
            await db.SaveChangesAsync();
            return file;
        });

        var stored = await StoredObjectAsync(kept.Key);
        Assert.NotEqual(bytes.Length, stored.Length);
        await Site.InScopeAsync(async services =>
        {
            var store = services.GetRequiredService<IFileStore>();
            await Assert.ThrowsAsync<FileChecksumException>(async () =>
            {
                await using var content = (await store.OpenAsync(kept.Key, null, CancellationToken.None))!;
                await content.Stream.CopyToAsync(Stream.Null);
            });
            Assert.Equal(FileScrub.Changed, await FileScrub.CheckAsync(store, kept.Key, CancellationToken.None));
        });
    }

    [Fact]
    public async Task The_scrub_records_and_logs_changed_and_missing_files_and_a_platform_admin_sees_them()
    {
        var whole = await KeepAsync(RandomNumberGenerator.GetBytes(10_000));
        var changed = await KeepAsync(RandomNumberGenerator.GetBytes(10_000));
        var missing = await KeepAsync(RandomNumberGenerator.GetBytes(10_000));
        using (var client = fixture.S3.Client())
        {
            await client.PutObjectAsync(new PutObjectRequest { BucketName = fixture.S3.Bucket, Key = changed.Key, InputStream = new MemoryStream(new byte[10_000]), UseChunkEncoding = false });
            await client.DeleteObjectAsync(fixture.S3.Bucket, missing.Key);
        }

        await Site.InScopeAsync(services => services.GetRequiredService<FileScrub>().RunAsync(CancellationToken.None));

        string Is(string key) => $"\"Key\" = '{key}' AND \"CheckedAt\" IS NOT NULL";
        Assert.Equal(1, await Site.CountAsync("StoredFiles", Is(whole.Key) + " AND \"Problem\" IS NULL"));
        Assert.Equal(1, await Site.CountAsync("StoredFiles", Is(changed.Key) + $" AND \"Problem\" = '{FileScrub.Changed}'"));
        Assert.Equal(1, await Site.CountAsync("StoredFiles", Is(missing.Key) + $" AND \"Problem\" = '{FileScrub.Missing}'"));

        var admin = await Site.SignedInClientAsync(DemoPeople.Platform);
        var page = await (await admin.GetAsync("/admin/storage")).TextAsync();
        Assert.Contains(changed.Key, page);
        Assert.Contains(missing.Key, page);
        Assert.DoesNotContain(whole.Key, page);
        var districtAdmin = await Site.SignedInClientAsync(DemoPeople.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await districtAdmin.GetAsync("/admin/storage")).StatusCode);

        // Put right, the next scrub clears it.
        using (var client = fixture.S3.Client())
        {
            await client.DeleteObjectAsync(fixture.S3.Bucket, changed.Key);
        }

        await Site.InScopeAsync(services => services.GetRequiredService<IFileStore>().DeleteAsync(changed.Key, CancellationToken.None));
        await Site.InScopeAsync(services => services.GetRequiredService<FileScrub>().RunAsync(CancellationToken.None));
        Assert.DoesNotContain(changed.Key, await (await admin.GetAsync("/admin/storage")).TextAsync());
    }
}

/// <summary>Runs alone: it measures the process's allocations, which other tests running beside it would add to.</summary>
[CollectionDefinition(nameof(AloneCollection), DisableParallelization = true)]
public sealed class AloneCollection;

[Collection(nameof(AloneCollection))]
public sealed class S3LargeUploadTests(S3Site fixture) : IClassFixture<S3Site>
{
    [Fact]
    public async Task A_100_MB_upload_is_streamed_with_memory_that_does_not_grow_with_its_size()
    {
        const long size = 100L * 1024 * 1024;
        var site = fixture.Site;
        await S3StorageTests.KeepAsync(site, [1]); // warm up the client and its connection
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var kept = await site.InScopeAsync(async services =>
        {
            var store = services.GetRequiredService<IFileStore>();
            await using var incoming = await store.ReceiveAsync(new PatternStream(size), size, CancellationToken.None);
            var file = await store.KeepAsync(incoming, "s3-tests", CancellationToken.None);
            await services.GetRequiredService<PLBadgesDbContext>().SaveChangesAsync();
            return file;
        });
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(size, kept.Size);
        Assert.True(allocated < 24 * 1024 * 1024, $"Keeping 100 MB allocated {allocated / 1024 / 1024} MB");

        using var client = fixture.S3.Client();
        Assert.Equal(size, (await client.GetObjectMetadataAsync(fixture.S3.Bucket, kept.Key)).ContentLength);

        // Read back whole, streamed and checked against its SHA-256 on the way.
        before = GC.GetTotalAllocatedBytes(precise: true);
        var readBack = await site.InScopeAsync(async services =>
        {
            await using var content = (await services.GetRequiredService<IFileStore>().OpenAsync(kept.Key, null, CancellationToken.None))!;
            using var sha = SHA256.Create();
            await using var hashing = new CryptoStream(Stream.Null, sha, CryptoStreamMode.Write);
            await content.Stream.CopyToAsync(hashing);
            await hashing.FlushFinalBlockAsync();
            return Convert.ToHexStringLower(sha.Hash!);
        });
        allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(kept.Sha256, readBack);
        Assert.True(allocated < 24 * 1024 * 1024, $"Reading 100 MB allocated {allocated / 1024 / 1024} MB");
    }

    /// <summary>A long stream of varied bytes made as it is read, so the test itself holds no 100 MB array.</summary>
    private sealed class PatternStream(long length) : Stream
    {
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            for (var i = 0; i < n; i++)
            {
                var p = position + i;
                buffer[offset + i] = (byte)((p * 2654435761L) >> 13);
            }

            position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
