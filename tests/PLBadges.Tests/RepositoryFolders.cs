namespace PLBadges.Tests;

/// <summary>Where the repository's own files are, found from the test output by walking up to PLBadges.sln.</summary>
internal static class RepositoryFolders
{
    public static string Root { get; } = FindRoot();

    public static string Recipes => Path.Combine(Root, "recipes");

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
