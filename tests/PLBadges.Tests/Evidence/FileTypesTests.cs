using System.IO.Compression;
using PLBadges.Evidence.Artifacts;

namespace PLBadges.Tests.Evidence;

public sealed class FileTypesTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("plbadges-filetypes-").FullName;

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Package(string name, params string[] entries)
    {
        var path = Path.Combine(folder, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var entry in entries)
        {
            using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
            writer.Write("<x/>");
        }

        return path;
    }

    [Fact]
    public void Files_are_recognised_by_their_bytes()
    {
        Assert.Equal(FileTypes.Pdf, FileTypes.Detect(Write("a", "%PDF-1.7\n"u8.ToArray())));
        Assert.Equal(FileTypes.Png, FileTypes.Detect(Write("b", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0])));
        Assert.Equal(FileTypes.Jpeg, FileTypes.Detect(Write("c", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10])));
        Assert.Equal(FileTypes.Gif, FileTypes.Detect(Write("d", "GIF89a...."u8.ToArray())));
        Assert.Equal(FileTypes.WebP, FileTypes.Detect(Write("e", "RIFF\0\0\0\0WEBPVP8 "u8.ToArray())));
        Assert.Equal(FileTypes.Text, FileTypes.Detect(Write("f", "Week 1: 3/5 on task\nWeek 2: 4/5 ✓\n"u8.ToArray())));
        Assert.Equal(FileTypes.Word, FileTypes.Detect(Package("g", "[Content_Types].xml", "word/document.xml")));
        Assert.Equal(FileTypes.PowerPoint, FileTypes.Detect(Package("h", "[Content_Types].xml", "ppt/presentation.xml")));
        Assert.Equal(FileTypes.Excel, FileTypes.Detect(Package("i", "[Content_Types].xml", "xl/workbook.xml")));
    }

    [Fact]
    public void Other_files_are_not_recognised()
    {
        Assert.Null(FileTypes.Detect(Write("exe", "MZ\u0090\0\u0003\0\0\0"u8.ToArray())));
        Assert.Null(FileTypes.Detect(Write("bin", [0xC3, 0x28, 0xA0, 0xA1]))); // not UTF-8
        Assert.Null(FileTypes.Detect(Package("zip", "readme.txt"))); // a zip that is no Office document
        Assert.Null(FileTypes.Detect(Write("broken-zip", "PK\u0003\u0004 not really"u8.ToArray())));
    }

    [Theory]
    [InlineData("lesson plan.pdf", null)]
    [InlineData("Évaluation – semaine 3.docx", null)]
    [InlineData("../secret.pdf", "folder part")]
    [InlineData("a/b.pdf", "folder part")]
    [InlineData("a\\b.pdf", "folder part")]
    [InlineData("tab\there.pdf", null)] // control characters are removed (DisplayText.Clean), not refused
    [InlineData("\u202E\u0007", "no name")] // ... and a name of nothing else is no name
    [InlineData("", "no name")]
    public void Names_with_folder_parts_are_refused_and_nothing_but_control_characters_is_no_name(string name, string? problem)
    {
        var found = ArtifactUploads.NameProblem(name);
        if (problem == null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found);
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
