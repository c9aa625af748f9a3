using System.Text.Json.Nodes;

namespace PLBadges.LinkedData.Tests;

/// <summary>Where the tests' files are: the test vectors copied beside the tests, and the repository (for tests/node).</summary>
internal static class TestFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>The npm packages scripts/test.sh installs from tests/node/package-lock.json.</summary>
    public static string NodeModules => Path.Combine(Root, "tests", "node", "node_modules");

    public static string TestVector(string name) => Path.Combine(AppContext.BaseDirectory, "TestVectors", name);

    public static JsonObject ReadJson(string path) => (JsonObject)JsonNode.Parse(File.ReadAllText(path))!;

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PLBadges.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"PLBadges.sln was not found above {AppContext.BaseDirectory}.");
    }
}
