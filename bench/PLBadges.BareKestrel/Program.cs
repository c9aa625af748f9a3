// The anchor for the public-read figures (bench/load/public-reads.sh): a minimal Kestrel app that answers every
// request with one small JSON byte array, so each address of the site is measured as a share of what Kestrel alone
// manages on the same machine in the same run.
// Usage: dotnet run -c Release --project bench/PLBadges.BareKestrel -- http://127.0.0.1:5099
var body = """{"ok":true}"""u8.ToArray();
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(args.FirstOrDefault(a => a.StartsWith("http", StringComparison.Ordinal)) ?? "http://127.0.0.1:5099");
var app = builder.Build();
app.Run(context =>
{
    context.Response.ContentType = "application/json";
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body).AsTask();
});
app.Run();
