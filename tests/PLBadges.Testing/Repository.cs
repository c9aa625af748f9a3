namespace PLBadges.Testing;

/// <summary>Where the repository and its built parts are, found from the test's own output folder.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built with (Debug unless told otherwise).</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar).Contains("Release") ? "Release" : "Debug";

    /// <summary>The site as built by the solution: run with <c>dotnet</c> from its own folder, as a published site is.</summary>
    public static string WebDll => Path.Combine(Root, "src", "PLBadges.Web", "bin", Configuration, "net10.0", "PLBadges.Web.dll");

    /// <summary>A tool from the tests' Node packages (tests/node, installed by scripts/test-deps.sh).</summary>
    public static string NodePackage(string relativePath)
    {
        var path = Path.Combine(Root, "tests", "node", "node_modules", relativePath);
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: run scripts/test-deps.sh (npm ci in tests/node).");
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PLBadges.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository (PLBadges.sln) was not found above " + AppContext.BaseDirectory);
    }
}
