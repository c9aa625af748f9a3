using PLBadges.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPLBadges();

var app = builder.Build();
await app.UsePLBadgesAsync();
await app.RunAsync();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
