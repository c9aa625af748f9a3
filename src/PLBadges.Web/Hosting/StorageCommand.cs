using PLBadges.Data;
using PLBadges.Data.Files;

namespace PLBadges.Web.Hosting;

/// <summary>
/// <c>storage migrate</c>: copies the kept files from the folder to the S3 bucket, with the site's own
/// settings (Storage:Provider=S3 and Storage:S3:* name the bucket; Storage:Folder the folder). It runs
/// alone, without the web host or the job server, and can be run again or resumed at any time.
/// </summary>
internal static class StorageCommand
{
    public static bool Matches(string[] args) => args.Length >= 1 && args[0] == "storage";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || args[1] != "migrate")
        {
            await Console.Error.WriteLineAsync("Usage: PLBadges.Web storage migrate [--Setting=value ...]  (copies Storage:Folder's files to the S3 bucket of Storage:S3:*)");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(args[2..]);
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (!storage.IsS3)
        {
            throw new StartupException("storage migrate copies the folder's files to an S3 bucket: set Storage:Provider=S3 and Storage:S3:* for the bucket (Storage:Folder names the folder to copy from).");
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPLBadgesData(builder.Configuration, builder.Environment);
        builder.Services.AddScoped<StorageMigration>();
        await using var services = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StorageMigration>().RunAsync(Console.WriteLine, CancellationToken.None);
        foreach (var failure in result.Failures)
        {
            await Console.Error.WriteLineAsync($"storage migrate: {failure}");
        }

        Console.WriteLine(result.Summary);
        return result.Failures.Count == 0 ? 0 : 1;
    }
}
