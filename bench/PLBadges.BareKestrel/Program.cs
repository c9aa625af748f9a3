// The anchor for the public-read figures (bench/load/public-reads.sh): a minimal Kestrel app that answers every
// request with one small JSON byte array, so each address of the site is measured as a share of what Kestrel alone
// manages on the same machine in the same run. Given a file (--file=path), it also answers /file with that file's
// bytes from memory: what Kestrel alone manages for a body of that size, the ceiling for a static file.
// Usage: dotnet run -c Release --project bench/PLBadges.BareKestrel -- http://127.0.0.1:5099 [--file=path]
var body = """{"ok":true}"""u8.ToArray();
var file = args.FirstOrDefault(a => a.StartsWith("--file=", StringComparison.Ordinal)) is { } path ? File.ReadAllBytes(path["--file=".Length..]) : null;
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(args.FirstOrDefault(a => a.StartsWith("http", StringComparison.Ordinal)) ?? "http://127.0.0.1:5099");
var app = builder.Build();
app.Run(context =>
{
    var answer = file != null && context.Request.Path == "/file" ? file : body;
    context.Response.ContentType = answer == body ? "application/json" : "text/css";
    context.Response.ContentLength = answer.Length;
    return context.Response.Body.WriteAsync(answer).AsTask();
});
app.Run();
