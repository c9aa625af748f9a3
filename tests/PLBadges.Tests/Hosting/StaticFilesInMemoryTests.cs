using Microsoft.Extensions.FileProviders;
using PLBadges.Web.Operations;

namespace PLBadges.Tests.Hosting;

/// <summary>The published site's static files: read from disk once, then answered from memory, byte for byte.</summary>
public sealed class StaticFilesInMemoryTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("plbadges-static-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_file_is_read_once_and_then_answered_from_memory_and_a_large_or_missing_one_from_disk()
    {
        File.WriteAllText(Path.Combine(folder, "site.css"), "body { color: #1f2937; }");
        var large = new byte[StaticFilesInMemory.MaxFileBytes + 1];
        Random.Shared.NextBytes(large);
        File.WriteAllBytes(Path.Combine(folder, "large.bin"), large);
        using var disk = new PhysicalFileProvider(folder);
        var files = new StaticFilesInMemory(disk);

        var css = files.GetFileInfo("site.css");
        Assert.Null(css.PhysicalPath); // sent from memory
        Assert.Equal(disk.GetFileInfo("site.css").Length, css.Length);
        Assert.Equal(disk.GetFileInfo("site.css").LastModified, css.LastModified);
        Assert.Equal("body { color: #1f2937; }", new StreamReader(css.CreateReadStream()).ReadToEnd());

        // The disk is not read again: a published site's files do not change while it runs.
        File.WriteAllText(Path.Combine(folder, "site.css"), "changed");
        Assert.Equal("body { color: #1f2937; }", new StreamReader(files.GetFileInfo("site.css").CreateReadStream()).ReadToEnd());
        Assert.Equal("body { color: #1f2937; }", new StreamReader(css.CreateReadStream()).ReadToEnd()); // each reader its own stream

        Assert.NotNull(files.GetFileInfo("large.bin").PhysicalPath);
        Assert.False(files.GetFileInfo("missing.css").Exists);
    }
}
