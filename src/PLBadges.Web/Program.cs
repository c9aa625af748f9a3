using PLBadges.Web.Hosting;

// Commands (`storage migrate`) branch here, before any web host exists: no Kestrel, no job server.
if (StorageCommand.Matches(args))
{
    return await StartupFailure.OneLineAsync(() => StorageCommand.RunAsync(args));
}

return await StartupFailure.OneLineAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPLBadges();

    var app = builder.Build();
    await app.UsePLBadgesAsync();
    await app.RunAsync();
    return 0;
});

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
