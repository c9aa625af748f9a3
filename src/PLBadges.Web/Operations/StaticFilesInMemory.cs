using System.Collections.Concurrent;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace PLBadges.Web.Operations;

/// <summary>
/// The theme's and modules' static files (and their precompressed copies) read once from disk and then answered from
/// memory: Kestrel has no zero-copy file sending, so each request for a file otherwise opens, reads and closes it.
/// A published site's files never change while it runs, so a file is read at its first request and kept; files over
/// <see cref="MaxFileBytes"/> are read from disk each time. Not used in Development, where the files are edited.
/// </summary>
internal sealed class StaticFilesInMemory(IFileProvider files) : IFileProvider
{
    public const long MaxFileBytes = 512 * 1024;

    private readonly ConcurrentDictionary<string, IFileInfo> read = new(StringComparer.Ordinal);

    public IFileInfo GetFileInfo(string subpath)
    {
        if (read.TryGetValue(subpath, out var kept))
        {
            return kept;
        }

        var file = files.GetFileInfo(subpath);
        if (!file.Exists || file.IsDirectory || file.Length > MaxFileBytes)
        {
            return file;
        }

        using var stream = file.CreateReadStream();
        using var copy = new MemoryStream((int)file.Length);
        stream.CopyTo(copy);
        return read.GetOrAdd(subpath, new FileInMemory(file.Name, file.LastModified, copy.ToArray()));
    }

    public IDirectoryContents GetDirectoryContents(string subpath) => files.GetDirectoryContents(subpath);

    public IChangeToken Watch(string filter) => files.Watch(filter);

    private sealed class FileInMemory(string name, DateTimeOffset lastModified, byte[] bytes) : IFileInfo
    {
        public bool Exists => true;

        public long Length => bytes.Length;

        /// <summary>None: the file is sent from memory, not by path.</summary>
        public string? PhysicalPath => null;

        public string Name => name;

        public DateTimeOffset LastModified => lastModified;

        public bool IsDirectory => false;

        public Stream CreateReadStream() => new MemoryStream(bytes, writable: false);
    }
}
